package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbOrderRepository;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.local.auth.LocalIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack with --dynamodb-endpoint against dynalite: tables made from the template, the same flows. */
class DynamoDbModeIT {
    private static Dynalite dynalite;
    private static LocalStack stack;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        dynalite = Dynalite.shared();
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("dynamodb-mode-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withDynamodbEndpoint(dynalite.endpoint()));
        http = new Http(stack.port());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void tables_come_from_the_template_and_the_flow_works_on_them() throws Exception {
        assertThat(dynalite.dynamoDb().listTables()).contains("orders", "profiles", "idempotency");
        String token = http.token("dynamo-user");
        String sub = LocalIssuer.subjectOf("dynamo-user");

        assertThat(http.post("/profiles", token, "{\"name\": \"Dyna Mo\"}").status()).isIn(200, 201);
        assertThat(http.get("/profiles/" + sub, token).json().get("name").asText()).isEqualTo("Dyna Mo");
        assertThat(CapturedStdout.await("WELCOME: userId=" + sub + " name=Dyna Mo", Duration.ofSeconds(20)))
                .isPresent();

        String orderId = http.post("/orders", token, "{\"amount\": 42.50, \"items\": [{\"sku\": \"A-1\", \"qty\": 2}]}")
                .json().get("orderId").asText();
        JsonNode order = LocalStackIT.awaitStatusOn(http, token, orderId, "CONFIRMED");
        assertThat(order.get("history")).hasSize(5);
    }

    @Test
    void the_cleanup_expires_a_stale_pending_order_in_the_table() throws Exception {
        String token = http.token("stale-user");
        UserId owner = UserId.of(LocalIssuer.subjectOf("stale-user"));
        DynamoDbOrderRepository table = new DynamoDbOrderRepository(dynalite.dynamoDb(), "orders", 8,
                Duration.ofDays(30), 0);
        Order stale = Order.place(OrderId.of(UUID.randomUUID()), owner, Money.of("3.00"), List.of(LineItem.of("A-1", 1)),
                Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(15));
        table.add(stale);

        Http.Answer run = http.signed("POST", "/2015-03-31/functions/orders-cleanup/invocations", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.header("X-Amz-Function-Error")).as(run.body()).isNull();

        assertThat(http.get("/orders/" + stale.id(), token).json().get("status").asText()).isEqualTo("EXPIRED");
    }
}
