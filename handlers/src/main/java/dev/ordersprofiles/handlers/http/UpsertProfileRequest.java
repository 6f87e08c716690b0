package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.application.profile.UpsertProfileCommand;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.io.IOException;

/** Body of POST /profiles (contracts/openapi.yaml UpsertProfileRequest); identity comes from the token. */
public record UpsertProfileRequest(String name) {

    static UpsertProfileRequest read(JsonBody body, String path) throws IOException {
        String name = null;
        while (body.nextField()) {
            String field = body.name();
            if (field.equals("name")) {
                name = body.string(path + field);
            } else {
                body.unknown(path + field);
            }
        }
        return new UpsertProfileRequest(name);
    }

    UpsertProfileCommand toCommand(UserId user, Email email) {
        Fields fields = new Fields();
        ProfileName profileName = fields.required("name", name) ? fields.build("name", () -> ProfileName.of(name)) : null;
        fields.check();
        return new UpsertProfileCommand(user, email, profileName);
    }
}
