package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Input and output processing, from the ASL specification's examples and the AWS developer guide's
 * InputPath / Parameters / ResultSelector / ResultPath / OutputPath pages.
 */
class InputOutputProcessingTest {

    private static final String HELLO_INPUT = """
            {"comment": "This is a test of the input and output of a Task state.",
             "details": "Default example", "who": "AWS Step Functions"}""";

    private Execution helloWith(String resultPathJson) {
        Harness h = new Harness().function("HelloFunction", in -> InvocationResult.success(
                "\"Hello, " + json(in).get("who").asText() + "!\""));
        return h.run("{\"StartAt\":\"Hello\",\"States\":{\"Hello\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "HelloFunction\"" + resultPathJson + ",\"End\":true}}}", HELLO_INPUT);
    }

    @Test
    void result_path_dollar_replaces_the_input_with_the_result() {
        assertThat(helloWith(",\"ResultPath\":\"$\"").output()).isEqualTo(json("\"Hello, AWS Step Functions!\""));
    }

    @Test
    void result_path_to_a_new_field_keeps_the_input_and_adds_the_result() {
        assertThat(helloWith(",\"ResultPath\":\"$.taskresult\"").output()).isEqualTo(json("""
                {"comment": "This is a test of the input and output of a Task state.",
                 "details": "Default example", "who": "AWS Step Functions",
                 "taskresult": "Hello, AWS Step Functions!"}"""));
    }

    @Test
    void result_path_null_discards_the_result() {
        assertThat(helloWith(",\"ResultPath\":null").output()).isEqualTo(json(HELLO_INPUT));
    }

    @Test
    void result_path_creates_nested_objects() {
        assertThat(helloWith(",\"ResultPath\":\"$.strings.lambdaresult\"").output().at("/strings/lambdaresult").asText())
                .isEqualTo("Hello, AWS Step Functions!");
    }

    @Test
    void parameters_select_and_add_fields_from_the_input() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{
                   'comment':'Selecting what I care about.',
                   'MyDetails':{'size.$':'$.product.details.size','exists.$':'$.product.availability','StaticValue':'foo'}},
                 'End':true}}}"""), """
                {"comment": "Example for Parameters.",
                 "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                             "availability": "in stock", "sku": "2317", "cost": "$23"}}""");
        assertThat(e.output()).isEqualTo(json("""
                {"comment": "Selecting what I care about.",
                 "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"""));
    }

    @Test
    void result_selector_shapes_the_result_before_result_path() {
        Harness h = new Harness().returning("CreateCluster", """
                {"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
                 "output": {"SdkHttpMetadata": {"HttpStatusCode": 200}, "SdkResponseMetadata": {"RequestId": "1234"},
                            "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}""");
        Execution e = h.run("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "CreateCluster\",\"ResultSelector\":{\"ClusterId.$\":\"$.output.ClusterId\",\"ResourceType.$\":"
                + "\"$.resourceType\"},\"ResultPath\":\"$.EMROutput\",\"End\":true}}}", "{\"comment\":\"in\"}");
        assertThat(e.output()).isEqualTo(json("""
                {"comment": "in", "EMROutput": {"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"}}"""));
    }

    @Test
    void all_five_fields_apply_in_order_input_parameters_selector_result_output() {
        Harness h = new Harness().function("Sum", in -> {
            var payload = json(in);
            return InvocationResult.success("{\"sum\":" + (payload.at("/numbers/0").asInt() + payload.at("/numbers/1").asInt())
                    + ",\"noise\":true}");
        });
        Execution e = h.run("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "Sum\","
                + "\"InputPath\":\"$.library\",\"Parameters\":{\"numbers.$\":\"$.values\",\"label\":\"static\"},"
                + "\"ResultSelector\":{\"total.$\":\"$.sum\"},\"ResultPath\":\"$.library.result\","
                + "\"OutputPath\":\"$.library\",\"End\":true}}}",
                "{\"library\":{\"values\":[3,4],\"name\":\"lib\"},\"other\":\"dropped\"}");
        assertThat(h.calls).containsExactly(FN + "Sum {\"numbers\":[3,4],\"label\":\"static\"}");
        assertThat(e.output()).isEqualTo(json("{\"values\":[3,4],\"name\":\"lib\",\"result\":{\"total\":7}}"));
    }

    @Test
    void spec_example_result_path_into_an_existing_object() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Result':6,'ResultPath':'$.master.result.sum','End':true}}}"""),
                "{\"master\":{\"detail\":[1,2,3]}}");
        assertThat(e.output()).isEqualTo(json("{\"master\":{\"detail\":[1,2,3],\"result\":{\"sum\":6}}}"));
    }

    @Test
    void input_path_and_output_path_null_give_an_empty_object() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','InputPath':null,'ResultPath':'$.seen','Next':'B'},
                  'B':{'Type':'Pass','OutputPath':null,'End':true}}}"""), "{\"x\":1}");
        assertThat(events(e, "PassStateExited", 0)).isEqualTo(json("{\"x\":1,\"seen\":{}}"));
        assertThat(e.output()).isEqualTo(json("{}"));
    }

    @Test
    void context_object_values_are_available_to_parameters() {
        Execution e = new Harness().run(q("""
                {'StartAt':'Ctx','States':{'Ctx':{'Type':'Pass','Parameters':{
                  'id.$':'$$.Execution.Id','name.$':'$$.Execution.Name','input.$':'$$.Execution.Input',
                  'start.$':'$$.Execution.StartTime','state.$':'$$.State.Name','entered.$':'$$.State.EnteredTime',
                  'retries.$':'$$.State.RetryCount','sm.$':'$$.StateMachine.Id','smName.$':'$$.StateMachine.Name'},
                 'End':true}}}"""), "{\"k\":\"v\"}");
        assertThat(e.output()).isEqualTo(json("""
                {"id": "arn:aws:states:us-east-1:123456789012:execution:Test:exec", "name": "exec", "input": {"k": "v"},
                 "start": "2026-01-01T00:00:00.000Z", "state": "Ctx", "entered": "2026-01-01T00:00:00.000Z",
                 "retries": 0, "sm": "arn:aws:states:us-east-1:123456789012:stateMachine:Test", "smName": "Test"}"""));
    }

    @Test
    void a_missing_parameters_path_fails_with_States_Runtime_naming_the_state() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'x.$':'$.missing'},'End':true}}}"""), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).startsWith("An error occurred while executing the state 'P' (entered at the event id #2).")
                .contains("'x.$'");
    }

    @Test
    void a_missing_input_path_fails_with_States_Runtime() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.nope','End':true}}}"""), "{}");
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).contains("Invalid path '$.nope'");
    }

    @Test
    void decimals_pass_through_exactly() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'amount.$':'$.amount','big.$':'$.big'},
                 'End':true}}}"""), "{\"amount\":42.50,\"big\":12345678901234567890.10}");
        assertThat(Json.write(e.output())).isEqualTo("{\"amount\":42.50,\"big\":12345678901234567890.10}");
    }

    private static com.fasterxml.jackson.databind.JsonNode events(Execution e, String type, int index) {
        return json(Harness.events(e, type).get(index).details().get("output").asText());
    }

    @Test
    void input_and_output_paths_may_read_the_context_object() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','InputPath':'$$.Execution.Input.order','ResultPath':'$.seen','Next':'B'},
                  'B':{'Type':'Pass','OutputPath':'$$.State.Name','End':true}}}"""), "{\"order\":{\"id\":\"o-1\"}}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("\"B\""));
    }

    @Test
    void a_context_path_is_not_a_result_path() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StateMachine.load(Harness.SM_ARN, q("""
                {'StartAt':'A','States':{'A':{'Type':'Pass','ResultPath':'$$.Execution.Name','End':true}}}""")))
                .isInstanceOf(AslDefinitionException.class).hasMessageContaining("reference path");
    }

    @Test
    void items_path_and_choice_variables_may_read_the_context_object() {
        Execution e = new Harness().run(q("""
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[{'Variable':'$$.Execution.Name','StringEquals':'exec','Next':'M'}],
                       'Default':'Bad'},
                  'Bad':{'Type':'Fail','Error':'WrongBranch'},
                  'M':{'Type':'Map','ItemsPath':'$$.Execution.Input.list',
                       'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'End':true}}}"""),
                "{\"list\":[1,2,3]}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("[1,2,3]"));
    }
}
