package dev.ordersprofiles.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.stream.TableStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which items a write touches: only those of tables with a stream, with their keys. */
class ChangeCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TableSpec streamed = new TableSpec("streamed", List.of("pk", "sk"), Optional.of("KEYS_ONLY"),
            Optional.empty());
    private final TableSpec plain = new TableSpec("plain", List.of("id"), Optional.empty(), Optional.empty());
    private final ChangeCapture capture = new ChangeCapture(new StoreClient(URI.create("http://127.0.0.1:9")),
            Map.of("streamed", streamed, "plain", plain),
            Map.of("streamed", new TableStream("us-east-1", "arn", "KEYS_ONLY", List.of(), Clock.systemUTC())));

    @Test
    void every_write_operation_names_its_items() throws Exception {
        assertThat(keys("PutItem", "{\"TableName\":\"streamed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"x\":{\"S\":\"y\"}}}"))
                .containsExactly("streamed {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
        assertThat(keys("UpdateItem", "{\"TableName\":\"streamed\",\"Key\":{\"sk\":{\"N\":\"1\"},\"pk\":{\"S\":\"a\"}}}"))
                .containsExactly("streamed {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
        assertThat(keys("DeleteItem", "{\"TableName\":\"streamed\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}"))
                .containsExactly("streamed {\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}");
        assertThat(keys("BatchWriteItem", "{\"RequestItems\":{\"streamed\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}},"
                + "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}}],"
                + "\"plain\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"z\"}}}}]}}"))
                .containsExactly("streamed {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}",
                        "streamed {\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}");
        assertThat(keys("TransactWriteItems", "{\"TransactItems\":["
                + "{\"Put\":{\"TableName\":\"streamed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}},"
                + "{\"ConditionCheck\":{\"TableName\":\"streamed\",\"Key\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":\"3\"}}}},"
                + "{\"Delete\":{\"TableName\":\"streamed\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}}]}"))
                .containsExactly("streamed {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}",
                        "streamed {\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}");
    }

    @Test
    void reads_tables_without_a_stream_and_keyless_writes_touch_nothing() throws Exception {
        assertThat(keys("GetItem", "{\"TableName\":\"streamed\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}")).isEmpty();
        assertThat(keys("PutItem", "{\"TableName\":\"plain\",\"Item\":{\"id\":{\"S\":\"a\"}}}")).isEmpty();
        assertThat(keys("PutItem", "{\"TableName\":\"unknown\",\"Item\":{\"id\":{\"S\":\"a\"}}}")).isEmpty();
        assertThat(keys("PutItem", "{\"TableName\":\"streamed\",\"Item\":{\"pk\":{\"S\":\"a\"}}}")).isEmpty();
    }

    private List<String> keys(String operation, String request) throws Exception {
        return capture.targets(operation, JSON.readTree(request)).stream()
                .map(t -> t.table() + " " + t.key()).toList();
    }
}
