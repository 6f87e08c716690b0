package dev.ordersprofiles.sam;

import static dev.ordersprofiles.sam.Template.list;
import static dev.ordersprofiles.sam.Template.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of template.yaml against the project's contracts. Each returns the problems it finds
 * (empty = fine), so tests can show both that the real template passes and that a broken copy fails.
 */
final class TemplateChecks {
    private TemplateChecks() {
    }

    static final String FUNCTION = "AWS::Serverless::Function";

    /**
     * Actions for which AWS offers no resource-level permissions, so "*" is the only valid Resource:
     * the CloudWatch Logs vended log delivery API (Step Functions logging) and X-Ray trace upload.
     */
    static final Set<String> ACTIONS_ONLY_ON_ANY_RESOURCE = Set.of(
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets");

    // ------------------------------------------------------------------ functions and handlers

    static List<String> functionsMatchContract(Template t) {
        List<String> problems = new ArrayList<>();
        Set<String> actual = new TreeSet<>(t.ofType(FUNCTION));
        Set<String> expected = new TreeSet<>(Contract.HANDLERS.keySet());
        for (String id : expected) {
            if (!actual.contains(id)) {
                problems.add("function " + id + " of the contract is missing");
            }
        }
        for (String id : actual) {
            if (!expected.contains(id)) {
                problems.add("function " + id + " is not in the contract (docs/architecture.md §7)");
                continue;
            }
            String handler = String.valueOf(t.functionProperties(id).get("Handler"));
            String want = Contract.HANDLERS.get(id) + "::handleRequest";
            if (!handler.equals(want)) {
                problems.add(id + ": Handler " + handler + " should be " + want);
            }
        }
        return problems;
    }

    /** Every Handler names a class whose source exists in the handlers module (built concurrently, so source, not bytecode). */
    static List<String> handlerSourcesExist(Template t, Path repo) {
        List<String> problems = new ArrayList<>();
        for (String id : t.ofType(FUNCTION)) {
            String handler = String.valueOf(t.functionProperties(id).get("Handler"));
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            Path source = repo.resolve("handlers/src/main/java").resolve(className.replace('.', '/') + ".java");
            if (!Files.isRegularFile(source)) {
                problems.add(id + ": handler class " + className + " has no source " + repo.relativize(source));
            }
        }
        return problems;
    }

    static List<String> runtimeAndArtifact(Template t) {
        List<String> problems = new ArrayList<>();
        for (String id : t.ofType(FUNCTION)) {
            Map<String, Object> p = t.functionProperties(id);
            if (!"java21".equals(p.get("Runtime"))) {
                problems.add(id + ": Runtime " + p.get("Runtime") + " should be java21");
            }
            if (!List.of("arm64").equals(p.get("Architectures"))) {
                problems.add(id + ": Architectures " + p.get("Architectures") + " should be [arm64]");
            }
            if (!Contract.CODE_URI.equals(p.get("CodeUri"))) {
                problems.add(id + ": CodeUri " + p.get("CodeUri") + " should be " + Contract.CODE_URI);
            }
            if (!Boolean.TRUE.equals(map(t.resource(id).get("Metadata")).get("SkipBuild"))) {
                problems.add(id + ": needs Metadata SkipBuild: True, or `sam build` tries to build the jar as a source folder");
            }
        }
        return problems;
    }

    static List<String> environment(Template t) {
        List<String> problems = new ArrayList<>();
        for (String id : t.ofType(FUNCTION)) {
            Map<String, Object> vars = map(map(t.functionProperties(id).get("Environment")).get("Variables"));
            for (String name : vars.keySet()) {
                if (!Contract.ENVIRONMENT.contains(name)) {
                    problems.add(id + ": environment variable " + name + " is not one the handlers read");
                }
            }
            for (String name : Contract.ENVIRONMENT_EVERY_FUNCTION) {
                if (!vars.containsKey(name)) {
                    problems.add(id + ": environment variable " + name + " is missing");
                }
            }
            Object stateMachine = vars.get("STATE_MACHINE_ARN");
            if (id.equals("OrdersCreateFunction")) {
                if (!(isRefTo(stateMachine, t, "AWS::Serverless::StateMachine"))) {
                    problems.add(id + ": STATE_MACHINE_ARN should be !Ref of the state machine, is " + stateMachine);
                }
            } else if (stateMachine != null) {
                problems.add(id + ": only orders-create starts executions, so only it gets STATE_MACHINE_ARN");
            }
            for (Map.Entry<String, Object> table : Map.<String, Object>of("ORDERS_TABLE", "OrdersTable",
                    "PROFILES_TABLE", "ProfilesTable", "IDEMPOTENCY_TABLE", "IdempotencyTable").entrySet()) {
                Object value = vars.get(table.getKey());
                if (value != null && !Map.of("Ref", table.getValue()).equals(value)) {
                    problems.add(id + ": " + table.getKey() + " should be !Ref " + table.getValue() + ", is " + value);
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ API

    static List<String> routesMatch(Template t, Set<String> openApiRoutes) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> template = t.apiRoutes();
        for (String r : openApiRoutes) {
            if (!template.contains(r)) {
                problems.add("route " + r + " is in openapi.yaml but not in the template");
            }
        }
        for (String r : template) {
            if (!openApiRoutes.contains(r)) {
                problems.add("route " + r + " is in the template but not in openapi.yaml");
            }
        }
        return problems;
    }

    /** Every route uses the Cognito authorizer except GET /health, which is explicitly open. */
    static List<String> authorization(Template t) {
        List<String> problems = new ArrayList<>();
        for (String api : t.ofType("AWS::Serverless::Api")) {
            Map<String, Object> auth = map(t.properties(api).get("Auth"));
            Object name = auth.get("DefaultAuthorizer");
            Map<String, Object> authorizer = map(map(auth.get("Authorizers")).get(String.valueOf(name)));
            if (name == null || !authorizer.containsKey("UserPoolArn")) {
                problems.add(api + ": the default authorizer must be a Cognito user pool authorizer");
            }
        }
        for (String fn : t.ofType(FUNCTION)) {
            map(t.properties(fn).get("Events")).forEach((eventId, e) -> {
                Map<String, Object> event = map(e);
                if (!"Api".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> p = map(event.get("Properties"));
                String route = String.valueOf(p.get("Method")).toUpperCase() + " " + p.get("Path");
                boolean open = "NONE".equals(map(p.get("Auth")).get("Authorizer"));
                if (route.equals(Contract.PUBLIC_ROUTE) != open) {
                    problems.add(fn + "." + eventId + ": " + route + (open ? " must require a token" : " must be public"));
                }
                if (!map(p.get("RestApiId")).containsKey("Ref")) {
                    problems.add(fn + "." + eventId + ": must attach to the template's Api (RestApiId: !Ref Api)");
                }
            });
        }
        return problems;
    }

    // ------------------------------------------------------------------ tables

    static List<String> tables(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, String> keys = Map.of("ProfilesTable", "userId", "OrdersTable", "orderId", "IdempotencyTable", "pk");
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String id = e.getKey();
            if (!"AWS::DynamoDB::Table".equals(t.type(id))) {
                problems.add(id + ": missing or not an AWS::DynamoDB::Table");
                continue;
            }
            Map<String, Object> p = t.properties(id);
            if (!"PAY_PER_REQUEST".equals(p.get("BillingMode"))) {
                problems.add(id + ": BillingMode should be PAY_PER_REQUEST (on-demand)");
            }
            if (!Boolean.TRUE.equals(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))) {
                problems.add(id + ": point-in-time recovery must be enabled");
            }
            List<Object> keySchema = list(p.get("KeySchema"));
            if (keySchema.size() != 1 || !e.getValue().equals(map(keySchema.get(0)).get("AttributeName"))) {
                problems.add(id + ": key should be " + e.getValue() + " alone");
            }
        }
        ttl(t, "OrdersTable", problems);
        ttl(t, "IdempotencyTable", problems);
        Object stream = map(t.properties("ProfilesTable").get("StreamSpecification")).get("StreamViewType");
        if (!"NEW_AND_OLD_IMAGES".equals(stream)) {
            problems.add("ProfilesTable: stream should be NEW_AND_OLD_IMAGES, is " + stream);
        }
        Map<String, List<String>> indexes = new HashMap<>();
        for (Object gsi : list(t.properties("OrdersTable").get("GlobalSecondaryIndexes"))) {
            List<String> ks = new ArrayList<>();
            for (Object k : list(map(gsi).get("KeySchema"))) {
                ks.add(map(k).get("KeyType") + ":" + map(k).get("AttributeName"));
            }
            ks.add("projection:" + map(map(gsi).get("Projection")).get("ProjectionType"));
            indexes.put(String.valueOf(map(gsi).get("IndexName")), ks);
        }
        expectIndex(indexes, "byUser", List.of("HASH:userId", "RANGE:createdAt", "projection:ALL"), problems);
        expectIndex(indexes, "inFlightByDue", List.of("HASH:inFlightShard", "RANGE:dueEpoch", "projection:ALL"), problems);
        Map<String, Object> types = new HashMap<>();
        for (Object a : list(t.properties("OrdersTable").get("AttributeDefinitions"))) {
            types.put(String.valueOf(map(a).get("AttributeName")), map(a).get("AttributeType"));
        }
        if (!"N".equals(types.get("dueEpoch")) || !"S".equals(types.get("inFlightShard"))) {
            problems.add("OrdersTable: dueEpoch must be N and inFlightShard S");
        }
        return problems;
    }

    private static void ttl(Template t, String id, List<String> problems) {
        Map<String, Object> ttl = map(t.properties(id).get("TimeToLiveSpecification"));
        if (!"ttlEpoch".equals(ttl.get("AttributeName")) || !Boolean.TRUE.equals(ttl.get("Enabled"))) {
            problems.add(id + ": TTL must be enabled on ttlEpoch");
        }
    }

    private static void expectIndex(Map<String, List<String>> indexes, String name, List<String> want, List<String> problems) {
        if (!want.equals(indexes.get(name))) {
            problems.add("OrdersTable: index " + name + " should be " + want + ", is " + indexes.get(name));
        }
    }

    // ------------------------------------------------------------------ IAM

    /** No Allow statement with a wildcard resource (except actions AWS only grants on "*"), no broad managed policies. */
    static List<String> noWildcardResources(Template t) {
        List<String> problems = new ArrayList<>();
        collectStatements(t.resources(), "Resources", problems);
        for (String id : t.resources().keySet()) {
            String type = t.type(id);
            if (!FUNCTION.equals(type) && !"AWS::Serverless::StateMachine".equals(type)) {
                continue;
            }
            for (Object policy : list(t.properties(id).get("Policies"))) {
                if (policy instanceof String name) {
                    problems.add(id + ": managed policy " + name + " is not scoped to this stack's resources; use a SAM policy template");
                } else if (!map(policy).containsKey("Statement")) {
                    map(policy).forEach((template, params) -> map(params).forEach((k, v) -> {
                        if ("*".equals(v) || String.valueOf(v).contains("*")) {
                            problems.add(id + ": policy template " + template + " with wildcard " + k + "=" + v);
                        }
                    }));
                }
            }
        }
        return problems;
    }

    private static void collectStatements(Object node, String where, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            Object statements = m.get("Statement");
            if (statements != null) {
                int i = 0;
                for (Object s : list(statements)) {
                    checkStatement(map(s), where + ".Statement[" + i++ + "]", problems);
                }
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                collectStatements(e.getValue(), where + "." + e.getKey(), problems);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collectStatements(l.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    private static void checkStatement(Map<String, Object> s, String where, List<String> problems) {
        if (!"Allow".equals(s.get("Effect"))) {
            return;
        }
        if (s.containsKey("NotResource") || s.containsKey("NotAction")) {
            problems.add(where + ": NotResource/NotAction grant everything else");
            return;
        }
        boolean onlyUnscopableActions = !list(s.get("Action")).isEmpty()
                && list(s.get("Action")).stream().allMatch(ACTIONS_ONLY_ON_ANY_RESOURCE::contains);
        for (Object resource : list(s.get("Resource"))) {
            if (isWildcard(resource) && !onlyUnscopableActions) {
                problems.add(where + ": wildcard resource " + resource + " for " + s.get("Action"));
            }
        }
    }

    /** "*", or an ARN whose service, region, account or whole resource part is "*". */
    static boolean isWildcard(Object resource) {
        String text = resource instanceof String s ? s
                : map(resource).get("Fn::Sub") instanceof String sub ? sub
                : map(resource).get("Fn::Sub") != null ? String.valueOf(list(map(resource).get("Fn::Sub")).get(0))
                : null;
        if (text == null) {
            return false; // Ref/GetAtt of a named resource
        }
        // ${AWS::Partition} and friends contain colons: blank out substitutions before splitting the ARN.
        text = text.replaceAll("\\$\\{[^}]*}", "x");
        if (text.trim().equals("*")) {
            return true;
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return text.contains("*") && !text.contains("/");
        }
        for (int i = 2; i <= 4; i++) {
            if (parts[i].equals("*")) {
                return true;
            }
        }
        return parts[5].equals("*") || parts[5].startsWith("*");
    }

    // ------------------------------------------------------------------ concurrency and warm start

    /** Under every combination of parameter values, no function gets SnapStart and provisioned concurrency together. */
    static List<String> warmStartExclusive(Template t) {
        List<String> problems = new ArrayList<>();
        for (Map<String, String> values : parameterCombinations(t)) {
            Conditions conditions = new Conditions(t, values);
            for (String id : t.ofType(FUNCTION)) {
                Map<String, Object> p = t.functionProperties(id);
                Object applyOn = conditions.resolve(map(p.get("SnapStart")).get("ApplyOn"));
                Object provisioned = conditions.resolve(p.get("ProvisionedConcurrencyConfig"));
                boolean snapStart = "PublishedVersions".equals(applyOn);
                boolean hasProvisioned = provisioned != null && !Map.of("Ref", "AWS::NoValue").equals(provisioned);
                if (snapStart && hasProvisioned) {
                    problems.add(id + ": SnapStart and provisioned concurrency together when " + values);
                }
                if ((snapStart || hasProvisioned) && p.get("AutoPublishAlias") == null) {
                    problems.add(id + ": SnapStart/provisioned concurrency need AutoPublishAlias (a published version)");
                }
            }
            if (!problems.isEmpty()) {
                break;
            }
        }
        return problems;
    }

    static List<String> reservedConcurrency(Template t) {
        Object value = t.functionProperties("OrdersCreateFunction").get("ReservedConcurrentExecutions");
        Object resolved = value;
        if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String param) {
            resolved = map(t.parameters().get(param)).get("Default");
        }
        if (resolved == null || !(resolved instanceof Number n) || n.intValue() < 1) {
            return List.of("OrdersCreateFunction: ReservedConcurrentExecutions must be set (parameter, default 50), is " + value);
        }
        if (value instanceof Map<?, ?> && n.intValue() != 50) {
            return List.of("OrdersCreateFunction: reserved concurrency parameter should default to 50, is " + n);
        }
        return List.of();
    }

    private static List<Map<String, String>> parameterCombinations(Template t) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, Object> e : t.parameters().entrySet()) {
            Map<String, Object> param = map(e.getValue());
            List<Object> allowed = list(param.get("AllowedValues"));
            List<String> options = new ArrayList<>();
            if (allowed.isEmpty()) {
                options.add(String.valueOf(param.getOrDefault("Default", "")));
            } else {
                allowed.forEach(v -> options.add(String.valueOf(v)));
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                for (String option : options) {
                    Map<String, String> c = new LinkedHashMap<>(combo);
                    c.put(e.getKey(), option);
                    next.add(c);
                }
            }
            combos = next;
        }
        return combos;
    }

    /** Evaluates the template's Conditions for given parameter values and resolves Fn::If. */
    static final class Conditions {
        private final Map<String, Object> definitions;
        private final Map<String, String> parameters;

        Conditions(Template t, Map<String, String> parameters) {
            this.definitions = map(t.root.get("Conditions"));
            this.parameters = parameters;
        }

        boolean holds(String name) {
            if (!definitions.containsKey(name)) {
                throw new IllegalArgumentException("unknown condition " + name);
            }
            return evaluate(definitions.get(name));
        }

        private boolean evaluate(Object expression) {
            Map<String, Object> e = map(expression);
            if (e.containsKey("Condition")) {
                return holds(String.valueOf(e.get("Condition")));
            }
            if (e.containsKey("Fn::Equals")) {
                List<Object> args = list(e.get("Fn::Equals"));
                return Objects.equals(value(args.get(0)), value(args.get(1)));
            }
            if (e.containsKey("Fn::Not")) {
                return !evaluate(list(e.get("Fn::Not")).get(0));
            }
            if (e.containsKey("Fn::And")) {
                return list(e.get("Fn::And")).stream().allMatch(this::evaluate);
            }
            if (e.containsKey("Fn::Or")) {
                return list(e.get("Fn::Or")).stream().anyMatch(this::evaluate);
            }
            throw new IllegalArgumentException("unsupported condition " + expression);
        }

        private String value(Object o) {
            if (o instanceof Map<?, ?> m && m.get("Ref") instanceof String param) {
                return parameters.get(param);
            }
            return String.valueOf(o);
        }

        Object resolve(Object value) {
            if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::If")) {
                List<Object> args = list(m.get("Fn::If"));
                return resolve(holds(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
            }
            return value;
        }
    }

    // ------------------------------------------------------------------ state machine

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    /** Every ${X} in the ASL is a DefinitionSubstitution naming a function of the template, and vice versa. */
    static List<String> stateMachineFunctions(Template t, String aslText) {
        List<String> problems = new ArrayList<>();
        List<String> machines = t.ofType("AWS::Serverless::StateMachine");
        if (machines.size() != 1) {
            return List.of("expected one state machine, found " + machines);
        }
        Map<String, Object> props = t.properties(machines.get(0));
        Map<String, Object> substitutions = map(props.get("DefinitionSubstitutions"));
        Set<String> placeholders = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(aslText);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        for (String p : placeholders) {
            Object value = substitutions.get(p);
            if (value == null) {
                problems.add("ASL placeholder ${" + p + "} has no DefinitionSubstitution");
                continue;
            }
            String target = referencedResource(value);
            if (target == null || !FUNCTION.equals(t.resources().containsKey(target) ? t.type(target) : null)) {
                problems.add("ASL placeholder ${" + p + "} -> " + value + " is not a function of the template");
            }
        }
        for (String s : substitutions.keySet()) {
            if (!placeholders.contains(s)) {
                problems.add("DefinitionSubstitution " + s + " is not used by the ASL");
            }
        }
        Object charge = substitutions.get("ChargePaymentFunctionArn");
        if (!Map.of("Ref", "ChargePaymentFunction.Alias").equals(charge)) {
            problems.add("the state machine must call the charge-payment alias (!Ref ChargePaymentFunction.Alias), not " + charge);
        }
        return problems;
    }

    /** The resource a Ref/GetAtt points at ("X.Alias" -> "X"), or null. */
    static String referencedResource(Object value) {
        Map<String, Object> v = value instanceof Map ? map(value) : Map.of();
        if (v.get("Ref") instanceof String ref) {
            return ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
        }
        if (v.get("Fn::GetAtt") != null) {
            return String.valueOf(list(v.get("Fn::GetAtt")).get(0));
        }
        return null;
    }

    private static boolean isRefTo(Object value, Template t, String type) {
        String target = referencedResource(value);
        return value instanceof Map<?, ?> m && m.containsKey("Ref") && target != null
                && t.resources().containsKey(target) && type.equals(t.type(target));
    }

    // ------------------------------------------------------------------ events

    static List<String> streamMapping(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> stream = null;
        for (Object e : map(t.properties("ProfilesStreamWelcomeFunction").get("Events")).values()) {
            if ("DynamoDB".equals(map(e).get("Type"))) {
                stream = map(map(e).get("Properties"));
            }
        }
        if (stream == null) {
            return List.of("ProfilesStreamWelcomeFunction: no DynamoDB stream event");
        }
        if (!Map.of("Fn::GetAtt", List.of("ProfilesTable", "StreamArn")).equals(stream.get("Stream"))) {
            problems.add("stream mapping must read ProfilesTable's stream");
        }
        if (!Boolean.TRUE.equals(stream.get("BisectBatchOnFunctionError"))) {
            problems.add("stream mapping: BisectBatchOnFunctionError must be true");
        }
        if (!(stream.get("MaximumRetryAttempts") instanceof Number n) || n.intValue() < 0 || n.intValue() > 100) {
            problems.add("stream mapping: MaximumRetryAttempts must be a small number (default is infinite retries)");
        }
        if (!list(stream.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
            problems.add("stream mapping: FunctionResponseTypes must include ReportBatchItemFailures");
        }
        String destination = referencedResource(map(map(stream.get("DestinationConfig")).get("OnFailure")).get("Destination"));
        if (destination == null || !"AWS::SQS::Queue".equals(t.type(destination))) {
            problems.add("stream mapping: on-failure destination must be an SQS queue of the template");
        }
        return problems;
    }

    static List<String> cleanupSchedule(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> schedule = null;
        for (Object e : map(t.properties("OrdersCleanupFunction").get("Events")).values()) {
            if ("Schedule".equals(map(e).get("Type"))) {
                schedule = map(map(e).get("Properties"));
            }
        }
        if (schedule == null) {
            return List.of("OrdersCleanupFunction: no Schedule event");
        }
        Object expression = schedule.get("Schedule");
        if (!(expression instanceof Map<?, ?> ref && ref.get("Ref") instanceof String param
                && "rate(1 hour)".equals(map(t.parameters().get(param)).get("Default")))) {
            problems.add("cleanup schedule must be a parameter defaulting to rate(1 hour), is " + expression);
        }
        if (map(schedule.get("RetryPolicy")).isEmpty()) {
            problems.add("cleanup schedule needs a RetryPolicy");
        }
        String dlq = referencedResource(map(schedule.get("DeadLetterConfig")).get("Arn"));
        if (dlq == null || !"AWS::SQS::Queue".equals(t.type(dlq))) {
            problems.add("cleanup schedule needs a dead-letter SQS queue of the template");
        }
        return problems;
    }

    /** The CloudFront function in the template is the tested file, verbatim, on cloudfront-js-2.0 at viewer-request. */
    static List<String> edgeFunction(Template t, String edgeSource) {
        List<String> problems = new ArrayList<>();
        List<String> functions = t.ofType("AWS::CloudFront::Function");
        if (functions.size() != 1) {
            return List.of("expected one CloudFront function, found " + functions);
        }
        Map<String, Object> p = t.properties(functions.get(0));
        if (!edgeSource.strip().equals(String.valueOf(p.get("FunctionCode")).strip())) {
            problems.add(functions.get(0) + ": FunctionCode differs from edge/viewer-request.js");
        }
        if (!"cloudfront-js-2.0".equals(map(p.get("FunctionConfig")).get("Runtime"))) {
            problems.add(functions.get(0) + ": runtime must be cloudfront-js-2.0");
        }
        boolean associated = false;
        for (String d : t.ofType("AWS::CloudFront::Distribution")) {
            Map<String, Object> behavior = map(map(t.properties(d).get("DistributionConfig")).get("DefaultCacheBehavior"));
            for (Object a : list(behavior.get("FunctionAssociations"))) {
                associated |= "viewer-request".equals(map(a).get("EventType"))
                        && functions.get(0).equals(referencedResource(map(a).get("FunctionARN")));
            }
            if (behavior.get("ResponseHeadersPolicyId") == null) {
                problems.add(d + ": needs a response headers policy (security headers on every response)");
            }
        }
        if (!associated) {
            problems.add(functions.get(0) + ": not associated with the distribution at viewer-request");
        }
        return problems;
    }

    // ------------------------------------------------------------------ samconfig.toml

    private static final Pattern OVERRIDE = Pattern.compile("\"([A-Za-z0-9]+)=([^\"]*)\"");

    /** Every parameter override in samconfig.toml names a template parameter and respects its AllowedValues. */
    static List<String> samconfigOverrides(Template t, String samconfig) {
        List<String> problems = new ArrayList<>();
        int start = samconfig.indexOf("parameter_overrides");
        if (start < 0) {
            return problems;
        }
        String block = samconfig.substring(start, samconfig.indexOf(']', start));
        Matcher m = OVERRIDE.matcher(block);
        while (m.find()) {
            String name = m.group(1);
            Map<String, Object> param = map(t.parameters().get(name));
            if (param.isEmpty()) {
                problems.add("samconfig.toml overrides " + name + ", which is not a template parameter");
                continue;
            }
            List<Object> allowed = list(param.get("AllowedValues"));
            if (!allowed.isEmpty() && allowed.stream().map(String::valueOf).noneMatch(m.group(2)::equals)) {
                problems.add("samconfig.toml sets " + name + "=" + m.group(2) + ", not one of " + allowed);
            }
        }
        return problems;
    }
}
