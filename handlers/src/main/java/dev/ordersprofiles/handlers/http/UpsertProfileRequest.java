package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.application.profile.UpsertProfileCommand;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;

/** Body of POST /profiles (contracts/openapi.yaml UpsertProfileRequest); identity comes from the token. */
public record UpsertProfileRequest(String name) {

    UpsertProfileCommand toCommand(UserId user, Email email) {
        Fields fields = new Fields();
        ProfileName profileName = fields.required("name", name) ? fields.build("name", () -> ProfileName.of(name)) : null;
        fields.check();
        return new UpsertProfileCommand(user, email, profileName);
    }
}
