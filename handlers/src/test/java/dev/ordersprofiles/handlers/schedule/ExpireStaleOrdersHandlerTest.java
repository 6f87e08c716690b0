package dev.ordersprofiles.handlers.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.handlers.common.Json;
import dev.ordersprofiles.handlers.support.Api;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.TestContext;
import dev.ordersprofiles.handlers.support.World;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpireStaleOrdersHandlerTest {
    private final World world = new World(Map.of("METRICS_NAMESPACE", "CleanupTest"));
    private final ExpireStaleOrdersHandler handler = new ExpireStaleOrdersHandler(world.component);
    private final ScheduledEvent event = EventLoader.loadScheduledEvent("contracts/events/schedule-orders-cleanup.json");
    private final Map<String, Object> eventMap = eventAsMap();

    @Test
    void the_scheduled_event_expires_pending_orders_past_their_deadline_only() throws IOException {
        Order stale = world.pendingOrder("42.50", "A-1", 1);
        world.clock.advance(Duration.ofSeconds(901));
        Order fresh = world.pendingOrder("42.50", "A-1", 1);

        try (CapturedStdout out = new CapturedStdout()) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(
                    Api.resource("contracts/events/schedule-orders-cleanup.json").getBytes(StandardCharsets.UTF_8)),
                    answer, new TestContext());
            Map<String, Object> report = Json.MAPPER.readValue(answer.toByteArray(), new TypeReference<>() { });

            assertThat(report).containsEntry("expired", 1).containsEntry("skipped", 0);
            assertThat(world.stored(stale.id()).status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(world.stored(fresh.id()).status()).isEqualTo(OrderStatus.PENDING);
            assertThat(out.metricLines()).hasSize(1);
            assertThat(out.metricLines().get(0).path("OrdersExpired").asInt()).isEqualTo(1);
            assertThat(out.metricLines().get(0).path("_aws").path("CloudWatchMetrics").get(0).path("Namespace")
                    .asText()).isEqualTo("CleanupTest");
            assertThat(out.metricLines().get(0).path("function").asText()).isEqualTo("orders-cleanup");
            assertThat(out.invocationLines()).hasSize(1);
            assertThat(out.invocationLines().get(0).path("expired").asInt()).isEqualTo(1);
        }
    }

    @Test
    void the_contract_event_loads_as_a_scheduled_event() {
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
    }

    @Test
    void nothing_to_expire_reports_zero() {
        world.pendingOrder("42.50", "A-1", 1);

        assertThat(handler.handleRequest(eventMap, new TestContext())).containsEntry("expired", 0);
    }

    private static Map<String, Object> eventAsMap() {
        try {
            return Json.MAPPER.readValue(Api.resource("contracts/events/schedule-orders-cleanup.json"),
                    new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
