package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The alarm on orders that ended FAILED with something left to undo watches the metric the handlers emit, under
 * the dimensions they emit it with (handlers/src/main/java/dev/ordersprofiles/handlers/common/EmfEventLog.java:
 * service and the function's short name), for every function that can emit it.
 */
class NeedsAttentionAlarmTest {
    private static final Path HANDLERS = Template.REPO.resolve("handlers/src/main/java/dev/ordersprofiles/handlers");

    @Test
    @SuppressWarnings("unchecked")
    void the_alarm_watches_orders_needing_attention_from_every_function_that_records_them() {
        Map<String, Object> alarm = Template.load().properties("OrdersNeedingAttentionAlarm");
        Set<String> functions = new TreeSet<>();
        for (Object query : (List<Object>) alarm.get("Metrics")) {
            Map<String, Object> stat = (Map<String, Object>) ((Map<String, Object>) query).get("MetricStat");
            if (stat == null) {
                continue;
            }
            Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
            assertThat(metric.get("Namespace")).isEqualTo("OrdersProfiles");
            assertThat(metric.get("MetricName")).isEqualTo("OrdersNeedingAttention");
            for (Object d : (List<Object>) metric.get("Dimensions")) {
                Map<String, Object> dimension = (Map<String, Object>) d;
                if ("service".equals(dimension.get("Name"))) {
                    assertThat(dimension.get("Value")).isEqualTo("orders-profiles");
                } else {
                    assertThat(dimension.get("Name")).isEqualTo("function");
                    functions.add(String.valueOf(dimension.get("Value")));
                }
            }
        }
        assertThat(alarm.get("AlarmActions")).asString().contains("AlarmTopic");
        assertThat(functions).containsExactly("mark-order-failed", "orders-cleanup", "orders-create");
        assertThat(Template.read(Template.REPO.resolve(
                "application/src/main/java/dev/ordersprofiles/application/event/BusinessEvent.java")))
                .contains("return \"OrdersNeedingAttention\";");
        assertThat(Template.read(HANDLERS.resolve("workflow/MarkOrderFailedHandler.java")))
                .contains("new Invocations(\"mark-order-failed\")");
        assertThat(Template.read(HANDLERS.resolve("schedule/ExpireStaleOrdersHandler.java")))
                .contains("new Invocations(\"orders-cleanup\")");
        assertThat(Template.read(HANDLERS.resolve("http/PlaceOrderHandler.java")))
                .contains("new Invocations(\"orders-create\")");
    }
}
