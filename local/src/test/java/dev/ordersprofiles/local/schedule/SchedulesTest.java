package dev.ordersprofiles.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.template.ScheduleDef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulesTest {
    @Test
    void rate_expressions_give_their_period() {
        assertThat(Schedules.parseRate("rate(1 hour)")).isEqualTo(Duration.ofHours(1));
        assertThat(Schedules.parseRate("rate(5 minutes)")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Schedules.parseRate("rate(30 seconds)")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Schedules.parseRate("cron(0 * * * ? *)")).hasMessageContaining("rate(N unit)");
        assertThatThrownBy(() -> Schedules.parseRate("rate(0 hours)")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Schedules.parseRate("rate(2 fortnights)")).hasMessageContaining("unknown unit");
    }

    @Test
    void the_event_is_an_eventbridge_scheduled_event() throws Exception {
        JsonNode event = new ObjectMapper().readTree(Schedules.event(
                new ScheduleDef("local-orders-cleanup", "orders-cleanup", "rate(1 hour)", true, 2),
                Instant.parse("2026-11-27T10:00:00.123Z")));

        assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.get("source").asText()).isEqualTo("aws.events");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(event.get("resources").get(0).asText())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/local-orders-cleanup");
        assertThat(event.get("detail").isObject()).isTrue();
    }
}
