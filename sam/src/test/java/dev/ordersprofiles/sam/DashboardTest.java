package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CloudWatch dashboard shows what the issue asks, for what the template really has: every business metric the
 * application names (application/src/main/java/dev/ordersprofiles/application/event/BusinessEvent.java), the API's
 * latency and 4xx/5xx, errors, throttles and duration of every function that always exists, the workflow's
 * started/failed/timed-out executions, and the throttled events of every table.
 */
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUSINESS_EVENTS =
            "application/src/main/java/dev/ordersprofiles/application/event/BusinessEvent.java";

    @Test
    void the_dashboard_covers_the_business_metrics_api_functions_workflow_and_tables() throws Exception {
        assertThat(problems(Template.load())).isEmpty();
    }

    @Test
    void a_function_left_off_the_dashboard_is_reported() throws Exception {
        Template t = Template.mutated(",\n            [\"AWS/Lambda\",\"Errors\",\"FunctionName\",\"${OrdersCleanupFunction}\","
                + "{\"label\":\"OrdersCleanup\"}]", "");
        assertThat(problems(t)).anyMatch(p -> p.contains("OrdersCleanupFunction"));
    }

    @SuppressWarnings("unchecked")
    static List<String> problems(Template t) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Object> dashboard = t.properties("Dashboard");
        String body = String.valueOf(((Map<String, Object>) dashboard.get("DashboardBody")).get("Fn::Sub"));
        for (Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(body); m.find(); ) {
            String name = m.group(1);
            if (!name.startsWith("AWS::") && !t.resources().containsKey(name) && !t.parameters().containsKey(name)) {
                problems.add("the body names ${" + name + "}, which is neither a resource nor a parameter");
            }
        }
        JsonNode widgets = JSON.readTree(body).get("widgets");
        List<String> lines = new ArrayList<>();
        for (JsonNode widget : widgets) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                lines.add(metric.toString());
            }
        }
        String all = String.join("\n", lines);

        Matcher names = Pattern.compile("return \"([A-Za-z]+)\";")
                .matcher(Template.read(Template.REPO.resolve(BUSINESS_EVENTS)));
        int business = 0;
        while (names.find()) {
            business++;
            if (!all.contains("MetricName=\\\"" + names.group(1) + "\\\"")) {
                problems.add("business metric " + names.group(1) + " is not on the dashboard");
            }
        }
        if (business < 6) {
            problems.add("found only " + business + " business metrics in " + BUSINESS_EVENTS);
        }
        String apiName = "\"ApiName\",\"" + String.valueOf(((Map<String, Object>) t.properties("Api").get("Name"))
                .get("Fn::Sub")) + "\"";
        for (String metric : List.of("Latency", "4XXError", "5XXError")) {
            if (lines.stream().noneMatch(l -> l.contains("\"AWS/ApiGateway\",\"" + metric + "\"") && l.contains(apiName))) {
                problems.add("API metric " + metric + " of " + apiName + " is not on the dashboard");
            }
        }
        for (String metric : List.of("ExecutionsStarted", "ExecutionsFailed", "ExecutionsTimedOut")) {
            if (!all.contains("\"AWS/States\",\"" + metric + "\",\"StateMachineArn\",\"${PlaceOrderStateMachine}\"")) {
                problems.add("state machine metric " + metric + " is not on the dashboard");
            }
        }
        t.resources().forEach((id, value) -> {
            Map<String, Object> resource = Template.map(value);
            if (resource.containsKey("Condition")) {
                return; // not in every stack: the dashboard cannot name it
            }
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                for (String metric : List.of("Errors", "Throttles", "Duration")) {
                    if (!all.contains("\"AWS/Lambda\",\"" + metric + "\",\"FunctionName\",\"${" + id + "}\"")) {
                        problems.add(id + ": Lambda " + metric + " is not on the dashboard");
                    }
                }
            }
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
                    if (!all.contains("\"AWS/DynamoDB\",\"" + metric + "\",\"TableName\",\"${" + id + "}\"")) {
                        problems.add(id + ": DynamoDB " + metric + " is not on the dashboard");
                    }
                }
            }
        });
        return problems;
    }
}
