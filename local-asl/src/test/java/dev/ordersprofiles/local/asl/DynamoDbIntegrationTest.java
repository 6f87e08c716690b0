package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The optimized DynamoDB integration through the {@link ServiceIntegration} port: the effective Parameters are the
 * API request, the response the result; errors named DynamoDB.&lt;code&gt; with the cause LocalStack's AWS-validated
 * engine (in moto) gives. The stack's own implementation is driven end to end in StepFunctionsApiIT.
 */
class DynamoDbIntegrationTest {

    private final List<String> requests = new ArrayList<>();
    private final VirtualScheduler scheduler = new VirtualScheduler(Harness.T0);
    private final Executions executions = new Executions((fn, p) -> {
        throw new AssertionError("no Lambda call expected");
    }, (service, action, parameters) -> {
        requests.add(service + ":" + action + " " + Json.write(parameters));
        if (parameters.has("UpdateExpression")) {
            return CompletableFuture.completedFuture(new ServiceIntegration.Error("ValidationException",
                    "Invalid UpdateExpression", 400, "REQ2"));
        }
        if (parameters.has("ConditionExpression")) {
            return CompletableFuture.completedFuture(new ServiceIntegration.Error("ConditionalCheckFailedException",
                    "The conditional request failed", 400, "REQ1"));
        }
        return CompletableFuture.completedFuture(new ServiceIntegration.Response(action.equals("getItem")
                ? Harness.json("{\"Item\":{\"userId\":{\"S\":\"u-1\"},\"name\":{\"S\":\"Ada\"}}}")
                : Json.object()));
    }, scheduler, new Random(1), "us-east-1", null, Executions.Retention.DEFAULT);

    private Execution run(String definition, String input) {
        Execution e = executions.start(StateMachine.load(Harness.SM_ARN, Harness.q(definition)), "exec", input);
        return scheduler.runUntilDone(e.completion());
    }

    @Test
    void put_then_get_passes_the_parameters_as_the_request_and_the_response_as_the_result() {
        Execution e = run("""
                {'StartAt':'Put','States':{
                  'Put':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem',
                    'Parameters':{'TableName':'profiles','Item':{'userId':{'S.$':'$.id'}}},'ResultPath':null,'Next':'Get'},
                  'Get':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem',
                    'Parameters':{'TableName':'profiles','Key':{'userId':{'S.$':'$.id'}}},
                    'ResultSelector':{'name.$':'$.Item.name.S'},'End':true}}}""", "{\"id\":\"u-1\"}");

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(Harness.json("{\"name\":\"Ada\"}"));
        assertThat(requests).containsExactly(
                "dynamodb:putItem {\"TableName\":\"profiles\",\"Item\":{\"userId\":{\"S\":\"u-1\"}}}",
                "dynamodb:getItem {\"TableName\":\"profiles\",\"Key\":{\"userId\":{\"S\":\"u-1\"}}}");
        HistoryEvent scheduled = Harness.events(e, "TaskScheduled").get(0);
        assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("dynamodb");
        assertThat(scheduled.details().get("resource").asText()).isEqualTo("putItem");
        assertThat(Harness.events(e, "TaskSucceeded").get(1).details().get("resource").asText()).isEqualTo("getItem");
    }

    @Test
    void an_api_error_is_dynamodb_dot_its_code_and_can_be_caught() {
        Execution e = run("""
                {'StartAt':'Put','States':{
                  'Put':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem',
                    'Parameters':{'TableName':'t','Item':{'k':{'S':'1'}},'ConditionExpression':'attribute_not_exists(k)'},
                    'Catch':[{'ErrorEquals':['DynamoDB.ConditionalCheckFailedException'],'ResultPath':'$.err',
                      'Next':'Exists'}],'End':true},
                  'Exists':{'Type':'Pass','End':true}}}""", "{}");

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode err = e.output().get("err");
        assertThat(err.get("Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(err.get("Cause").asText()).isEqualTo("The conditional request failed (Service: AmazonDynamoDBv2; "
                + "Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: REQ1; Proxy: null)");
        assertThat(Harness.events(e, "TaskFailed").get(0).details().get("resourceType").asText()).isEqualTo("dynamodb");
    }

    @Test
    void an_error_without_an_sdk_exception_class_is_amazon_dynamodb_exception_with_its_code_in_the_cause() {
        Execution e = run("""
                {'StartAt':'U','States':{
                  'U':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:updateItem',
                    'Parameters':{'TableName':'t','Key':{'k':{'S':'1'}},'UpdateExpression':'SET'},'End':true}}}""", "{}");

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("DynamoDB.AmazonDynamoDBException");
        assertThat(e.cause()).isEqualTo("Invalid UpdateExpression (Service: AmazonDynamoDBv2; Status Code: 400; "
                + "Error Code: ValidationException; Request ID: REQ2; Proxy: null)");
    }

    @Test
    void a_jsonata_task_gives_its_arguments_as_the_request() {
        Execution e = run("""
                {'QueryLanguage':'JSONata','StartAt':'Del','States':{
                  'Del':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:deleteItem',
                    'Arguments':{'TableName':'t','Key':{'k':{'S':'{% $states.input.k %}'}}},'End':true}}}""",
                "{\"k\":\"x\"}");

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(requests).containsExactly("dynamodb:deleteItem {\"TableName\":\"t\",\"Key\":{\"k\":{\"S\":\"x\"}}}");
    }
}
