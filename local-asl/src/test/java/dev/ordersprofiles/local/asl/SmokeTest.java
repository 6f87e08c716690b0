package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void pass_then_lambda_invoke_task_produces_the_payload() {
        Harness h = new Harness().returning("Echo", "{\"ok\":true}");
        Execution e = h.run(q("""
                {'StartAt':'P','States':{
                  'P':{'Type':'Pass','Result':{'a':1},'ResultPath':'$.p','Next':'T'},
                  'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                       'Parameters':{'FunctionName':'Echo','Payload.$':'$'},'OutputPath':'$.Payload','End':true}}}
                """), "{\"x\":1}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"ok\":true}"));
        assertThat(h.calls).containsExactly("Echo {\"x\":1,\"p\":{\"a\":1}}");
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                "ExecutionSucceeded");
    }
}
