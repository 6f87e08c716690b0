package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.SM_ARN;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionValidationTest {

    private static final String PASS_END = "'Type':'Pass','End':true";
    private static final String INVOKE = "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',";

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("missing StartAt", "{'States':{'A':{" + PASS_END + "}}}",
                        "top level: field \"StartAt\" is required"),
                Arguments.of("StartAt names no state", "{'StartAt':'X','States':{'A':{" + PASS_END + "}}}",
                        "field \"StartAt\" refers to missing state \"X\""),
                Arguments.of("Next to a missing state", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'}}}",
                        "State \"A\": field \"Next\" refers to missing state \"B\""),
                Arguments.of("neither Next nor End", "{'StartAt':'A','States':{'A':{'Type':'Pass'}}}",
                        "State \"A\": field \"Next\" or \"End\": true is required"),
                Arguments.of("both Next and End", "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'A','End':true}}}",
                        "State \"A\": fields \"Next\" and \"End\" are mutually exclusive"),
                Arguments.of("bad JSONPath", "{'StartAt':'A','States':{'A':{" + PASS_END + ",'InputPath':'$.a['}}}",
                        "State \"A\": field \"InputPath\": invalid JSONPath '$.a['"),
                Arguments.of("JSONPath script", "{'StartAt':'A','States':{'A':{" + PASS_END
                        + ",'OutputPath':'$.a[(@.length-1)]'}}}", "script expressions are not supported"),
                Arguments.of("unknown field", "{'StartAt':'A','States':{'A':{" + PASS_END + ",'Foo':1}}}",
                        "State \"A\": field \"Foo\" is not allowed in a Pass state"),
                Arguments.of("field of another type", "{'StartAt':'A','States':{'A':{" + PASS_END + ",'Retry':[]}}}",
                        "State \"A\": field \"Retry\" is not allowed in a Pass state"),
                Arguments.of("unknown top-level field", "{'StartAt':'A','Foo':1,'States':{'A':{" + PASS_END + "}}}",
                        "top level: unknown field \"Foo\""),
                Arguments.of("unknown type", "{'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}",
                        "State \"A\": field \"Type\": unknown state type \"Sleep\""),
                Arguments.of("JSONPath field in a JSONata state", "{'QueryLanguage':'JSONata','StartAt':'A','States':"
                        + "{'A':{" + PASS_END + ",'InputPath':'$.a'}}}",
                        "State \"A\": field \"InputPath\" is not allowed in a Pass state that uses JSONata"),
                Arguments.of("JSONPath state in a JSONata machine", "{'QueryLanguage':'JSONata','StartAt':'A','States':"
                        + "{'A':{" + PASS_END + ",'QueryLanguage':'JSONPath'}}}", "cannot use JSONPath"),
                Arguments.of("unknown query language", "{'StartAt':'A','States':{'A':{" + PASS_END
                        + ",'QueryLanguage':'XPath'}}}", "State \"A\": field \"QueryLanguage\" must be JSONPath or JSONata"),
                Arguments.of("JSONata syntax error", "{'StartAt':'A','States':{'A':{" + PASS_END
                        + ",'QueryLanguage':'JSONata','Output':'{% $states.input.( %}'}}}",
                        "State \"A\": field \"Output\": the JSONata expression '$states.input.(' does not parse"),
                Arguments.of("bad variable name", "{'StartAt':'A','States':{'A':{" + PASS_END + ",'Assign':{'1x':1}}}}",
                        "State \"A\": field \"Assign.1x\": '1x' is not a valid variable name"),
                Arguments.of("reserved variable name", "{'StartAt':'A','States':{'A':{" + PASS_END
                        + ",'Assign':{'states':1}}}}", "'states' is reserved"),
                Arguments.of("distributed map ItemReader", "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                        + "'ItemReader':{},'ItemProcessor':{'StartAt':'P','States':{'P':{" + PASS_END + "}}}}}}",
                        "State \"M\": field \"ItemReader\": unsupported: ItemReader reads the items from Amazon S3"),
                Arguments.of("distributed map mode", "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                        + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},'StartAt':'P','States':{'P':{"
                        + PASS_END + "}}}}}}", "ExecutionType\" is required with Mode DISTRIBUTED"),
                Arguments.of("distributed map execution type", "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                        + "'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE','ExecutionType':'EXPRESS'},'StartAt':'P',"
                        + "'States':{'P':{" + PASS_END + "}}}}}}", "ItemProcessor.ProcessorConfig.ExecutionType\" is only allowed with Mode DISTRIBUTED"),
                Arguments.of("processor config in a parallel branch", "{'StartAt':'P','States':{'P':{'Type':'Parallel',"
                        + "'End':true,'Branches':[{'ProcessorConfig':{},'StartAt':'A','States':{'A':{" + PASS_END + "}}}]}}}",
                        "field \"Branches[0]\": unknown field \"ProcessorConfig\""),
                Arguments.of(".sync integration", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true,"
                        + "'Resource':'arn:aws:states:::ecs:runTask.sync'}}}",
                        "State \"T\": field \"Resource\": unsupported: arn:aws:states:::ecs:runTask.sync"),
                Arguments.of("startExecution without Parameters", "{'StartAt':'T','States':{'T':{'Type':'Task',"
                        + "'End':true,'Resource':'arn:aws:states:::states:startExecution.sync:2'}}}",
                        "State \"T\": field \"Parameters\" is required for arn:aws:states:::states:startExecution.sync:2"),
                Arguments.of("lambda .sync", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true,"
                        + "'Resource':'arn:aws:states:::lambda:invoke.sync','Parameters':{'FunctionName':'f'}}}}",
                        "the .sync integration pattern is not supported for lambda:invoke"),
                Arguments.of("activity", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true,"
                        + "'Resource':'arn:aws:states:us-east-1:123456789012:activity:Review'}}}",
                        "Activity tasks are not supported"),
                Arguments.of("other service", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true,"
                        + "'Resource':'arn:aws:states:::sqs:sendMessage'}}}",
                        "only the lambda:invoke, dynamodb getItem/putItem/updateItem/deleteItem and states:startExecution"),
                Arguments.of("unresolved substitution", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true,"
                        + "'Resource':'${Fn}'}}}", "definition substitution ${Fn} has no value"),
                Arguments.of("heartbeat and heartbeat path", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'HeartbeatSeconds':5,'HeartbeatSecondsPath':'$.h','Parameters':{'FunctionName':'f'}}}}",
                        "State \"T\": fields \"HeartbeatSeconds\" and \"HeartbeatSecondsPath\" are mutually exclusive"),
                Arguments.of("heartbeat path in a JSONata state", "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{"
                        + INVOKE + "'End':true,'HeartbeatSecondsPath':'$.h','Arguments':{'FunctionName':'f'}}}}",
                        "HeartbeatSecondsPath"),
                Arguments.of("heartbeat not below the timeout", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'HeartbeatSeconds':5,'TimeoutSeconds':5,'Parameters':{'FunctionName':'f'}}}}",
                        "State \"T\": field \"HeartbeatSeconds\" must be smaller than \"TimeoutSeconds\""),
                Arguments.of("no FunctionName", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'Payload':{}}}}}", "State \"T\": field \"Parameters.FunctionName\" is required"),
                Arguments.of("async invocation", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'FunctionName':'f','InvocationType':'Event'}}}}",
                        "field \"Parameters.InvocationType\": unsupported: Event"),
                Arguments.of("unknown invoke parameter", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'FunctionName':'f','LogType':'Tail'}}}}", "field \"Parameters.LogType\": unsupported"),
                Arguments.of("missing Resource", "{'StartAt':'T','States':{'T':{'Type':'Task','End':true}}}",
                        "State \"T\": field \"Resource\" is required"),
                Arguments.of("top-level choice without Next", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                        + "{'Variable':'$.a','IsPresent':true}]}}}", "State \"C\": field \"Choices[0]\": field \"Next\" is required"),
                Arguments.of("nested choice with Next", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                        + "{'Not':{'Variable':'$.a','IsPresent':true,'Next':'C'},'Next':'C'}]}}}",
                        "field \"Choices[0]\".Not: field \"Next\" is only allowed on top-level choice rules"),
                Arguments.of("operand of the wrong type", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                        + "{'Variable':'$.a','NumericEquals':'5','Next':'C'}]}}}",
                        "field \"NumericEquals\" has a value of the wrong type"),
                Arguments.of("two operators", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                        + "{'Variable':'$.a','IsNull':true,'IsString':true,'Next':'C'}]}}}",
                        "needs exactly one comparison operator"),
                Arguments.of("choice default to nowhere", "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                        + "{'Variable':'$.a','IsNull':true,'Next':'C'}],'Default':'Nope'}}}",
                        "State \"C\": field \"Default\" refers to missing state \"Nope\""),
                Arguments.of("States.ALL not last", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'FunctionName':'f'},'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]}}}",
                        "State \"T\": field \"Retry[0].ErrorEquals\": States.ALL must appear alone and in the last entry"),
                Arguments.of("negative MaxAttempts", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'FunctionName':'f'},'Retry':[{'ErrorEquals':['X'],'MaxAttempts':-1}]}}}",
                        "field \"Retry[0].MaxAttempts\" must be a non-negative integer"),
                Arguments.of("bad jitter", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'FunctionName':'f'},'Retry':[{'ErrorEquals':['X'],'JitterStrategy':'SOME'}]}}}",
                        "JitterStrategy\" must be FULL or NONE"),
                Arguments.of("catch to nowhere", "{'StartAt':'T','States':{'T':{" + INVOKE + "'End':true,"
                        + "'Parameters':{'FunctionName':'f'},'Catch':[{'ErrorEquals':['X'],'Next':'Gone'}]}}}",
                        "State \"T\": field \"Catch[0].Next\" refers to missing state \"Gone\""),
                Arguments.of("wildcard ResultPath", "{'StartAt':'A','States':{'A':{" + PASS_END + ",'ResultPath':'$.a[*]'}}}",
                        "State \"A\": field \"ResultPath\": '$.a[*]' must be a reference path"),
                Arguments.of("two wait fields", "{'StartAt':'W','States':{'W':{'Type':'Wait','End':true,'Seconds':1,"
                        + "'SecondsPath':'$.s'}}}", "State \"W\": exactly one of"),
                Arguments.of("Error and ErrorPath", "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E',"
                        + "'ErrorPath':'$.e'}}}", "State \"F\": fields \"Error\" and \"ErrorPath\" are mutually exclusive"),
                Arguments.of("dynamic value that is not a path", "{'StartAt':'A','States':{'A':{" + PASS_END
                        + ",'Parameters':{'x':{'y.$':'plain'}}}}}",
                        "State \"A\": field \"Parameters.x.y.$\": 'plain' is neither a JSONPath nor an intrinsic function"),
                Arguments.of("nested branch error names the nested state", "{'StartAt':'P','States':{'P':{'Type':'Parallel',"
                        + "'End':true,'Branches':[{'StartAt':'In','States':{'In':{'Type':'Pass','Next':'Out'}}}]}}}",
                        "State \"In\": field \"Next\" refers to missing state \"Out\""),
                Arguments.of("not JSON", "{'StartAt':", "the definition is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalid_definitions_fail_to_load_with_a_message_naming_state_and_field(String why, String definition,
                                                                                  String message) {
        assertThatThrownBy(() -> StateMachine.load(SM_ARN, q(definition)))
                .isInstanceOf(AslDefinitionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void unreachable_states_are_allowed() {
        StateMachine machine = StateMachine.load(SM_ARN, q("{'StartAt':'A','States':{'A':{" + PASS_END + "},'B':{"
                + PASS_END + "}}}"));
        assertThat(machine.name()).isEqualTo("Test");
    }

    @Test
    void substitutions_are_applied_before_parsing() {
        StateMachine machine = StateMachine.load(SM_ARN, q("{'StartAt':'T','States':{'T':{" + INVOKE
                + "'Parameters':{'FunctionName':'${Fn}'},'End':true}}}"),
                Map.of("Fn", "arn:aws:lambda:us-east-1:123456789012:function:F"));
        assertThat(machine.definition().at("/States/T/Parameters/FunctionName").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:F");
    }

    @Test
    void a_bad_state_machine_arn_is_rejected() {
        assertThatThrownBy(() -> StateMachine.load("PlaceOrder", q("{'StartAt':'A','States':{'A':{" + PASS_END + "}}}")))
                .isInstanceOf(AslDefinitionException.class).hasMessageContaining("not a state machine ARN");
    }
}
