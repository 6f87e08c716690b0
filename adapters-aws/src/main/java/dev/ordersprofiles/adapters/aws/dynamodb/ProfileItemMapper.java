package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Map;

/** Profile <-> profiles-table item: userId, name, email, createdAt, updatedAt (all S). */
public final class ProfileItemMapper {
    static final String USER_ID = TableDefinitions.USER_ID;
    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    private final String table;

    public ProfileItemMapper(String table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(UserId userId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId.value()));
    }

    public Map<String, AttributeValue> toItem(Profile profile) {
        return Map.of(
                USER_ID, AttributeValue.fromS(profile.userId().value()),
                NAME, AttributeValue.fromS(profile.name().value()),
                EMAIL, AttributeValue.fromS(profile.email().value()),
                CREATED_AT, AttributeValue.fromS(Timestamps.format(profile.createdAt())),
                UPDATED_AT, AttributeValue.fromS(Timestamps.format(profile.updatedAt())));
    }

    /** @throws CorruptItem when the item is not a well-formed profile */
    public Profile fromItem(Map<String, AttributeValue> item) {
        AttributeValue idValue = item.get(USER_ID);
        String key = idValue != null && idValue.s() != null ? idValue.s() : "<no userId>";
        ItemReader read = new ItemReader(table, key, item);
        UserId userId = read.convert(USER_ID, UserId::of);
        ProfileName name = read.convert(NAME, ProfileName::of);
        Email email = read.convert(EMAIL, Email::of);
        Instant createdAt = read.instant(CREATED_AT);
        Instant updatedAt = read.instant(UPDATED_AT);
        try {
            return new Profile(userId, name, email, createdAt, updatedAt);
        } catch (RuntimeException e) {
            throw read.corruptItem("not a valid profile (" + e.getMessage() + ")", e);
        }
    }
}
