package dev.ordersprofiles.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strings come out escaped exactly as Jackson's ObjectMapper escapes them. */
class JsonBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_ascii_character_and_some_beyond_are_written_as_jackson_writes_them() throws Exception {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            ascii.append(c);
        }
        for (String text : new String[] {ascii.toString(), "", "plain", "caf\u00e9 \u00ff \u0100 \u07ff \u0800 \uffff",
                "\u20ac \u2028 \u2029", "\uD83D\uDE00 pair", "\uD800 lone high", "lone low \uDC00", "end \uD83D",
                "x".repeat(300) + "\"" + "y".repeat(300)}) {
            ObjectNode tree = JSON.createObjectNode().put(text, text);
            tree.putArray("a").add(text).addNull().add(-12L).add(true).add(false);
            byte[] expected = JSON.writeValueAsBytes(tree);

            byte[] written = JsonBytes.local().startObject().name(text).value(text).name("a").startArray()
                    .value(text).nullValue().value(-12L).value(true).value(false).endArray().endObject().toByteArray();

            assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(written).isEqualTo(expected);
        }
    }

    @Test
    void a_copied_value_repeats_it_and_field_names_can_be_encoded_once() {
        byte[] name = JsonBytes.fieldName("n\u00e4me");
        JsonBytes json = JsonBytes.local().startObject().name(name);
        int from = json.mark();
        json.value("v\"1");
        int to = json.mark();
        json.name("copies").startArray().copyValue(from, to).copyValue(from, to).endArray().endObject();

        assertThat(json.asString()).isEqualTo("{\"n\u00e4me\":\"v\\\"1\",\"copies\":[\"v\\\"1\",\"v\\\"1\"]}");
    }
}
