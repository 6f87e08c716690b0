package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;

/** 200 body of GET /health. */
public record HealthResponse(boolean ok, String service) implements PlainJson.Writable {
    static final HealthResponse UP = new HealthResponse(true, "serverless-api");

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeBooleanField("ok", ok);
        HttpJson.field(out, "service", service);
        out.writeEndObject();
    }
}
