package dev.ordersprofiles.local.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_templates_insert_filter_passes_inserts_only() throws Exception {
        EventPattern inserts = EventPattern.parse("{\"eventName\":[\"INSERT\"]}");

        assertThat(inserts.matches(JSON.readTree("{\"eventName\":\"INSERT\",\"dynamodb\":{}}"))).isTrue();
        assertThat(inserts.matches(JSON.readTree("{\"eventName\":\"MODIFY\"}"))).isFalse();
        assertThat(inserts.matches(JSON.readTree("{}"))).isFalse();
    }

    @Test
    void nested_exists_and_prefix_matchers_work() throws Exception {
        EventPattern pattern = EventPattern.parse(
                "{\"dynamodb\":{\"NewImage\":{\"name\":{\"S\":[{\"prefix\":\"A\"}]},\"email\":{\"S\":[{\"exists\":true}]}}}}");

        assertThat(pattern.matches(JSON.readTree(
                "{\"dynamodb\":{\"NewImage\":{\"name\":{\"S\":\"Ada\"},\"email\":{\"S\":\"a@x\"}}}}"))).isTrue();
        assertThat(pattern.matches(JSON.readTree(
                "{\"dynamodb\":{\"NewImage\":{\"name\":{\"S\":\"Bob\"},\"email\":{\"S\":\"b@x\"}}}}"))).isFalse();
        assertThat(pattern.matches(JSON.readTree("{\"dynamodb\":{\"NewImage\":{\"name\":{\"S\":\"Ada\"}}}}")))
                .isFalse();
    }

    @Test
    void unsupported_matchers_are_refused_not_ignored() {
        assertThatThrownBy(() -> EventPattern.parse("{\"eventName\":[{\"anything-but\":\"REMOVE\"}]}"))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> EventPattern.parse("[1]")).hasMessageContaining("object");
    }
}
