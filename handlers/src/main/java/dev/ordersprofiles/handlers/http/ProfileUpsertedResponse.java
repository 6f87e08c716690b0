package dev.ordersprofiles.handlers.http;

/** 200/201 body of POST /profiles. */
public record ProfileUpsertedResponse(String message, ProfileResponse profile) {
    static ProfileUpsertedResponse of(ProfileResponse profile) {
        return new ProfileUpsertedResponse("profile upserted", profile);
    }
}
