package dev.ordersprofiles.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.local.template.TableDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSpecTest {
    @Test
    void keys_come_hash_first_and_stream_and_ttl_from_their_specifications() {
        TableSpec spec = TableSpec.of(new TableDef("T", "things", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "sk", "KeyType", "RANGE"),
                        Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE"),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires", "Enabled", true))));

        assertThat(spec.keyAttributes()).containsExactly("pk", "sk");
        assertThat(spec.streamViewType()).contains("NEW_IMAGE");
        assertThat(spec.ttlAttribute()).contains("expires");
    }

    @Test
    void a_table_without_stream_or_with_ttl_disabled_has_neither() {
        TableSpec spec = TableSpec.of(new TableDef("T", "things", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires", "Enabled", "false"))));

        assertThat(spec.hasStream()).isFalse();
        assertThat(spec.ttlAttribute()).isEmpty();
    }

    @Test
    void an_unknown_view_type_or_a_missing_key_schema_is_refused() {
        assertThatThrownBy(() -> TableSpec.of(new TableDef("T", "things", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "EVERYTHING")))))
                .hasMessageContaining("EVERYTHING");
        assertThatThrownBy(() -> TableSpec.of(new TableDef("T", "things", Map.of())))
                .hasMessageContaining("KeySchema");
    }
}
