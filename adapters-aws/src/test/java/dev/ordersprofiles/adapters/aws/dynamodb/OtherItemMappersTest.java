package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtherItemMappersTest {
    private final ProfileItemMapper profiles = new ProfileItemMapper("profiles");
    private final IdempotencyItemMapper idempotency = new IdempotencyItemMapper("idempotency");

    @Test
    void a_profile_round_trips_with_the_seed_attribute_names() {
        Profile profile = Profile.create(OrderFixtures.ALICE, ProfileName.of("Ada ✓"), Email.of("ada@example.com"),
                OrderFixtures.T0);

        Map<String, AttributeValue> item = profiles.toItem(profile);

        assertThat(item).containsOnlyKeys("userId", "name", "email", "createdAt", "updatedAt");
        assertThat(profiles.fromItem(item)).isEqualTo(profile);
    }

    @Test
    void a_profile_with_a_bad_email_is_reported_with_its_key() {
        Map<String, AttributeValue> item = new HashMap<>(profiles.toItem(Profile.create(OrderFixtures.ALICE,
                ProfileName.of("Ada"), Email.of("ada@example.com"), OrderFixtures.T0)));
        item.put("email", AttributeValue.fromS("not-an-email"));

        assertThatThrownBy(() -> profiles.fromItem(item)).isInstanceOf(CorruptItem.class)
                .hasMessageContaining("table profiles").hasMessageContaining("key alice-sub")
                .hasMessageContaining("attribute email has an invalid value");
    }

    @Test
    void an_idempotency_record_round_trips_and_its_ttl_never_precedes_expiry() {
        IdempotencyRecord ascii = new IdempotencyRecord(OrderFixtures.ALICE, IdempotencyKey.of("k#1"),
                "hash", OrderFixtures.newId(), Instant.parse("2026-11-28T10:00:00.250Z"));

        Map<String, AttributeValue> item = idempotency.toItem(ascii);

        assertThat(item.get("pk").s()).isEqualTo("alice-sub#k#1");
        assertThat(item.get("ttlEpoch").n()).isEqualTo(Long.toString(Instant.parse("2026-11-28T10:00:01Z").getEpochSecond()));
        assertThat(idempotency.fromItem(item)).isEqualTo(ascii);
    }

    @Test
    void an_idempotency_record_without_order_id_is_reported_with_its_key() {
        Map<String, AttributeValue> item = new HashMap<>(idempotency.toItem(new IdempotencyRecord(OrderFixtures.ALICE,
                IdempotencyKey.of("k1"), "hash", OrderFixtures.newId(), OrderFixtures.T0)));
        item.remove("orderId");

        assertThatThrownBy(() -> idempotency.fromItem(item)).isInstanceOf(CorruptItem.class)
                .hasMessageContaining("key alice-sub#k1").hasMessageContaining("attribute orderId is missing");
    }
}
