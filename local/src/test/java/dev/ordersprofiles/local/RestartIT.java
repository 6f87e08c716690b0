package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.local.auth.LocalIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Data live in the data folder: a stopped stack leaves no store process, and a new one finds them again. */
class RestartIT {
    @Test
    void profiles_and_orders_survive_a_restart_on_the_same_data_folder() throws Exception {
        CapturedStdout.install();
        Path data = Files.createTempDirectory("restart-it");
        String orderId;
        String sub = LocalIssuer.subjectOf("restart-user");
        try (LocalStack first = start(data)) {
            Http http = new Http(first.port());
            String token = http.token("restart-user");
            assertThat(http.post("/profiles", token, "{\"name\": \"Still Here\"}").status()).isEqualTo(201);
            orderId = http.post("/orders", token, "{\"amount\": 12.50, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}")
                    .json().get("orderId").asText();
            LocalStackIT.awaitStatusOn(http, token, orderId, "CONFIRMED");
            assertThat(EmbeddedStoreIT.storeProcess(data)).isPresent();
        }
        assertThat(EmbeddedStoreIT.storeProcess(data)).as("no store process left after close").isEmpty();

        try (LocalStack second = start(data)) {
            Http http = new Http(second.port());
            String token = http.token("restart-user");
            JsonNode profile = http.get("/profiles/" + sub, token).json();
            assertThat(profile.get("name").asText()).isEqualTo("Still Here");
            JsonNode order = http.get("/orders/" + orderId, token).json();
            assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(order.get("history")).hasSize(5);
            assertThat(http.post("/profiles", token, "{\"name\": \"Renamed\"}").status()).isEqualTo(200);
        }
    }

    private static LocalStack start(Path data) throws Exception {
        return LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(data)
                .withTemplate(Path.of("..", "sam", "template.yaml")));
    }
}
