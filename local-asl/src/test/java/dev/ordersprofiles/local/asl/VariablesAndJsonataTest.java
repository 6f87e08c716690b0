package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Workflow variables (Assign) in both query languages, and JSONata states, as the AWS developer guide shows them. */
class VariablesAndJsonataTest {

    @Test
    void a_jsonpath_variable_set_in_one_state_is_read_several_states_later() {
        Execution e = new Harness().run("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Result":{"id":"o-1"},"Assign":{"orderId.$":"$.id","fixed":42},"Next":"B"},
                  "B":{"Type":"Pass","Result":"ignored","Next":"C"},
                  "C":{"Type":"Pass","Parameters":{"id.$":"$orderId","n.$":"$fixed",
                       "text.$":"States.Format('order {}', $orderId)"},"End":true}}}""", "{}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"id\":\"o-1\",\"n\":42,\"text\":\"order o-1\"}"));
    }

    @Test
    void every_expression_of_one_assign_sees_the_values_from_before_the_state() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Assign':{'x':1,'y':2},'Next':'B'},
                  'B':{'Type':'Pass','Assign':{'x.$':'$y','y.$':'$x'},'Next':'C'},
                  'C':{'Type':'Pass','Parameters':{'x.$':'$x','y.$':'$y'},'End':true}}}"""), "{}");
        assertThat(e.output()).isEqualTo(json("{\"x\":2,\"y\":1}"));
    }

    @Test
    void a_task_assigns_from_its_raw_result_and_the_exit_event_records_the_assignment() {
        Harness h = new Harness().function("F", in -> InvocationResult.success("{\"total\":7}"));
        Execution e = h.run("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "F\",\"ResultSelector\":{\"ignored\":true},\"Assign\":{\"total.$\":\"$.total\"},\"Next\":\"P\"},"
                + "\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"t.$\":\"$total\"},\"End\":true}}}", "{}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"t\":7}"));
        var exited = Harness.events(e, "TaskStateExited").get(0).toJson().get("stateExitedEventDetails");
        assertThat(exited.at("/assignedVariables/total").asText()).isEqualTo("7");
    }

    @Test
    void a_branch_reads_outer_variables_but_its_assignments_stay_inside() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Assign':{'x':'outer'},'Next':'P'},
                  'P':{'Type':'Parallel','Branches':[{'StartAt':'B1','States':{
                        'B1':{'Type':'Pass','Parameters':{'seen.$':'$x'},'Assign':{'x':'inner'},'Next':'B2'},
                        'B2':{'Type':'Pass','Parameters':{'seen.$':'$.seen','now.$':'$x'},'End':true}}}],
                       'Next':'C'},
                  'C':{'Type':'Pass','Parameters':{'branch.$':'$[0]','after.$':'$x'},'End':true}}}"""), "{}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"branch\":{\"seen\":\"outer\",\"now\":\"inner\"},\"after\":\"outer\"}"));
    }

    @Test
    void reading_a_variable_never_assigned_fails_with_States_Runtime() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'v.$':'$nope'},'End':true}}}"""), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).contains("$nope");
    }

    @Test
    void a_jsonata_machine_transforms_with_output_arguments_conditions_and_variables() {
        Harness h = new Harness().function("Price", in -> InvocationResult.success(
                "{\"price\":" + (json(in).get("qty").asInt() * 5) + "}"));
        Execution e = h.run("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"customer":"{% $states.input.customer %}"},
                          "Output":"{% $states.input.items %}","Next":"Each"},
                  "Each":{"Type":"Map","Items":"{% $states.input %}",
                          "ItemSelector":{"sku":"{% $states.context.Map.Item.Value.sku %}",
                                          "qty":"{% $states.context.Map.Item.Value.qty %}",
                                          "index":"{% $states.context.Map.Item.Index %}"},
                          "ItemProcessor":{"StartAt":"Call","States":{"Call":{"Type":"Task",
                              "Resource":"arn:aws:states:::lambda:invoke",
                              "Arguments":{"FunctionName":"Price","Payload":"{% $states.input %}"},
                              "Output":"{% $states.result.Payload.price %}","End":true}}},
                          "Assign":{"total":"{% $sum($states.result) %}"},
                          "Output":"{% $states.result %}","Next":"Big?"},
                  "Big?":{"Type":"Choice","Choices":[
                            {"Condition":"{% $total > 20 %}","Next":"Big","Output":{"size":"big","total":"{% $total %}"}}],
                          "Default":"Small"},
                  "Big":{"Type":"Pass","Output":"{% $merge([$states.input, {'customer': $customer}]) %}","End":true},
                  "Small":{"Type":"Fail","Error":"TooSmall","Cause":"{% 'only ' & $string($total) %}"}}}""",
                "{\"customer\":\"ann\",\"items\":[{\"sku\":\"A\",\"qty\":2},{\"sku\":\"B\",\"qty\":3}]}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"size\":\"big\",\"total\":25,\"customer\":\"ann\"}"));
    }

    @Test
    void a_jsonata_fail_state_evaluates_error_and_cause() {
        Execution e = new Harness().run("""
                {"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"Bad",
                 "Cause":"{% 'n=' & $string($states.input.n) %}"}}}""", "{\"n\":3}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("Bad");
        assertThat(e.cause()).isEqualTo("n=3");
    }

    @Test
    void a_jsonata_catcher_sees_the_error_output_and_may_assign() {
        Harness h = new Harness().function("Boom", in -> InvocationResult.functionError("Oops", "{\"errorType\":\"Oops\"}"));
        Execution e = h.run(q("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{'FunctionName':'Boom'},
                       'Catch':[{'ErrorEquals':['States.ALL'],'Assign':{'why':'{% $states.errorOutput.Error %}'},
                                 'Next':'After'}],'End':true},
                  'After':{'Type':'Pass','Output':{'why':'{% $why %}','input':'{% $states.input.Error %}'},'End':true}}}"""),
                "{}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"why\":\"Oops\",\"input\":\"Oops\"}"));
    }

    @Test
    void a_failing_jsonata_expression_is_a_query_evaluation_error() {
        Execution e = new Harness().run(q("""
                {'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass',
                 'Output':'{% $states.input.missing %}','End':true}}}"""), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void step_functions_adds_its_own_jsonata_functions() {
        Execution e = new Harness().run("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{
                   "parts":"{% $partition([1,2,3,4,5], 2) %}","range":"{% $range(0, 10, 5) %}",
                   "hash":"{% $hash('input data', 'SHA-1') %}","parsed":"{% $parse('{\\"a\\":1}') %}",
                   "uuid":"{% $length($uuid()) %}"},"End":true}}}""", "{}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("""
                {"parts":[[1,2],[3,4],[5]],"range":[0,5,10],"hash":"aaff4a450a104cd177d28d18d74485e8cae074b7",
                 "parsed":{"a":1},"uuid":36}"""));
    }

    @Test
    void jsonata_waits_use_evaluated_seconds() {
        Execution e = new Harness().run(q("""
                {'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait','Seconds':'{% $states.input.s %}',
                 'Output':'{% $states.input.s * 2 %}','End':true}}}"""), "{\"s\":0}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("0"));
    }
}
