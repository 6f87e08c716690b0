package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs sam/statemachine/place-order.asl.json unmodified with in-process fake steps that follow the contract in
 * docs/architecture.md §7: step input/output per contracts/schemas, business failures as Java exception class names.
 */
class PlaceOrderWorkflowTest {

    private static final Path ASL = Path.of("../sam/statemachine/place-order.asl.json");
    private static final Path OUTPUT_SCHEMA = Path.of("../contracts/schemas/order-step-output.json");
    private static final Path INPUT_SCHEMA = Path.of("../contracts/schemas/order-step-input.json");
    private static final String ORDER_ID = "0b7e6f1c-3a55-4c1e-9f2a-6d2f1f0c9a11";
    private static final String PKG = "dev.ordersprofiles.application.order.";

    /** DefinitionSubstitutions key -> short function name (docs/architecture.md §7). */
    private static final Map<String, String> FUNCTIONS = Map.of(
            "ValidateOrderFunctionArn", "validate-order",
            "ReserveInventoryFunctionArn", "reserve-inventory",
            "ChargePaymentFunctionArn", "charge-payment",
            "ConfirmOrderFunctionArn", "confirm-order",
            "ReleaseInventoryFunctionArn", "release-inventory",
            "RefundPaymentFunctionArn", "refund-payment",
            "MarkOrderFailedFunctionArn", "mark-order-failed");

    private final Harness h = new Harness();
    private final Map<String, String> status = new HashMap<>();
    private final Set<String> reserved = new HashSet<>();
    private final Set<String> charged = new HashSet<>();
    private final List<String> stepLog = new ArrayList<>();
    private final Set<String> throttleOnce = new HashSet<>();
    private String failureReason;
    private boolean declinePayment;
    private boolean outOfStock;
    private StateMachine machine;

    @BeforeEach
    void load() throws IOException {
        String definition = Files.readString(ASL);
        Map<String, String> substitutions = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(definition);
        while (m.find()) {
            String key = m.group(1);
            assertThat(FUNCTIONS).as("substitution ${%s} names a function of the contract", key).containsKey(key);
            String fn = FUNCTIONS.get(key);
            // Charge goes through an alias in the template (SnapStart / provisioned concurrency).
            String arn = Harness.FN + fn + (fn.equals("charge-payment") ? ":live" : "");
            substitutions.put(key, arn);
            h.function(arn.substring(Harness.FN.length()), payload -> step(fn, payload));
        }
        assertThat(substitutions.values().stream().map(a -> a.replace(":live", ""))
                .map(a -> a.substring(Harness.FN.length()))).containsExactlyInAnyOrderElementsOf(FUNCTIONS.values());
        machine = StateMachine.load(StateMachine.arnFor("us-east-1", "123456789012", "PlaceOrder"), definition,
                substitutions);
        status.put(ORDER_ID, "PENDING");
    }

    private InvocationResult step(String fn, String payload) {
        JsonNode input = Harness.json(payload);
        assertMatchesSchema(INPUT_SCHEMA, input, fn + " input");
        stepLog.add(fn);
        if (throttleOnce.remove(fn)) {
            return InvocationResult.throttled();
        }
        String id = input.get("orderId").asText();
        switch (fn) {
            case "validate-order" -> move(id, "PENDING", "VALIDATED");
            case "reserve-inventory" -> {
                if (outOfStock) {
                    return InvocationResult.functionError(PKG + "OutOfStock", "out of stock: B-2");
                }
                reserved.add(id);
                move(id, "VALIDATED", "RESERVED");
            }
            case "charge-payment" -> {
                if (declinePayment) {
                    return InvocationResult.functionError(PKG + "PaymentDeclined", "payment declined for " + id);
                }
                charged.add(id);
                move(id, "RESERVED", "CHARGED");
            }
            case "confirm-order" -> move(id, "CHARGED", "CONFIRMED");
            case "release-inventory" -> reserved.remove(id);
            case "refund-payment" -> charged.remove(id);
            case "mark-order-failed" -> {
                String error = input.at("/error/Error").asText();
                assertThat(error).as("mark-order-failed needs $.error.Error").isNotEmpty();
                if (!Set.of("CONFIRMED", "EXPIRED", "FAILED").contains(status.get(id))) {
                    status.put(id, "FAILED");
                    failureReason = error.substring(error.lastIndexOf('.') + 1);
                }
            }
            default -> throw new IllegalArgumentException(fn);
        }
        ObjectNode output = Harness.json("{}").deepCopy();
        output.put("orderId", id);
        output.put("status", status.get(id));
        assertMatchesSchema(OUTPUT_SCHEMA, output, fn + " output");
        return InvocationResult.success(output.toString());
    }

    private void move(String id, String from, String to) {
        if (status.get(id).equals(from)) {
            status.put(id, to);
        } else if (!status.get(id).equals(to)) {
            throw new IllegalStateException(id + " is " + status.get(id) + ", cannot move to " + to);
        }
    }

    private Execution run() {
        return h.run(machine, ORDER_ID, "{\"orderId\":\"" + ORDER_ID + "\"}");
    }

    private static List<String> statesEntered(Execution e) {
        return e.history().stream().filter(ev -> ev.type().endsWith("StateEntered")).map(HistoryEvent::stateName).toList();
    }

    @Test
    void success_path_confirms_the_order() {
        Execution e = run();
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(Harness.json("{\"orderId\":\"" + ORDER_ID + "\",\"status\":\"CONFIRMED\"}"));
        assertMatchesSchema(OUTPUT_SCHEMA, e.output(), "execution output");
        assertThat(statesEntered(e)).containsExactly("Validate", "Reserve", "Charge", "Confirm", "Confirmed");
        assertThat(stepLog).containsExactly("validate-order", "reserve-inventory", "charge-payment", "confirm-order");
        assertThat(status.get(ORDER_ID)).isEqualTo("CONFIRMED");
        for (HistoryEvent exited : Harness.events(e, "TaskStateExited")) {
            assertMatchesSchema(OUTPUT_SCHEMA, Harness.json(exited.details().get("output").asText()),
                    exited.stateName() + " state output");
        }
        for (HistoryEvent succeeded : Harness.events(e, "TaskSucceeded")) {
            JsonNode envelope = Harness.json(succeeded.details().get("output").asText());
            assertThat(envelope.get("StatusCode").asInt()).isEqualTo(200);
            assertMatchesSchema(OUTPUT_SCHEMA, envelope.get("Payload"), "Payload of " + succeeded.stateName());
        }
    }

    @Test
    void a_throttled_step_is_retried_and_the_order_still_confirms() {
        throttleOnce.add("charge-payment");
        Execution e = run();
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(stepLog).containsExactly("validate-order", "reserve-inventory", "charge-payment", "charge-payment",
                "confirm-order");
        List<HistoryEvent> failures = Harness.events(e, "TaskFailed");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).stateName()).isEqualTo("Charge");
        assertThat(failures.get(0).details().get("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(Harness.events(e, "TaskScheduled")).filteredOn(ev -> ev.stateName().equals("Charge")).hasSize(2);
        assertThat(status.get(ORDER_ID)).isEqualTo("CONFIRMED");
    }

    @Test
    void payment_declined_releases_the_reservation_marks_the_order_failed_and_fails() {
        declinePayment = true;
        Execution e = run();
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("OrderFailed");
        assertThat(statesEntered(e)).containsExactly("Validate", "Reserve", "Charge", "RefundPayment",
                "ReleaseInventory", "MarkFailed", "OrderFailed");
        assertThat(stepLog).containsExactly("validate-order", "reserve-inventory", "charge-payment", "refund-payment",
                "release-inventory", "mark-order-failed");
        assertThat(reserved).isEmpty();
        assertThat(charged).isEmpty();
        assertThat(status.get(ORDER_ID)).isEqualTo("FAILED");
        assertThat(failureReason).isEqualTo("PaymentDeclined");
        HistoryEvent markFailed = e.history().stream()
                .filter(ev -> ev.type().equals("TaskStateEntered") && ev.stateName().equals("MarkFailed")).findFirst()
                .orElseThrow();
        JsonNode error = Harness.json(markFailed.details().get("input").asText()).get("error");
        assertThat(error.get("Error").asText()).isEqualTo(PKG + "PaymentDeclined");
        assertThat(Harness.json(error.get("Cause").asText()).get("errorType").asText()).isEqualTo(PKG + "PaymentDeclined");
    }

    @Test
    void out_of_stock_marks_the_order_failed_without_charging() {
        outOfStock = true;
        Execution e = run();
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(stepLog).containsExactly("validate-order", "reserve-inventory", "release-inventory",
                "mark-order-failed");
        assertThat(failureReason).isEqualTo("OutOfStock");
    }

    /** A tiny structural check of the schemas we use: required, additionalProperties false, pattern, enum, type. */
    private static void assertMatchesSchema(Path schemaFile, JsonNode value, String what) {
        JsonNode schema;
        try {
            schema = Harness.json(Files.readString(schemaFile));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(value.isObject()).as(what + " is an object").isTrue();
        schema.path("required").forEach(r -> assertThat(value.has(r.asText())).as(what + " has " + r.asText()).isTrue());
        JsonNode properties = schema.path("properties");
        value.fieldNames().forEachRemaining(name -> {
            if (!schema.path("additionalProperties").asBoolean(true)) {
                assertThat(properties.has(name)).as(what + " has no property " + name).isTrue();
            }
            JsonNode rule = properties.path(name);
            JsonNode field = value.get(name);
            if (rule.has("pattern")) {
                assertThat(field.asText()).as(what + "." + name).matches(rule.get("pattern").asText());
            }
            if (rule.has("enum")) {
                assertThat(rule.get("enum")).as(what + "." + name).contains(field);
            }
            if (rule.path("type").asText().equals("object")) {
                assertThat(field.isObject()).as(what + "." + name + " is an object").isTrue();
                rule.path("required").forEach(r -> assertThat(field.has(r.asText())).as(what + "." + name + "."
                        + r.asText()).isTrue());
            }
        });
    }
}
