package dev.ordersprofiles.local.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which faults to inject, as {@code local-stack --fault} and {@code POST /_local/faults} write them, one spec at a
 * time:
 * <ul>
 * <li>{@code dynamodb:error=0.1}: that share of the functions' DynamoDB calls is answered HTTP 500
 * InternalServerError; {@code dynamodb:throttle=0.05}: HTTP 400 ProvisionedThroughputExceededException (item
 * operations) or ThrottlingException (the others); {@code dynamodb:down=30s}: every call is answered HTTP 503
 * for that long, counted from when the spec is applied (at start, or at the POST);</li>
 * <li>{@code states:error=…}, {@code states:throttle=…}, {@code states:down=…}: the same for the functions' Step
 * Functions calls (StartExecution, …);</li>
 * <li>{@code function:NAME:error=0.1}: that share of NAME's invocations fails before the handler runs, as Lambda
 * reports a runtime that exited ({@code Runtime.ExitError}); {@code function:NAME:timeout=0.05}: the handler
 * runs to its end, then its answer is replaced by Lambda's timeout error ({@code Sandbox.Timedout}), as when a
 * function did its work but ran past its Timeout.</li>
 * </ul>
 * A share is a number from 0 to 1 (0 turns that fault off); a duration is a whole number and s, m or h (0s ends an
 * outage). A later spec for the same fault replaces the earlier one.
 *
 * @param apis      per AWS API the functions call ({@code dynamodb}, {@code states})
 * @param functions per function name
 */
public record FaultPlan(Map<String, ApiFaults> apis, Map<String, FunctionFaults> functions) {
    public static final FaultPlan NONE = new FaultPlan(Map.of(), Map.of());
    /** The AWS APIs faults can be injected into. */
    public static final java.util.List<String> APIS = java.util.List.of("dynamodb", "states");

    private static final Pattern API_SPEC = Pattern.compile("(dynamodb|states):(error|throttle|down)=(.+)");
    private static final Pattern FUNCTION_SPEC = Pattern.compile("function:([A-Za-z0-9_.-]{1,140}):(error|timeout)=(.+)");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh])");

    public FaultPlan {
        apis = Map.copyOf(apis);
        functions = Map.copyOf(functions);
    }

    /**
     * Faults on one AWS API.
     *
     * @param down how long every call fails, from when the spec was applied; zero for no outage
     */
    public record ApiFaults(double error, double throttle, Duration down) {
        public static final ApiFaults NONE = new ApiFaults(0, 0, Duration.ZERO);

        public ApiFaults {
            if (error + throttle > 1.0) {
                throw new IllegalArgumentException("error and throttle shares add up to more than 1 ("
                        + error + " + " + throttle + ")");
            }
        }

        boolean isNone() {
            return error == 0 && throttle == 0 && down.isZero();
        }
    }

    /** Faults on one function's invocations. */
    public record FunctionFaults(double error, double timeout) {
        public static final FunctionFaults NONE = new FunctionFaults(0, 0);

        public FunctionFaults {
            if (error + timeout > 1.0) {
                throw new IllegalArgumentException("error and timeout shares add up to more than 1 ("
                        + error + " + " + timeout + ")");
            }
        }

        boolean isNone() {
            return error == 0 && timeout == 0;
        }
    }

    /** True when nothing is injected. */
    public boolean isNone() {
        return apis.values().stream().allMatch(ApiFaults::isNone)
                && functions.values().stream().allMatch(FunctionFaults::isNone);
    }

    public ApiFaults api(String name) {
        return apis.getOrDefault(name, ApiFaults.NONE);
    }

    public Optional<FunctionFaults> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /**
     * This plan with one more spec.
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong with {@code spec}
     */
    public FaultPlan with(String spec) {
        String s = spec == null ? "" : spec.strip();
        Matcher api = API_SPEC.matcher(s);
        if (api.matches()) {
            String name = api.group(1);
            ApiFaults now = api(name);
            ApiFaults next = switch (api.group(2)) {
                case "error" -> new ApiFaults(share(s, api.group(3)), now.throttle(), now.down());
                case "throttle" -> new ApiFaults(now.error(), share(s, api.group(3)), now.down());
                default -> new ApiFaults(now.error(), now.throttle(), duration(s, api.group(3)));
            };
            Map<String, ApiFaults> more = new LinkedHashMap<>(apis);
            more.put(name, next);
            return new FaultPlan(more, functions);
        }
        Matcher function = FUNCTION_SPEC.matcher(s);
        if (function.matches()) {
            String name = function.group(1);
            FunctionFaults now = functions.getOrDefault(name, FunctionFaults.NONE);
            double share = share(s, function.group(3));
            FunctionFaults next = function.group(2).equals("error") ? new FunctionFaults(share, now.timeout())
                    : new FunctionFaults(now.error(), share);
            Map<String, FunctionFaults> more = new LinkedHashMap<>(functions);
            more.put(name, next);
            return new FaultPlan(apis, more);
        }
        throw new IllegalArgumentException("--fault " + printable(s) + " is not understood: use dynamodb:error=0.1,"
                + " dynamodb:throttle=0.05, dynamodb:down=30s (or states:...), function:NAME:error=0.1 or"
                + " function:NAME:timeout=0.05");
    }

    /** The plan the specs make, in order. */
    public static FaultPlan of(Iterable<String> specs) {
        FaultPlan plan = NONE;
        for (String spec : specs) {
            plan = plan.with(spec);
        }
        return plan;
    }

    private static double share(String spec, String value) {
        try {
            double share = Double.parseDouble(value);
            if (!(share >= 0 && share <= 1)) {
                throw new NumberFormatException();
            }
            return share;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fault " + printable(spec) + ": the share must be a number from 0"
                    + " to 1, not " + printable(value));
        }
    }

    private static Duration duration(String spec, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("--fault " + printable(spec) + ": the outage must be a whole number"
                    + " and s, m or h (e.g. 30s), not " + printable(value));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static String printable(String value) {
        String v = value.replaceAll("[^\\x20-\\x7e]", "?");
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }
}
