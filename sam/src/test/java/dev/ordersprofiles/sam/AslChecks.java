package dev.ordersprofiles.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of statemachine/place-order.asl.json against docs/architecture.md §6 and the step contracts. */
final class AslChecks {
    private AslChecks() {
    }

    static final List<String> TRANSIENT = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.SnapStartNotReadyException",
            "Lambda.ClientExecutionTimeoutException", "Sandbox.Timedout", Contract.DEPENDENCY_UNAVAILABLE);
    static final List<String> STEPS = List.of("Validate", "Reserve", "Charge", "Confirm");

    static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every task invokes a Lambda with the whole state as payload, retrying the transient Lambda errors with jitter. */
    static List<String> tasks(JsonNode asl) {
        List<String> problems = new ArrayList<>();
        asl.path("States").fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode s = e.getValue();
            if (!"Task".equals(s.path("Type").asText())) {
                return;
            }
            if (!"arn:aws:states:::lambda:invoke".equals(s.path("Resource").asText())) {
                problems.add(name + ": Resource must be arn:aws:states:::lambda:invoke");
            }
            if (!s.path("Parameters").path("FunctionName").asText().matches("\\$\\{[A-Za-z]+FunctionArn}")) {
                problems.add(name + ": FunctionName must be a ${...FunctionArn} substitution");
            }
            if (!"$".equals(s.path("Parameters").path("Payload.$").asText())) {
                problems.add(name + ": Payload.$ must be $ (the step input is the state)");
            }
            JsonNode retry = s.path("Retry").path(0);
            Set<String> errors = new HashSet<>();
            retry.path("ErrorEquals").forEach(n -> errors.add(n.asText()));
            if (!errors.containsAll(TRANSIENT)) {
                problems.add(name + ": first retrier must cover " + TRANSIENT);
            }
            if (retry.path("BackoffRate").asDouble(0) <= 1.0 || !retry.has("MaxDelaySeconds")
                    || !"FULL".equals(retry.path("JitterStrategy").asText())
                    || retry.path("MaxAttempts").asInt(0) < 1) {
                problems.add(name + ": retrier needs MaxAttempts, BackoffRate > 1, MaxDelaySeconds and JitterStrategy FULL");
            }
        });
        for (String step : STEPS) {
            JsonNode selector = asl.path("States").path(step).path("ResultSelector");
            if (!"$.Payload.orderId".equals(selector.path("orderId.$").asText())
                    || !"$.Payload.status".equals(selector.path("status.$").asText())) {
                problems.add(step + ": ResultSelector must take orderId and status from $.Payload");
            }
        }
        return problems;
    }

    /**
     * The path a failure takes: start at {@code failingState} with error {@code error} and follow Catch and
     * Next transitions (no further failures) to the end. Returns the visited states and checks that
     * catchers keep the input under $.error and compensations keep their input (ResultPath null).
     */
    static List<String> failurePath(JsonNode asl, String failingState, String error, List<String> problems) {
        List<String> path = new ArrayList<>();
        JsonNode states = asl.path("States");
        JsonNode catcher = null;
        for (JsonNode c : states.path(failingState).path("Catch")) {
            for (JsonNode e : c.path("ErrorEquals")) {
                if (catcher == null && (e.asText().equals(error) || e.asText().equals("States.ALL"))) {
                    catcher = c;
                }
            }
        }
        path.add(failingState);
        if (catcher == null) {
            path.add("(uncaught)");
            return path;
        }
        if (!"$.error".equals(catcher.path("ResultPath").asText())) {
            problems.add(failingState + ": catcher for " + error + " must put the error at $.error");
        }
        String next = catcher.path("Next").asText();
        int guard = 0;
        while (!next.isEmpty() && guard++ < 20) {
            JsonNode s = states.path(next);
            path.add(next);
            if ("Task".equals(s.path("Type").asText()) && !(s.has("ResultPath") && s.get("ResultPath").isNull())) {
                problems.add(next + ": a compensation must keep its input (ResultPath null) so MarkFailed sees error");
            }
            next = s.path("Next").asText();
        }
        return path;
    }

    static List<String> compensation(JsonNode asl) {
        List<String> problems = new ArrayList<>();
        expectPath(asl, "Validate", Contract.ORDER_VALIDATION_FAILED, List.of("Validate", "MarkFailed", "OrderFailed"), problems);
        expectPath(asl, "Reserve", Contract.OUT_OF_STOCK, List.of("Reserve", "ReleaseInventory", "MarkFailed", "OrderFailed"), problems);
        expectPath(asl, "Charge", Contract.PAYMENT_DECLINED,
                List.of("Charge", "RefundPayment", "ReleaseInventory", "MarkFailed", "OrderFailed"), problems);
        expectPath(asl, "Confirm", "States.TaskFailed",
                List.of("Confirm", "RefundPayment", "ReleaseInventory", "MarkFailed", "OrderFailed"), problems);
        // Unexpected errors after retries still end with the order FAILED (and compensate what may have happened).
        expectPath(asl, "Validate", "States.TaskFailed", List.of("Validate", "ReleaseInventory", "MarkFailed", "OrderFailed"), problems);
        expectPath(asl, "Reserve", "States.TaskFailed",
                List.of("Reserve", "RefundPayment", "ReleaseInventory", "MarkFailed", "OrderFailed"), problems);
        expectPath(asl, "Charge", "States.TaskFailed",
                List.of("Charge", "RefundPayment", "ReleaseInventory", "MarkFailed", "OrderFailed"), problems);
        if (!"Fail".equals(asl.path("States").path("OrderFailed").path("Type").asText())) {
            problems.add("OrderFailed must be a Fail state");
        }
        List<String> happy = new ArrayList<>();
        String next = asl.path("StartAt").asText();
        int guard = 0;
        while (!next.isEmpty() && guard++ < 20) {
            happy.add(next);
            next = asl.path("States").path(next).path("Next").asText();
        }
        if (!happy.equals(List.of("Validate", "Reserve", "Charge", "Confirm", "Confirmed"))) {
            problems.add("happy path should be Validate, Reserve, Charge, Confirm, Confirmed; is " + happy);
        }
        return problems;
    }

    private static void expectPath(JsonNode asl, String state, String error, List<String> want, List<String> problems) {
        List<String> path = failurePath(asl, state, error, problems);
        if (!path.equals(want)) {
            problems.add(error + " at " + state + " should go " + want + ", goes " + path);
        }
    }
}
