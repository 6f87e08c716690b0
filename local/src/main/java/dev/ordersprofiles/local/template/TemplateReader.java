package dev.ordersprofiles.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a SAM template the way the local stack needs it: parameters (defaults, then overrides), conditions,
 * Globals, and the functions with their API, schedule and DynamoDB stream events, state machines and tables.
 */
public final class TemplateReader {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String STACK = "local";

    private TemplateReader() {
    }

    /** @throws TemplateException naming what is wrong, when the file cannot be read or understood */
    public static Template read(Path file, Map<String, String> parameterOverrides) {
        String text;
        if (!Files.isRegularFile(file)) {
            throw new TemplateException("template " + file + " not found (run from the project folder, or pass --template)");
        }
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage());
        }
        Map<String, Object> root;
        try {
            root = CloudFormationYaml.load(text);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException("template " + file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        return new TemplateReader.Reading(root, parameterOverrides, file.toAbsolutePath().getParent()).read();
    }

    /** The local name of a function or table: its logical id without the type suffix, in kebab case. */
    static String localName(String logicalId, String suffix) {
        String base = logicalId.endsWith(suffix) && logicalId.length() > suffix.length()
                ? logicalId.substring(0, logicalId.length() - suffix.length()) : logicalId;
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class Reading {
        private final Map<String, Object> root;
        private final Map<String, Object> resources;
        private final Resolver resolver;
        private final Path baseDir;
        private final Map<String, String> parameters = new LinkedHashMap<>();

        Reading(Map<String, Object> root, Map<String, String> overrides, Path baseDir) {
            this.root = root;
            this.baseDir = baseDir;
            this.resources = map(root.get("Resources"), "Resources");
            Map<String, Object> declared = root.containsKey("Parameters") ? map(root.get("Parameters"), "Parameters")
                    : Map.of();
            for (String name : overrides.keySet()) {
                if (!declared.containsKey(name)) {
                    throw new TemplateException("parameter override " + name + " is not a parameter of the template");
                }
            }
            for (Map.Entry<String, Object> parameter : declared.entrySet()) {
                Map<String, Object> spec = map(parameter.getValue(), "Parameters." + parameter.getKey());
                String value = overrides.containsKey(parameter.getKey()) ? overrides.get(parameter.getKey())
                        : spec.containsKey("Default") ? String.valueOf(spec.get("Default")) : null;
                if (value == null) {
                    throw new TemplateException("parameter " + parameter.getKey() + " has no default; give it a value");
                }
                parameters.put(parameter.getKey(), value);
            }
            Map<String, Object> conditions = root.containsKey("Conditions") ? map(root.get("Conditions"), "Conditions")
                    : Map.of();
            this.resolver = new Resolver(parameters, conditions, resources);
        }

        Template read() {
            List<FunctionDef> functions = new ArrayList<>();
            List<ApiRoute> routes = new ArrayList<>();
            List<ScheduleDef> schedules = new ArrayList<>();
            List<StreamMappingDef> streams = new ArrayList<>();
            List<StateMachineDef> machines = new ArrayList<>();
            List<TableDef> tables = new ArrayList<>();
            Map<String, Map<String, Object>> pools = new LinkedHashMap<>();
            Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
            Map<String, Object> globals = globalFunctionProperties();
            for (Map.Entry<String, Object> entry : resources.entrySet()) {
                String id = entry.getKey();
                Map<String, Object> resource = map(entry.getValue(), "Resources." + id);
                if (resource.containsKey("Condition") && !resolver.condition(String.valueOf(resource.get("Condition")))) {
                    continue;
                }
                String type = String.valueOf(resource.get("Type"));
                Map<String, Object> properties = resource.containsKey("Properties")
                        ? map(resolver.resolve(resource.get("Properties"), id + ".Properties"), id + ".Properties")
                        : Map.of();
                switch (type) {
                    case "AWS::Serverless::Function" -> {
                        FunctionDef function = function(id, merge(globals, properties));
                        functions.add(function);
                        events(id, function, properties, routes, schedules, streams);
                    }
                    case "AWS::Serverless::StateMachine" -> machines.add(stateMachine(id, properties));
                    case "AWS::DynamoDB::Table" -> tables.add(new TableDef(id, resolver.tableName(id), properties));
                    case "AWS::Cognito::UserPool" -> pools.put(id, properties);
                    case "AWS::Cognito::UserPoolClient" -> clients.put(id, properties);
                    default -> {
                        // Other resources (Cognito, CloudFront, queues, alarms …) have local stand-ins or none.
                    }
                }
            }
            return new Template(parameters, apiStage(), functions, routes, schedules, streams, machines, tables,
                    securityHeaders(), viewerRequestCode(), UserPools.of(pools, clients));
        }

        /** The first AWS::Serverless::Api's stage name and stage-wide throttling; AWS's defaults without one. */
        private ApiStage apiStage() {
            for (Map.Entry<String, Object> entry : resources.entrySet()) {
                Map<String, Object> resource = map(entry.getValue(), "Resources." + entry.getKey());
                if (!"AWS::Serverless::Api".equals(resource.get("Type"))) {
                    continue;
                }
                String where = entry.getKey() + ".Properties";
                Map<String, Object> p = map(resolver.resolve(resource.get("Properties"), where), where);
                double rate = ApiStage.DEFAULT.rateLimit();
                int burst = ApiStage.DEFAULT.burstLimit();
                if (p.get("MethodSettings") instanceof List<?> settings) {
                    for (Object setting : settings) {
                        if (setting instanceof Map<?, ?> s && "/*".equals(s.get("ResourcePath"))
                                && "*".equals(s.get("HttpMethod"))) {
                            if (s.containsKey("ThrottlingRateLimit")) {
                                rate = Double.parseDouble(String.valueOf(s.get("ThrottlingRateLimit")));
                            }
                            if (s.containsKey("ThrottlingBurstLimit")) {
                                burst = integer(s.get("ThrottlingBurstLimit"), where + ".MethodSettings");
                            }
                        }
                    }
                }
                Map<String, GatewayResponse> responses = new LinkedHashMap<>(gatewayResponseResources());
                if (p.get("GatewayResponses") instanceof Map<?, ?> declared) {
                    for (Map.Entry<?, ?> r : declared.entrySet()) {
                        String type = String.valueOf(r.getKey());
                        Map<String, Object> g = map(r.getValue(), where + ".GatewayResponses." + type);
                        Map<String, String> headers = new LinkedHashMap<>();
                        if (g.get("ResponseParameters") instanceof Map<?, ?> rp && rp.get("Headers") instanceof Map<?, ?> h) {
                            h.forEach((name, value) -> staticValue(value).ifPresent(v -> headers.put(String.valueOf(name), v)));
                        }
                        responses.put(type, gatewayResponse(g.get("StatusCode"), headers, g.get("ResponseTemplates")));
                    }
                }
                return new ApiStage(string(p, "StageName", where), rate, burst, cors(p.get("Cors"), where + ".Cors"),
                        responses);
            }
            return new ApiStage(ApiStage.DEFAULT.stageName(), ApiStage.DEFAULT.rateLimit(),
                    ApiStage.DEFAULT.burstLimit(), Optional.empty(), gatewayResponseResources());
        }

        /** The template's AWS::ApiGateway::GatewayResponse resources (headers as gatewayresponse.header.NAME). */
        private Map<String, GatewayResponse> gatewayResponseResources() {
            Map<String, GatewayResponse> responses = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : resources.entrySet()) {
                Map<String, Object> resource = map(entry.getValue(), "Resources." + entry.getKey());
                if (!"AWS::ApiGateway::GatewayResponse".equals(resource.get("Type"))) {
                    continue;
                }
                String where = entry.getKey() + ".Properties";
                Map<String, Object> p = map(resolver.resolve(resource.get("Properties"), where), where);
                Map<String, String> headers = new LinkedHashMap<>();
                if (p.get("ResponseParameters") instanceof Map<?, ?> rp) {
                    rp.forEach((name, value) -> {
                        String key = String.valueOf(name);
                        if (key.startsWith("gatewayresponse.header.")) {
                            staticValue(value).ifPresent(v -> headers.put(key.substring("gatewayresponse.header.".length()), v));
                        }
                    });
                }
                responses.put(string(p, "ResponseType", where),
                        gatewayResponse(p.get("StatusCode"), headers, p.get("ResponseTemplates")));
            }
            return responses;
        }

        private static GatewayResponse gatewayResponse(Object status, Map<String, String> headers, Object templates) {
            Optional<Integer> code = status == null ? Optional.empty()
                    : Optional.of(Integer.parseInt(String.valueOf(status).trim()));
            Optional<String> json = templates instanceof Map<?, ?> t && t.get("application/json") != null
                    ? Optional.of(String.valueOf(t.get("application/json"))) : Optional.empty();
            return new GatewayResponse(code, headers, json);
        }

        /** A header mapping's static value ('text'); mappings from the request (method.request...) are skipped. */
        private static Optional<String> staticValue(Object value) {
            String v = String.valueOf(value).trim();
            return v.length() >= 2 && v.startsWith("'") && v.endsWith("'")
                    ? Optional.of(v.substring(1, v.length() - 1)) : Optional.empty();
        }

        /** The FunctionCode of the first AWS::CloudFront::Function (cloudfront-js-1.0 or 2.0). */
        private Optional<String> viewerRequestCode() {
            for (Map.Entry<String, Object> entry : resources.entrySet()) {
                Map<String, Object> resource = map(entry.getValue(), "Resources." + entry.getKey());
                if ("AWS::CloudFront::Function".equals(resource.get("Type"))
                        && resource.get("Properties") instanceof Map<?, ?> p && p.get("FunctionCode") instanceof String code) {
                    return Optional.of(code);
                }
            }
            return Optional.empty();
        }

        /** SAM's Cors: an origin string, or AllowOrigin/AllowMethods/AllowHeaders/MaxAge (quoted, as SAM wants). */
        private static Optional<ApiStage.Cors> cors(Object cors, String where) {
            if (cors == null) {
                return Optional.empty();
            }
            if (cors instanceof Map<?, ?> c) {
                if (c.get("AllowOrigin") == null) {
                    throw new TemplateException(where + ".AllowOrigin is required");
                }
                return Optional.of(new ApiStage.Cors(unquote(c.get("AllowOrigin")),
                        c.containsKey("AllowMethods") ? unquote(c.get("AllowMethods"))
                                : "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT",
                        c.containsKey("AllowHeaders") ? unquote(c.get("AllowHeaders")) : "",
                        c.containsKey("MaxAge") ? unquote(c.get("MaxAge")) : ""));
            }
            return Optional.of(new ApiStage.Cors(unquote(cors), "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT", "", ""));
        }

        private static String unquote(Object value) {
            String v = String.valueOf(value).trim();
            return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
        }

        /** The headers the first CloudFront response headers policy's SecurityHeadersConfig adds. */
        private Map<String, String> securityHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : resources.entrySet()) {
                Map<String, Object> resource = map(entry.getValue(), "Resources." + entry.getKey());
                if (!"AWS::CloudFront::ResponseHeadersPolicy".equals(resource.get("Type"))) {
                    continue;
                }
                String where = entry.getKey() + ".Properties";
                Map<String, Object> p = map(resolver.resolve(resource.get("Properties"), where), where);
                if (!(p.get("ResponseHeadersPolicyConfig") instanceof Map<?, ?> config)
                        || !(config.get("SecurityHeadersConfig") instanceof Map<?, ?> security)) {
                    continue;
                }
                if (security.get("StrictTransportSecurity") instanceof Map<?, ?> hsts) {
                    headers.put("Strict-Transport-Security", "max-age=" + hsts.get("AccessControlMaxAgeSec")
                            + (Boolean.parseBoolean(String.valueOf(hsts.get("IncludeSubdomains"))) ? "; includeSubDomains" : "")
                            + (Boolean.parseBoolean(String.valueOf(hsts.get("Preload"))) ? "; preload" : ""));
                }
                if (security.containsKey("ContentTypeOptions")) {
                    headers.put("X-Content-Type-Options", "nosniff");
                }
                if (security.get("FrameOptions") instanceof Map<?, ?> frame) {
                    headers.put("X-Frame-Options", String.valueOf(frame.get("FrameOption")));
                }
                if (security.get("ReferrerPolicy") instanceof Map<?, ?> referrer) {
                    headers.put("Referrer-Policy", String.valueOf(referrer.get("ReferrerPolicy")));
                }
                if (security.get("ContentSecurityPolicy") instanceof Map<?, ?> csp) {
                    headers.put("Content-Security-Policy", String.valueOf(csp.get("ContentSecurityPolicy")));
                }
                if (security.get("XSSProtection") instanceof Map<?, ?> xss) {
                    boolean on = Boolean.parseBoolean(String.valueOf(xss.get("Protection")));
                    headers.put("X-XSS-Protection", !on ? "0"
                            : "1" + (Boolean.parseBoolean(String.valueOf(xss.get("ModeBlock"))) ? "; mode=block" : ""));
                }
                return headers;
            }
            return headers;
        }

        private Map<String, Object> globalFunctionProperties() {
            if (!root.containsKey("Globals")) {
                return Map.of();
            }
            Map<String, Object> globals = map(root.get("Globals"), "Globals");
            if (!globals.containsKey("Function")) {
                return Map.of();
            }
            return map(resolver.resolve(globals.get("Function"), "Globals.Function"), "Globals.Function");
        }

        private FunctionDef function(String id, Map<String, Object> p) {
            String handler = string(p, "Handler", id);
            int sep = handler.indexOf("::");
            String handlerClass = sep < 0 ? handler : handler.substring(0, sep);
            String method = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
            Map<String, String> environment = new LinkedHashMap<>();
            if (p.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
                vars.forEach((k, v) -> environment.put(String.valueOf(k), String.valueOf(v)));
            }
            OptionalInt reserved = p.containsKey("ReservedConcurrentExecutions")
                    ? OptionalInt.of(integer(p.get("ReservedConcurrentExecutions"), id + ".ReservedConcurrentExecutions"))
                    : OptionalInt.empty();
            return new FunctionDef(id, resolver.functionName(id), resolver.functionArn(id), handlerClass, method,
                    p.containsKey("Timeout") ? integer(p.get("Timeout"), id + ".Timeout") : 3,
                    p.containsKey("MemorySize") ? integer(p.get("MemorySize"), id + ".MemorySize") : 128,
                    reserved, environment,
                    p.get("CodeUri") instanceof String uri ? Optional.of(baseDir.resolve(uri).normalize())
                            : Optional.empty());
        }

        private void events(String id, FunctionDef function, Map<String, Object> properties, List<ApiRoute> routes,
                            List<ScheduleDef> schedules, List<StreamMappingDef> streams) {
            if (!(properties.get("Events") instanceof Map<?, ?> events)) {
                return;
            }
            for (Map.Entry<?, ?> event : events.entrySet()) {
                String where = id + ".Events." + event.getKey();
                Map<String, Object> spec = map(event.getValue(), where);
                Map<String, Object> p = spec.containsKey("Properties") ? map(spec.get("Properties"), where) : Map.of();
                switch (String.valueOf(spec.get("Type"))) {
                    case "Api" -> routes.add(new ApiRoute(string(p, "Method", where).toUpperCase(Locale.ROOT),
                            string(p, "Path", where), function.name(), authorized(p, where)));
                    case "Schedule", "ScheduleV2" -> schedules.add(new ScheduleDef(
                            p.containsKey("Name") ? String.valueOf(p.get("Name")) : id + "-" + event.getKey(),
                            function.name(), string(p, "Schedule", where),
                            !p.containsKey("Enabled") || Boolean.parseBoolean(String.valueOf(p.get("Enabled"))),
                            p.get("RetryPolicy") instanceof Map<?, ?> retry && retry.containsKey("MaximumRetryAttempts")
                                    ? integer(retry.get("MaximumRetryAttempts"), where + ".RetryPolicy") : 185));
                    case "DynamoDB" -> streams.add(stream(function, p, where));
                    default -> throw new TemplateException(where + ": event type " + spec.get("Type")
                            + " is not supported by the local stack");
                }
            }
        }

        private boolean authorized(Map<String, Object> event, String where) {
            Object api = event.get("RestApiId");
            String apiId = api == null ? null : String.valueOf(api);
            String defaultAuthorizer = null;
            if (apiId != null && resources.get(apiId) instanceof Map<?, ?> apiResource
                    && apiResource.get("Properties") instanceof Map<?, ?> apiProps
                    && apiProps.get("Auth") instanceof Map<?, ?> auth && auth.get("DefaultAuthorizer") != null) {
                defaultAuthorizer = String.valueOf(auth.get("DefaultAuthorizer"));
            }
            String authorizer = defaultAuthorizer;
            if (event.get("Auth") instanceof Map<?, ?> auth && auth.containsKey("Authorizer")) {
                authorizer = String.valueOf(auth.get("Authorizer"));
            }
            return authorizer != null && !"NONE".equals(authorizer) && !"AWS_IAM".equals(authorizer);
        }

        private StreamMappingDef stream(FunctionDef function, Map<String, Object> p, String where) {
            String streamArn = string(p, "Stream", where);
            int tableAt = streamArn.indexOf(":table/");
            if (tableAt < 0) {
                throw new TemplateException(where + ": Stream is not a DynamoDB stream ARN: " + streamArn);
            }
            String table = streamArn.substring(tableAt + 7).split("/")[0];
            List<String> patterns = new ArrayList<>();
            if (p.get("FilterCriteria") instanceof Map<?, ?> criteria && criteria.get("Filters") instanceof List<?> filters) {
                for (Object filter : filters) {
                    if (filter instanceof Map<?, ?> f && f.get("Pattern") != null) {
                        patterns.add(String.valueOf(f.get("Pattern")));
                    }
                }
            }
            boolean reportFailures = p.get("FunctionResponseTypes") instanceof List<?> types
                    && types.contains("ReportBatchItemFailures");
            return new StreamMappingDef(function.name(), table,
                    p.containsKey("BatchSize") ? integer(p.get("BatchSize"), where + ".BatchSize") : 100,
                    p.containsKey("MaximumBatchingWindowInSeconds")
                            ? integer(p.get("MaximumBatchingWindowInSeconds"), where) * 1000L : 0,
                    p.containsKey("MaximumRetryAttempts") ? integer(p.get("MaximumRetryAttempts"), where) : -1,
                    Boolean.parseBoolean(String.valueOf(p.getOrDefault("BisectBatchOnFunctionError", "false"))),
                    reportFailures, patterns);
        }

        private StateMachineDef stateMachine(String id, Map<String, Object> p) {
            String definition;
            if (p.containsKey("DefinitionUri")) {
                Path file = baseDir.resolve(String.valueOf(p.get("DefinitionUri")));
                try {
                    definition = Files.readString(file);
                } catch (IOException e) {
                    throw new TemplateException(id + ".DefinitionUri: cannot read " + file);
                }
            } else {
                throw new TemplateException(id + ": only DefinitionUri state machines are supported locally");
            }
            if (p.get("DefinitionSubstitutions") instanceof Map<?, ?> substitutions) {
                for (Map.Entry<?, ?> s : substitutions.entrySet()) {
                    definition = definition.replace("${" + s.getKey() + "}", String.valueOf(s.getValue()));
                }
            }
            int unresolved = definition.indexOf("${");
            if (unresolved >= 0) {
                int end = definition.indexOf('}', unresolved);
                throw new TemplateException(id + ": DefinitionSubstitutions has no value for "
                        + definition.substring(unresolved, end < 0 ? definition.length() : end + 1));
            }
            String type = p.containsKey("Type") ? String.valueOf(p.get("Type")) : "STANDARD";
            if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
                throw new TemplateException(id + ".Type must be STANDARD or EXPRESS, not " + type);
            }
            return new StateMachineDef(id, resolver.stateMachineName(id), resolver.stateMachineArn(id), definition,
                    type);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
            Map<String, Object> merged = new LinkedHashMap<>(globals);
            for (Map.Entry<String, Object> e : own.entrySet()) {
                Object global = merged.get(e.getKey());
                if (global instanceof Map<?, ?> g && e.getValue() instanceof Map<?, ?> o) {
                    merged.put(e.getKey(), merge((Map<String, Object>) g, (Map<String, Object>) o));
                } else {
                    merged.put(e.getKey(), e.getValue());
                }
            }
            return merged;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new TemplateException(where + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> properties, String key, String where) {
        Object value = properties.get(key);
        if (value == null || value instanceof Map || value instanceof List) {
            throw new TemplateException(where + "." + key + " must be a string");
        }
        return String.valueOf(value);
    }

    private static int integer(Object value, String where) {
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(where + " must be a whole number, not " + value);
        }
    }
}
