package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.application.shared.UtcMillis;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;

/** A profile as the API shows it (contracts/openapi.yaml Profile). */
public record ProfileResponse(String userId, String name, String email, String createdAt, String updatedAt)
        implements PlainJson.Writable {
    static ProfileResponse from(Profile profile) {
        return new ProfileResponse(profile.userId().value(), profile.name().value(), profile.email().value(),
                UtcMillis.format(profile.createdAt()), UtcMillis.format(profile.updatedAt()));
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        HttpJson.field(out, "userId", userId);
        HttpJson.field(out, "name", name);
        HttpJson.field(out, "email", email);
        HttpJson.field(out, "createdAt", createdAt);
        HttpJson.field(out, "updatedAt", updatedAt);
        out.writeEndObject();
    }
}
