package dev.ordersprofiles.handlers.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ordersprofiles.handlers.support.Api;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.TestContext;
import dev.ordersprofiles.handlers.support.World;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WelcomeProfileHandlerTest {
    private final WelcomeProfileHandler handler = new WelcomeProfileHandler(new World().component);

    private static DynamodbEvent event(String name) {
        return EventLoader.loadDynamoDbEvent("contracts/events/" + name + ".json");
    }

    @Test
    void an_insert_record_logs_the_welcome_line() {
        try (CapturedStdout out = new CapturedStdout()) {
            StreamsEventResponse response = handler.handleRequest(event("stream-profiles-insert"), new TestContext());

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(out.lines()).contains("WELCOME: userId=" + Api.SUB + " name=Ada Lovelace");
            assertThat(out.invocationLines()).hasSize(1);
            assertThat(out.invocationLines().get(0).path("welcomed").asInt()).isEqualTo(1);
            assertThat(out.invocationLines().get(0).path("function").asText()).isEqualTo("profiles-stream-welcome");
        }
    }

    @Test
    void a_modify_record_welcomes_nobody() {
        try (CapturedStdout out = new CapturedStdout()) {
            StreamsEventResponse response = handler.handleRequest(event("stream-profiles-modify"), new TestContext());

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(out.text()).doesNotContain("WELCOME");
            assertThat(out.lines()).hasSize(1);
        }
    }

    @Test
    void an_insert_it_cannot_read_is_reported_as_a_batch_item_failure_and_processing_stops_there() {
        DynamodbEvent broken = event("stream-profiles-insert");
        broken.getRecords().get(0).getDynamodb().getNewImage().remove("name");
        DynamodbEvent good = event("stream-profiles-insert");
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(broken.getRecords());
        records.addAll(good.getRecords());
        broken.setRecords(records);
        try (CapturedStdout out = new CapturedStdout()) {
            StreamsEventResponse response = handler.handleRequest(broken, new TestContext());

            assertThat(response.getBatchItemFailures()).hasSize(1);
            assertThat(response.getBatchItemFailures().get(0).getItemIdentifier())
                    .isEqualTo("4421584500000000017450439091");
            assertThat(out.text()).doesNotContain("WELCOME");
            assertThat(out.invocationLines().get(0).path("level").asText()).isEqualTo("WARN");
        }
    }
}
