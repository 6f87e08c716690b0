package dev.ordersprofiles.handlers.iam;

import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.withPathId;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.application.testing.MutableClock;
import dev.ordersprofiles.handlers.common.Json;
import dev.ordersprofiles.handlers.http.GetOrderHandler;
import dev.ordersprofiles.handlers.http.GetProfileHandler;
import dev.ordersprofiles.handlers.http.HealthHandler;
import dev.ordersprofiles.handlers.http.ListMyOrdersHandler;
import dev.ordersprofiles.handlers.http.PlaceOrderHandler;
import dev.ordersprofiles.handlers.http.UpsertProfileHandler;
import dev.ordersprofiles.handlers.rds.RdsWelcomeHandler;
import dev.ordersprofiles.handlers.schedule.ExpireStaleOrdersHandler;
import dev.ordersprofiles.handlers.stream.WelcomeProfileHandler;
import dev.ordersprofiles.handlers.support.Api;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.TestContext;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import dev.ordersprofiles.handlers.wiring.Ports;
import dev.ordersprofiles.handlers.workflow.ChargePaymentHandler;
import dev.ordersprofiles.handlers.workflow.ConfirmOrderHandler;
import dev.ordersprofiles.handlers.workflow.MarkOrderFailedHandler;
import dev.ordersprofiles.handlers.workflow.RefundPaymentHandler;
import dev.ordersprofiles.handlers.workflow.ReleaseInventoryHandler;
import dev.ordersprofiles.handlers.workflow.ReserveInventoryHandler;
import dev.ordersprofiles.handlers.workflow.ValidateOrderHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every function of the template in process, on the AWS adapters against dynalite and a stub Step Functions
 * endpoint, through the paths its code has (first call and replay, success, conflict, compensation, expiry), and
 * records the AWS operation and resource of every request it sends. The record must equal
 * contracts/aws-permissions.json, which the sam module holds the template's IAM policies to: an action a function
 * makes but is not granted fails here, and so does a granted one that no path of the function makes.
 */
class AwsCallsIT {
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:PlaceOrder";
    private static final String STATE_MACHINE = "PlaceOrderStateMachine";

    private static final Map<String, Set<String>> RECORDED = new ConcurrentHashMap<>();
    private static volatile String current = "(setup)";
    private static HttpServer stepFunctions;
    private static TableNames tables;
    private static OrdersComponent component;
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    @BeforeAll
    static void wire() throws IOException {
        stepFunctions = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stepFunctions.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"executionArn\":\"" + ARN.replace("stateMachine", "execution") + ":x\","
                    + "\"startDate\":1.7E9}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stepFunctions.start();
        Dynalite dynalite = Dynalite.shared();
        tables = dynalite.freshTables();
        Map<String, String> logical = Map.of(tables.orders(), "OrdersTable", tables.profiles(), "ProfilesTable",
                tables.idempotency(), "IdempotencyTable");
        AwsSettings settings = new AwsSettings(Dynalite.REGION, tables, Optional.of(ARN),
                Optional.of(dynalite.endpoint()),
                Optional.of(URI.create("http://127.0.0.1:" + stepFunctions.getAddress().getPort())), 8,
                Duration.ofDays(30));
        AwsAdapters aws = AwsAdapters.fromSettings(settings, Dynalite.DUMMY_CREDENTIALS, CLOCK,
                (operation, request, status, response) -> record(operation, request, logical));
        Ports ports = new Ports(aws.orderRepository(), aws.profileRepository(), aws.idempotencyStore(),
                aws.orderWorkflow(), SimulatedInventory.fromConfig(""), SimulatedPayments.fromConfig("5000.00"),
                new UuidIds());
        component = Components.withPorts(HandlerConfig.inMemory(), CLOCK, ports);
    }

    @AfterAll
    static void stop() {
        if (stepFunctions != null) {
            stepFunctions.stop(0);
        }
    }

    private static void record(String operation, byte[] request, Map<String, String> logical) {
        JsonNode body = tree(new String(request, StandardCharsets.UTF_8));
        String resource;
        String action;
        if (body.has("stateMachineArn")) {
            action = "states:" + operation;
            resource = body.path("stateMachineArn").asText().equals(ARN) ? STATE_MACHINE : "?";
        } else {
            action = "dynamodb:" + operation;
            String table = logical.getOrDefault(body.path("TableName").asText(), "?" + body.path("TableName"));
            resource = body.hasNonNull("IndexName") ? table + "/index/" + body.path("IndexName").asText() : table;
        }
        RECORDED.computeIfAbsent(current, f -> ConcurrentHashMap.newKeySet()).add(action + " " + resource);
    }

    private static void as(String function) {
        current = function;
        RECORDED.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet());
    }

    @Test
    void every_function_makes_exactly_the_aws_calls_its_declaration_lists() throws IOException {
        try (CapturedStdout quiet = new CapturedStdout()) {
            runEveryFunction();
        }
        Map<String, Set<String>> declared = Json.MAPPER.convertValue(
                tree(Api.resource("contracts/aws-permissions.json")).path("functions"),
                new TypeReference<TreeMap<String, Set<String>>>() { });
        Map<String, Set<String>> recorded = new TreeMap<>();
        RECORDED.forEach((function, calls) -> recorded.put(function, new TreeSet<>(calls)));
        recorded.remove("(setup)");

        assertThat(recorded).as("recorded AWS calls per function (left) against contracts/aws-permissions.json")
                .isEqualTo(declared);
    }

    private static void runEveryFunction() throws IOException {
        as("HealthFunction");
        call(new HealthHandler(component), event("api-health-get"));

        as("ProfilesUpsertFunction");
        call(new UpsertProfileHandler(component), event("api-profiles-post")); // insert
        call(new UpsertProfileHandler(component), event("api-profiles-post")); // update

        as("ProfilesGetFunction");
        call(new GetProfileHandler(component), withPathId(event("api-profiles-get"), Api.SUB));

        as("OrdersCreateFunction");
        String first = placed(call(new PlaceOrderHandler(component), event("api-orders-post")).getBody());
        call(new PlaceOrderHandler(component), event("api-orders-post")); // the replay
        String second = placed(call(new PlaceOrderHandler(component), Api.withHeader(event("api-orders-post"),
                "Idempotency-Key", "second-order-key-0001")).getBody());
        String third = placed(call(new PlaceOrderHandler(component), Api.withHeader(event("api-orders-post"),
                "Idempotency-Key", "third-order-key-0001")).getBody());
        String fourth = placed(call(new PlaceOrderHandler(component), Api.withHeader(event("api-orders-post"),
                "Idempotency-Key", "fourth-order-key-0001")).getBody());

        as("OrdersGetFunction");
        call(new GetOrderHandler(component), withPathId(event("api-orders-get"), first));

        as("OrdersListFunction");
        call(new ListMyOrdersHandler(component), event("api-orders-list"));

        as("ValidateOrderFunction");
        step(new ValidateOrderHandler(component), first);
        step(new ValidateOrderHandler(component), second);
        step(new ValidateOrderHandler(component), third);
        as("ReserveInventoryFunction");
        step(new ReserveInventoryHandler(component), first);
        step(new ReserveInventoryHandler(component), second);
        as("ChargePaymentFunction");
        step(new ChargePaymentHandler(component), first);
        step(new ChargePaymentHandler(component), second);
        as("ConfirmOrderFunction");
        step(new ConfirmOrderHandler(component), first);
        as("RefundPaymentFunction");
        step(new RefundPaymentHandler(component), second);
        as("ReleaseInventoryFunction");
        step(new ReleaseInventoryHandler(component), second);
        as("MarkOrderFailedFunction");
        Map<String, Object> failed = Json.MAPPER.readValue(Api.resource("contracts/events/step-mark-order-failed.json"),
                new TypeReference<HashMap<String, Object>>() { });
        failed.put("orderId", second);
        new MarkOrderFailedHandler(component).handleRequest(failed, new TestContext());

        as("ProfilesStreamWelcomeFunction");
        DynamodbEvent inserted = EventLoader.loadDynamoDbEvent("contracts/events/stream-profiles-insert.json");
        new WelcomeProfileHandler(component).handleRequest(inserted, new TestContext());

        as("OrdersCleanupFunction");
        // Two hours on, the third order (VALIDATED) is stuck and is compensated; the fourth (PENDING) expires.
        CLOCK.advance(Duration.ofHours(2));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        new ExpireStaleOrdersHandler(component).handleRequest(new ByteArrayInputStream(
                Api.resource("contracts/events/schedule-orders-cleanup.json").getBytes(StandardCharsets.UTF_8)),
                report, new TestContext());
        assertThat(tree(report.toString(StandardCharsets.UTF_8)).path("expired").asInt()).as("%s", fourth)
                .isEqualTo(1);
        assertThat(tree(report.toString(StandardCharsets.UTF_8)).path("failed").asInt()).as("%s", third)
                .isEqualTo(1);

        as("RdsWelcomeFunction");
        new RdsWelcomeHandler().handleRequest(new ByteArrayInputStream(
                Api.resource("contracts/events/rds-registrations-insert.json").getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new TestContext());
        current = "(done)";
    }

    private static void step(com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>,
            Map<String, Object>> handler, String orderId) throws IOException {
        Map<String, Object> input = Json.MAPPER.readValue(Api.resource("contracts/events/step-validate-order.json"),
                new TypeReference<HashMap<String, Object>>() { });
        input.put("orderId", orderId);
        handler.handleRequest(input, new TestContext());
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String placed(String body) {
        return tree(body).path("orderId").asText();
    }
}
