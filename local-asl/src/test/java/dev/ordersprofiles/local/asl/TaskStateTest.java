package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TaskStateTest {

    private static final String INVOKE = q("""
            {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
              'Parameters':{'FunctionName':'arn:aws:lambda:us-east-1:123456789012:function:Fn:live','Payload.$':'$'},
              'End':true}}}""");

    @Test
    void lambda_invoke_returns_the_step_functions_envelope() {
        Harness h = new Harness().returning("arn:aws:lambda:us-east-1:123456789012:function:Fn:live", "{\"ok\":1}");
        JsonNode out = h.run(INVOKE, "{\"in\":1}").output();
        assertThat(out.fieldNames()).toIterable()
                .containsExactly("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
        assertThat(out.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(out.get("Payload")).isEqualTo(json("{\"ok\":1}"));
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        JsonNode http = out.get("SdkHttpMetadata");
        assertThat(http.fieldNames()).toIterable().containsExactly("AllHttpHeaders", "HttpHeaders", "HttpStatusCode");
        assertThat(http.get("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(http.get("AllHttpHeaders").fieldNames()).toIterable().containsExactly("X-Amz-Executed-Version",
                "x-amzn-Remapped-Content-Length", "Connection", "x-amzn-RequestId", "Content-Length", "Date",
                "X-Amzn-Trace-Id", "Content-Type");
        assertThat(http.at("/HttpHeaders/Content-Length").asText()).isEqualTo("8");
        assertThat(http.at("/HttpHeaders/Date").asText()).isEqualTo("Thu, 01 Jan 2026 00:00:00 GMT");
        assertThat(http.at("/AllHttpHeaders/Content-Type/0").asText()).isEqualTo("application/json");
        assertThat(out.at("/SdkResponseMetadata/RequestId").asText())
                .isEqualTo(http.at("/HttpHeaders/x-amzn-RequestId").asText());
    }

    @Test
    void lambda_invoke_records_task_events_with_resource_and_parameters() {
        Harness h = new Harness().returning("arn:aws:lambda:us-east-1:123456789012:function:Fn:live", "{}");
        Execution e = h.run(INVOKE, "{\"in\":1}");
        HistoryEvent scheduled = Harness.events(e, "TaskScheduled").get(0);
        assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("lambda");
        assertThat(scheduled.details().get("resource").asText()).isEqualTo("invoke");
        assertThat(json(scheduled.details().get("parameters").asText())).isEqualTo(json(
                "{\"FunctionName\":\"arn:aws:lambda:us-east-1:123456789012:function:Fn:live\",\"Payload\":{\"in\":1}}"));
        assertThat(scheduled.toJson().has("taskScheduledEventDetails")).isTrue();
        assertThat(json(Harness.events(e, "TaskSucceeded").get(0).details().get("output").asText()))
                .isEqualTo(e.output());
    }

    @Test
    void a_function_error_surfaces_the_error_type_and_the_whole_error_document_as_cause() {
        Harness h = new Harness().function("arn:aws:lambda:us-east-1:123456789012:function:Fn:live",
                in -> InvocationResult.functionError("com.example.PaymentDeclined", "declined: 12.00"));
        Execution e = h.run(INVOKE, "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("com.example.PaymentDeclined");
        assertThat(json(e.cause())).isEqualTo(json(
                "{\"errorMessage\":\"declined: 12.00\",\"errorType\":\"com.example.PaymentDeclined\",\"stackTrace\":[]}"));
        HistoryEvent failed = Harness.events(e, "TaskFailed").get(0);
        assertThat(failed.details().get("error").asText()).isEqualTo("com.example.PaymentDeclined");
        assertThat(Harness.types(e)).containsSubsequence("TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
                "ExecutionFailed").doesNotContain("TaskStateExited");
    }

    @Test
    void a_function_error_without_error_type_is_Lambda_Unknown() {
        Harness h = new Harness().function("arn:aws:lambda:us-east-1:123456789012:function:Fn:live",
                in -> InvocationResult.functionErrorFromPayload("{\"errorMessage\":\"Task timed out after 3.00 seconds\"}"));
        assertThat(h.run(INVOKE, "{}").error()).isEqualTo("Lambda.Unknown");
    }

    @Test
    void a_plain_function_arn_resource_returns_the_payload_and_records_lambda_function_events() {
        Harness h = new Harness().echo("Echo");
        Execution e = h.run("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "Echo\",\"End\":true}}}", "{\"a\":[1]}");
        assertThat(e.output()).isEqualTo(json("{\"a\":[1]}"));
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(Harness.events(e, "LambdaFunctionScheduled").get(0).toJson()
                .at("/lambdaFunctionScheduledEventDetails/resource").asText()).isEqualTo(FN + "Echo");
    }

    @Test
    void qualifier_is_appended_and_a_missing_payload_sends_an_empty_object() {
        Harness h = new Harness().returning("Fn:v2", "null");
        Execution e = h.run(q("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'Fn','Qualifier':'v2'},'End':true}}}"""), "{\"ignored\":true}");
        assertThat(h.calls).containsExactly("Fn:v2 {}");
        assertThat(e.output().get("Payload").isNull()).isTrue();
    }

    @Test
    void a_throttled_call_fails_with_Lambda_TooManyRequestsException() {
        Harness h = new Harness().function("arn:aws:lambda:us-east-1:123456789012:function:Fn:live",
                in -> InvocationResult.throttled());
        Execution e = h.run(INVOKE, "{}");
        assertThat(e.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(e.cause()).startsWith("Rate Exceeded. (Service: Lambda, Status Code: 429");
    }

    @Test
    void an_invoker_that_throws_counts_as_Lambda_ServiceException() {
        Harness h = new Harness().function("arn:aws:lambda:us-east-1:123456789012:function:Fn:live", in -> {
            throw new IllegalStateException("boom");
        });
        assertThat(h.run(INVOKE, "{}").error()).isEqualTo("Lambda.ServiceException");
    }

    @Test
    void timeout_seconds_fails_a_task_that_runs_too_long_with_States_Timeout() {
        VirtualScheduler scheduler = new VirtualScheduler(Harness.T0);
        Executions executions = new Executions((fn, payload) -> new CompletableFuture<>(), scheduler);
        StateMachine machine = StateMachine.load(Harness.SM_ARN, q("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'TimeoutSeconds':5,'Parameters':{'FunctionName':'Slow'},
                  'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Wrong'},{'ErrorEquals':['States.Timeout'],
                  'Next':'TimedOut'}],'End':true},
                  'Wrong':{'Type':'Fail'},'TimedOut':{'Type':'Succeed'}}}"""));
        Execution e = scheduler.runUntilDone(executions.start(machine, "t", "{}").completion());
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"Error\":\"States.Timeout\",\"Cause\":\"\"}"));
        assertThat(Harness.types(e)).contains("TaskTimedOut");
        assertThat(e.stopDate()).isEqualTo(Harness.T0.plusSeconds(5));
    }

    @Test
    void timeout_seconds_path_reads_the_timeout_from_the_input() {
        VirtualScheduler scheduler = new VirtualScheduler(Harness.T0);
        Executions executions = new Executions((fn, payload) -> new CompletableFuture<>(), scheduler);
        StateMachine machine = StateMachine.load(Harness.SM_ARN, q("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'TimeoutSecondsPath':'$.t','Parameters':{'FunctionName':'Slow'},'End':true}}}"""));
        Execution e = scheduler.runUntilDone(executions.start(machine, "t", "{\"t\":42}").completion());
        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(e.stopDate()).isEqualTo(Harness.T0.plusSeconds(42));
    }
}
