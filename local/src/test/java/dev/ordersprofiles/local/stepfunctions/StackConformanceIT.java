package dev.ordersprofiles.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/**
 * The service-integration half of the conformance corpus (local-asl/src/test/resources/conformance/services.json,
 * made by local-asl/src/test/conformance/record.py on moto's DynamoDB and Step Functions, with verdicts where
 * AWS differs from moto) run end to end on the local stack: each case's table (key "id", a string), items and
 * child state machines are created through the stack's own DynamoDB and Step Functions APIs, then the case runs
 * through CreateStateMachine, StartExecution and DescribeExecution, and its status, output, error (and cause,
 * where the definition sets one) must be the recorded ones. An expected "&lt;any&gt;" only requires the value to
 * be present (ARNs, dates).
 */
class StackConformanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/conformance";
    private static final String ACCOUNT = "000000000000";
    private static final String ANY = "<any>";
    private static LocalStack stack;
    private static SfnClient sfn;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("stack-conformance-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml")));
        URI endpoint = URI.create("http://127.0.0.1:" + stack.port());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        sfn = SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (sfn != null) {
            sfn.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> all = new ArrayList<>();
        JSON.readTree(Path.of("..", "local-asl", "src", "test", "resources", "conformance", "services.json").toFile())
                .forEach(c -> all.add(Arguments.of(c.get("name").asText(), c)));
        assertThat(all).as("the service-integration corpus").hasSizeGreaterThan(20);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_stack_gives_the_recorded_outcome(String name, JsonNode c) throws Exception {
        JsonNode actual = run(name, c);
        JsonNode expected = c.get("expected");
        assertThat(agrees(expected, actual, c.get("definition")))
                .as("%s: expected %s, the stack gave %s", name, expected, actual).isTrue();
    }

    private static JsonNode run(String name, JsonNode c) throws Exception {
        String table = "conf-" + name;
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build()));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        for (JsonNode item : c.at("/setup/items")) {
            dynamo.putItem(r -> r.tableName(table).item(item(item)));
        }
        String definition = c.get("definition").toString().replace("${table}", table).replace("${account}", ACCOUNT);
        var machines = c.at("/setup/machines").fields();
        while (machines.hasNext()) {
            var m = machines.next();
            String arn = sfn.createStateMachine(r -> r.name(table + "-" + m.getKey())
                    .definition(m.getValue().toString()).roleArn(ROLE)).stateMachineArn();
            definition = definition.replace("${machine:" + m.getKey() + "}", arn);
        }
        ObjectNode out = JSON.createObjectNode();
        String machine;
        try {
            String text = definition;
            machine = sfn.createStateMachine(r -> r.name(table).definition(text).roleArn(ROLE)).stateMachineArn();
        } catch (InvalidDefinitionException e) {
            return out.put("status", "INVALID");
        }
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).name("exec")
                .input(c.get("input").toString())).executionArn();
        DescribeExecutionResponse d = awaitClosed(execution);
        out.put("status", d.statusAsString());
        if (d.output() != null) {
            out.set("output", JSON.readTree(d.output()));
        }
        if (d.error() != null) {
            out.put("error", d.error());
        }
        if (d.cause() != null) {
            out.put("cause", d.cause());
        }
        return out;
    }

    /** DynamoDB JSON ({"S": ...}, {"N": ...}, {"M": ...}, ...) as the SDK's attribute values. */
    private static Map<String, AttributeValue> item(JsonNode item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.fields().forEachRemaining(f -> attributes.put(f.getKey(), value(f.getValue())));
        return attributes;
    }

    private static AttributeValue value(JsonNode v) {
        String type = v.fieldNames().next();
        JsonNode x = v.get(type);
        return switch (type) {
            case "S" -> AttributeValue.fromS(x.asText());
            case "N" -> AttributeValue.fromN(x.asText());
            case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(x.asText())));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                x.forEach(e -> list.add(value(e)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(item(x));
            default -> throw new IllegalArgumentException("attribute type " + type + " is not used by the corpus");
        };
    }

    /** Status, error, output (with "&lt;any&gt;" wildcards), and cause where the definition sets one. */
    static boolean agrees(JsonNode expected, JsonNode actual, JsonNode definition) {
        if (!expected.path("status").equals(actual.path("status")) || !expected.path("error").equals(actual.path("error"))) {
            return false;
        }
        if (expected.has("output") && !same(expected.get("output"), actual.get("output"))) {
            return false;
        }
        return !definition.toString().contains("\"Cause") || expected.path("cause").equals(actual.path("cause"));
    }

    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && expected.asText().equals(ANY)) {
            return actual != null && !actual.isMissingNode();
        }
        if (actual == null) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            var names = expected.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!same(expected.get(n), actual.get(n))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private static DescribeExecutionResponse awaitClosed(String executionArn) throws InterruptedException {
        return StackSfn.awaitClosed(sfn, executionArn);
    }
}
