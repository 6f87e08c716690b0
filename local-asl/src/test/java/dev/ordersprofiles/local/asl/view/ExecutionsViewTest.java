package dev.ordersprofiles.local.asl.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.local.asl.Execution;
import dev.ordersprofiles.local.asl.Executions;
import dev.ordersprofiles.local.asl.InvocationResult;
import dev.ordersprofiles.local.asl.StateMachine;
import dev.ordersprofiles.local.asl.VirtualScheduler;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutionsViewTest {

    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final String ARN = StateMachine.arnFor("us-east-1", "123456789012", "Demo");

    private final ExecutionsView view = new ExecutionsView("/_local/executions");
    private Execution execution;

    /** Start -> flaky Task (1 retry) -> Choice -> (Done | Bad), with a hostile state name and hostile input. */
    @BeforeEach
    void run() {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        Executions executions = new Executions((fn, payload) -> CompletableFuture.completedFuture(
                calls.incrementAndGet() == 1 ? InvocationResult.throttled() : InvocationResult.success(payload)),
                scheduler, new Random(1), "us-east-1");
        String definition = """
                {"StartAt": "Start", "States": {
                  "Start": {"Type": "Pass", "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "OutputPath": "$.Payload",
                           "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"]}],
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Bad"}], "Next": "Decide"},
                  "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true,
                             "Next": "%s"}], "Default": "Bad"},
                  "%s": {"Type": "Fail", "Error": "Hostile<b>", "Cause": "\\"><img src=x onerror=alert(1)>"},
                  "Bad": {"Type": "Fail"}}}""".formatted(HOSTILE, HOSTILE);
        StateMachine machine = StateMachine.load(ARN, definition);
        execution = scheduler.runUntilDone(executions.start(machine, "run-1",
                "{\"ok\":true,\"note\":\"" + HOSTILE + "\"}").completion());
    }

    @Test
    void a_child_links_to_the_execution_that_started_it_as_the_console_does() {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
        Executions executions = new Executions((fn, payload) -> new CompletableFuture<>(), scheduler);
        StateMachine machine = StateMachine.load(ARN, "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        String parent = "arn:aws:states:us-east-1:123456789012:execution:Parent:order-7";
        Execution child = scheduler.runUntilDone(executions.start(machine, "child",
                "{\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + parent + "\"}").completion());

        assertThat(view.detailJson(child).get("startedBy").asText()).isEqualTo(parent);
        assertThat(view.html(child)).contains("<dt>started by</dt><dd><a href=\"/_local/executions/order-7\">");
        assertThat(view.detailJson(execution).has("startedBy")).isFalse();
        assertThat(view.html(execution)).doesNotContain("started by");
    }

    @Test
    void list_json_has_the_list_executions_fields() {
        JsonNode list = view.listJson(List.of(execution));
        assertThat(list.at("/executions/0").fieldNames()).toIterable()
                .containsExactly("executionArn", "stateMachineArn", "name", "type", "status", "startDate", "stopDate");
        assertThat(list.at("/executions/0/type").asText()).isEqualTo("STANDARD");
        assertThat(list.at("/executions/0/status").asText()).isEqualTo("FAILED");
        assertThat(list.at("/executions/0/name").asText()).isEqualTo("run-1");
    }

    @Test
    void detail_json_has_state_visits_with_retries_and_the_aws_shaped_history() {
        JsonNode detail = view.detailJson(execution);
        assertThat(detail.get("error").asText()).isEqualTo("Hostile<b>");
        assertThat(detail.at("/input/ok").asBoolean()).isTrue();
        JsonNode work = detail.get("states").get(1);
        assertThat(work.get("name").asText()).isEqualTo("Work");
        assertThat(work.get("attempts").asInt()).isEqualTo(2);
        assertThat(work.get("retries").asInt()).isEqualTo(1);
        assertThat(work.at("/failures/0/error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(work.get("outcome").asText()).isEqualTo("exited");
        assertThat(detail.get("states").get(3).get("outcome").asText()).isEqualTo("failed");
        JsonNode first = detail.at("/events/0");
        assertThat(first.get("type").asText()).isEqualTo("ExecutionStarted");
        assertThat(first.has("executionStartedEventDetails")).isTrue();
    }

    @Test
    void html_draws_every_state_and_marks_the_path_taken() {
        String html = view.html(execution);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").endsWith("</html>\n");
        assertThat(html).contains("<g class=\"node visited\" data-state=\"Start\">",
                "<g class=\"node visited\" data-state=\"Work\">", "<g class=\"node visited\" data-state=\"Decide\">",
                "<g class=\"node failed\" data-state=\"&lt;script&gt;alert(1)&lt;/script&gt;\">",
                "<g class=\"node\" data-state=\"Bad\">");
        assertThat(html).contains("Task \u00b7 1 retry");
        assertThat(html).contains("<path class=\"edge taken\"").contains("<path class=\"edge catch\"");
        assertThat(html).contains("2 (1 retry)");
    }

    @Test
    void html_escapes_everything_taken_from_the_definition_input_and_errors() {
        String html = view.html(execution);
        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<img").doesNotContain("Hostile<b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("Hostile&lt;b&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void html_is_self_contained() {
        String html = view.html(execution) + view.listHtml(List.of(execution));
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"")
                .doesNotContain("@import").doesNotContain("url(http");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void list_html_links_each_execution_by_name() {
        String html = view.listHtml(List.of(execution));
        assertThat(html).contains("<a href=\"/_local/executions/run-1\">run-1</a>").contains("FAILED");
    }

    @Test
    void detail_json_lists_every_history_event_in_order() {
        JsonNode events = view.detailJson(execution).get("events");
        assertThat(events).hasSize(execution.history().size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("id").asLong()).isEqualTo(i + 1);
        }
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("ExecutionFailed");
    }

    @Test
    void a_state_left_through_catch_is_marked_caught() {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
        Executions executions = new Executions((fn, payload) -> CompletableFuture.completedFuture(
                InvocationResult.functionError("com.example.Declined", "no")), scheduler);
        StateMachine machine = StateMachine.load(ARN, """
                {"StartAt": "Charge", "States": {
                  "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
                             "Catch": [{"ErrorEquals": ["com.example.Declined"], "ResultPath": "$.error", "Next": "Undo"}],
                             "End": true},
                  "Undo": {"Type": "Pass", "End": true}}}""");
        Execution caught = scheduler.runUntilDone(executions.start(machine, "c", "{}").completion());
        assertThat(StateVisit.of(caught)).extracting(StateVisit::outcome).containsExactly("caught", "exited");
        String html = view.html(caught);
        assertThat(html).contains("<g class=\"node caught\" data-state=\"Charge\">")
                .contains("<path class=\"edge catch taken\"").contains("com.example.Declined");
    }
}
