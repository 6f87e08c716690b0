package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;

/** 200/201 body of POST /profiles. */
public record ProfileUpsertedResponse(String message, ProfileResponse profile) implements PlainJson.Writable {
    static ProfileUpsertedResponse of(ProfileResponse profile) {
        return new ProfileUpsertedResponse("profile upserted", profile);
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        HttpJson.field(out, "message", message);
        if (profile != null) {
            out.writeFieldName("profile");
            profile.writeJson(out);
        }
        out.writeEndObject();
    }
}
