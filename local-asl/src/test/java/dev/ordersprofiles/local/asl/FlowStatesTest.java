package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.T0;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wait, Succeed and Fail. */
class FlowStatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'Seconds':10                         | {}                                   | 10",
        "'Timestamp':'2026-01-01T00:01:00Z'   | {}                                   | 60",
        "'SecondsPath':'$.s'                  | {\"s\":30}                           | 30",
        "'TimestampPath':'$.t'                | {\"t\":\"2026-01-01T02:00:00+01:00\"} | 3600",
        "'Timestamp':'2025-01-01T00:00:00Z'   | {}                                   | 0"})
    void wait_state_waits_on_the_virtual_clock(String field, String input, long seconds) {
        Execution e = new Harness().run(q("{'StartAt':'W','States':{'W':{'Type':'Wait'," + field + ",'End':true}}}"), input);
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json(input));
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(seconds));
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                "ExecutionSucceeded");
    }

    @Test
    void a_seconds_path_that_is_not_a_non_negative_integer_is_States_Runtime() {
        Execution e = new Harness().run(q("{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}"),
                "{\"s\":\"soon\"}");
        assertThat(e.error()).isEqualTo("States.Runtime");
    }

    @Test
    void succeed_applies_input_path_and_output_path() {
        Execution e = new Harness().run(q("{'StartAt':'S','States':{'S':{'Type':'Succeed','InputPath':'$.a',"
                + "'OutputPath':'$.b'}}}"), "{\"a\":{\"b\":2}}");
        assertThat(e.output()).isEqualTo(json("2"));
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "SucceedStateEntered", "SucceedStateExited",
                "ExecutionSucceeded");
    }

    @Test
    void fail_reports_error_and_cause_and_has_no_exit_event() {
        Execution e = new Harness().run(q("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'ErrorA','Cause':'Kaiju'}}}"),
                "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("ErrorA");
        assertThat(e.cause()).isEqualTo("Kaiju");
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        assertThat(e.history().get(2).toJson().at("/executionFailedEventDetails/error").asText()).isEqualTo("ErrorA");
    }

    @Test
    void fail_error_path_and_cause_path_accept_paths_and_intrinsics() {
        Execution e = new Harness().run("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.code",
                  "CausePath":"States.Format('order {} failed', $.id)"}}}""", "{\"code\":\"E42\",\"id\":7}");
        assertThat(e.error()).isEqualTo("E42");
        assertThat(e.cause()).isEqualTo("order 7 failed");
    }

    @Test
    void pass_result_and_parameters() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Result':{'x-datum':0.381018,'y-datum':622.2269926397355},'ResultPath':'$.coords',
                       'Next':'B'},
                  'B':{'Type':'Pass','Parameters':{'x.$':'$.coords.x-datum','fixed':true},'End':true}}}"""),
                "{\"georefOf\":\"Home\"}");
        assertThat(e.output()).isEqualTo(json("{\"x\":0.381018,\"fixed\":true}"));
    }

    @Test
    void a_fail_state_without_error_or_cause_reports_neither() {
        Execution e = new Harness().run(q("{'StartAt':'F','States':{'F':{'Type':'Fail'}}}"), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isNull();
        assertThat(e.cause()).isNull();
        var details = e.history().get(e.history().size() - 1).toJson().get("executionFailedEventDetails");
        if (details != null) {
            assertThat(details.has("error")).isFalse();
            assertThat(details.has("cause")).isFalse();
        }
    }
}
