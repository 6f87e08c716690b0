package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;
import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}); {@code errors} only on 400. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors)
        implements PlainJson.Writable {
    public static final String TYPE_BASE = "https://ordersprofiles.dev/problems/";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        HttpJson.field(out, "type", type);
        HttpJson.field(out, "title", title);
        out.writeNumberField("status", status);
        HttpJson.field(out, "detail", detail);
        if (errors != null) {
            out.writeArrayFieldStart("errors");
            for (FieldError error : errors) {
                out.writeStartObject();
                HttpJson.field(out, "field", error.field());
                HttpJson.field(out, "message", error.message());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }
}
