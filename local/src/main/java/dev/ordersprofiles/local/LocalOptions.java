package dev.ordersprofiles.local;

import dev.ordersprofiles.local.aws.LocalCredentials;
import dev.ordersprofiles.local.faults.FaultPlan;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to run the local stack. {@link #parse(List)} reads the command line; a bad option is an
 * {@link IllegalArgumentException} whose message is the one line to show.
 */
public record LocalOptions(String host, int port, Path template, Path dataDir, Optional<URI> dynamodbEndpoint,
                           Optional<String> cognitoUserPoolId, Optional<String> cognitoClientId,
                           Optional<String> scheduleRate, Map<String, String> parameters, Store store,
                           LocalCredentials credentials, ExecutionRetention executionRetention,
                           FaultInjection faults, Optional<Path> sfnMockConfig) {


    public static final String USAGE = """
            usage: local-stack [options]
              --port N                    port on 127.0.0.1 (default 3000; 0 picks a free one)
              --host ADDR                 listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0; warns:
                                          anyone who can reach it can use the stack)
              --template FILE             SAM template (default sam/template.yaml)
              --data-dir DIR              where the stack keeps its data: the issuer's key, the DynamoDB
                                          store (DIR/dynamodb) (default .local-data)
              --in-memory                 the embedded DynamoDB store keeps nothing on disk: every start is
                                          empty (for demos and load tests)
              --postgres                  also start an embedded PostgreSQL for each of the template's RDS
                                          PostgreSQL instances, with aws_lambda.invoke reaching the functions
              --dynamodb-endpoint URL     forward to this DynamoDB API instead of the embedded store;
                                          missing tables are created from the template
              --dynalite-dir DIR          the dynalite npm package folder (default tools/dynalite)
              --ttl-sweep-seconds N       how often expired TTL items are deleted (default 30)
              --cognito-user-pool ID      trust tokens of this Cognito user pool instead of the local issuer
              --cognito-client-id ID      its app client id (required with --cognito-user-pool)
              --schedule-rate EXPR        run schedules at this rate instead, e.g. 'rate(30 seconds)'
              --param Name=Value          override a template parameter (repeatable)
              --access-key-id ID          the access key id AWS-protocol requests (Lambda Invoke, X-Amz-Target)
                                          must be SigV4-signed with (default local)
              --secret-access-key KEY     its secret (default local)
              --executions-kept N         finished workflow executions kept, in memory and on disk (default 10000)
              --executions-kept-for DUR   and for how long after they finished, e.g. 30m, 24h, 7d (default 24h)
              --fault SPEC                inject faults into what the functions call (repeatable; also
                                          POST /_local/faults): dynamodb:error=0.1 (HTTP 500),
                                          dynamodb:throttle=0.05 (400 throughput exceeded),
                                          dynamodb:down=30s (every call 503 for 30 s from start),
                                          states:error|throttle|down=..., function:NAME:error=0.1
                                          (Runtime.ExitError), function:NAME:timeout=0.05 (Sandbox.Timedout)
              --fault-seed N              seed the faults' random draws (default: a random seed)
              --sfn-mock-config FILE      Step Functions mocked service integrations, in Step Functions Local's
                                          MockConfigFile format; start with stateMachineArn#TestCase
                                          (default: the SFN_MOCK_CONFIG environment variable)
              --help                      this text""";

    /**
     * The embedded stores.
     *
     * @param inMemory    nothing on disk (dynalite without {@code --path})
     * @param dynaliteDir the npm package folder; empty: tools/dynalite in the working folder or beside the
     *                    template's folder
     * @param ttlSweep    how often the TTL sweeper runs
     * @param postgres    start the template's PostgreSQL instances too ({@code --postgres}, dev.ordersprofiles.local.rds)
     */
    public record Store(boolean inMemory, Optional<Path> dynaliteDir, Duration ttlSweep, boolean postgres) {
        public static final Store DEFAULT = new Store(false, Optional.empty(), Duration.ofSeconds(30), false);

        public Store withInMemory(boolean value) {
            return new Store(value, dynaliteDir, ttlSweep, postgres);
        }

        public Store withTtlSweep(Duration value) {
            return new Store(inMemory, dynaliteDir, value, postgres);
        }

        public Store withPostgres(boolean value) {
            return new Store(inMemory, dynaliteDir, ttlSweep, value);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    public LocalOptions {
        parameters = Map.copyOf(parameters);
    }

    /** The dynalite package folder to use for {@code template}. */
    public Path dynaliteDir() {
        return store.dynaliteDir().orElseGet(() -> {
            Path here = Path.of("tools", "dynalite");
            Path parent = template.toAbsolutePath().getParent();
            Path beside = parent == null || parent.getParent() == null ? here
                    : parent.getParent().resolve("tools").resolve("dynalite");
            return java.nio.file.Files.isDirectory(here) || !java.nio.file.Files.isDirectory(beside) ? here : beside;
        });
    }

    public static LocalOptions defaults() {
        return new LocalOptions("127.0.0.1", 3000, Path.of("sam", "template.yaml"), Path.of(".local-data"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Store.DEFAULT,
                LocalCredentials.DEFAULT, ExecutionRetention.DEFAULT, FaultInjection.NONE,
                Optional.ofNullable(System.getenv("SFN_MOCK_CONFIG")).filter(v -> !v.isBlank()).map(Path::of));
    }

    public LocalOptions withPort(int newPort) {
        return new LocalOptions(host, newPort, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, faults, sfnMockConfig);
    }

    public LocalOptions withHost(String newHost) {
        return new LocalOptions(newHost, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, faults, sfnMockConfig);
    }

    public LocalOptions withTemplate(Path newTemplate) {
        return new LocalOptions(host, port, newTemplate, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, faults, sfnMockConfig);
    }

    public LocalOptions withDataDir(Path newDataDir) {
        return new LocalOptions(host, port, template, newDataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, faults, sfnMockConfig);
    }

    public LocalOptions withDynamodbEndpoint(URI endpoint) {
        return new LocalOptions(host, port, template, dataDir, Optional.of(endpoint), cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, faults, sfnMockConfig);
    }

    public LocalOptions withStore(Store newStore) {
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, newStore, credentials, executionRetention, faults, sfnMockConfig);
    }

    public LocalOptions withScheduleRate(String rate) {
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, Optional.of(rate), parameters, store, credentials, executionRetention, faults, sfnMockConfig);
    }


    public LocalOptions withParameter(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(parameters);
        more.put(name, value);
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, more, store, credentials, executionRetention, faults, sfnMockConfig);
    }

    /** @throws IllegalArgumentException with a one-line message for anything not understood */
    public static LocalOptions parse(List<String> args) {
        LocalOptions options = defaults();
        Optional<String> pool = Optional.empty();
        Optional<String> client = Optional.empty();
        String accessKey = LocalCredentials.DEFAULT.accessKeyId();
        String secretKey = LocalCredentials.DEFAULT.secretAccessKey();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") && arg.startsWith("--") && !arg.startsWith("--param=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--param=")) {
                name = "--param";
                inline = arg.substring("--param=".length());
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new HelpRequested();
            }
            if (name.equals("--in-memory") && inline == null) {
                options = options.withStore(options.store.withInMemory(true));
                continue;
            }
            if (name.equals("--postgres") && inline == null) {
                options = options.withStore(options.store.withPostgres(true));
                continue;
            }
            if (!List.of("--fault", "--fault-seed", "--port", "--host", "--access-key-id", "--secret-access-key", "--dynalite-dir", "--ttl-sweep-seconds", "--template", "--data-dir", "--dynamodb-endpoint", "--cognito-user-pool",
                    "--cognito-client-id", "--schedule-rate", "--param", "--executions-kept",
                    "--executions-kept-for", "--sfn-mock-config").contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--fault" -> options = options.withFaults(options.faults.with(value));
                case "--fault-seed" -> options = options.withFaults(options.faults.withSeed(seed(value)));
                case "--port" -> options = options.withPort(port(value));
                case "--host" -> options = options.withHost(host(value));
                case "--access-key-id" -> accessKey = nonEmpty(name, value);
                case "--secret-access-key" -> secretKey = nonEmpty(name, value);
                case "--template" -> options = options.withTemplate(Path.of(value));
                case "--data-dir" -> options = options.withDataDir(Path.of(value));
                case "--dynamodb-endpoint" -> options = options.withDynamodbEndpoint(endpoint(value));
                case "--cognito-user-pool" -> pool = Optional.of(value);
                case "--cognito-client-id" -> client = Optional.of(value);
                case "--schedule-rate" -> options = options.withScheduleRate(value);
                case "--executions-kept" -> options = options.withExecutionRetention(
                        new ExecutionRetention(count(value), options.executionRetention.age()));
                case "--executions-kept-for" -> options = options.withExecutionRetention(
                        new ExecutionRetention(options.executionRetention.count(), duration(value)));
                case "--dynalite-dir" -> options = options.withStore(new Store(options.store.inMemory(),
                        Optional.of(Path.of(value)), options.store.ttlSweep(), options.store.postgres()));
                case "--sfn-mock-config" -> options = options.withSfnMockConfig(Path.of(value));
                case "--ttl-sweep-seconds" -> options = options.withStore(options.store.withTtlSweep(
                        Duration.ofSeconds(seconds(value))));
                default -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--param needs Name=Value, not " + value);
                    }
                    options = options.withParameter(value.substring(0, eq), value.substring(eq + 1));
                }
            }
        }
        if (pool.isPresent() != client.isPresent()) {
            throw new IllegalArgumentException("--cognito-user-pool and --cognito-client-id go together");
        }
        return new LocalOptions(options.host, options.port, options.template, options.dataDir,
                options.dynamodbEndpoint, pool, client, options.scheduleRate, options.parameters, options.store,
                new LocalCredentials(accessKey, secretKey), options.executionRetention, options.faults,
                options.sfnMockConfig);
    }

    public LocalOptions withExecutionRetention(ExecutionRetention retention) {
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, retention, faults, sfnMockConfig);
    }

    public LocalOptions withSfnMockConfig(Path file) {
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, faults,
                Optional.of(file));
    }

    public LocalOptions withFaults(FaultInjection newFaults) {
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters, store, credentials, executionRetention, newFaults, sfnMockConfig);
    }

    /**
     * The faults to inject into what the functions call ({@code --fault}, dev.ordersprofiles.local.faults.FaultPlan
     * says what a spec means) and the seed of their random draws ({@code --fault-seed}).
     */
    public record FaultInjection(List<String> specs, Optional<Long> seed) {
        public static final FaultInjection NONE = new FaultInjection(List.of(), Optional.empty());

        public FaultInjection {
            specs = List.copyOf(specs);
        }

        /** With one more spec, checked now (which function names exist is checked at start). */
        public FaultInjection with(String spec) {
            FaultPlan.of(specs).with(spec);
            List<String> more = new java.util.ArrayList<>(specs);
            more.add(spec);
            return new FaultInjection(more, seed);
        }

        public FaultInjection withSeed(long value) {
            return new FaultInjection(specs, Optional.of(value));
        }
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fault-seed must be a whole number, not " + value);
        }
    }

    /** How many finished workflow executions are kept, and how long after they finished. */
    public record ExecutionRetention(int count, Duration age) {
        public static final ExecutionRetention DEFAULT = new ExecutionRetention(10_000, Duration.ofHours(24));
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--executions-kept must be a whole number >= 0, not " + value);
        }
    }

    private static Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("--executions-kept-for must be a number and a unit s, m, h or d"
                    + " (e.g. 24h), not " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not " + value);
        }
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1 || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ttl-sweep-seconds must be a number from 1 to 86400, not " + value);
        }
    }

    private static String nonEmpty(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    private static String host(String value) {
        if (!value.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            throw new IllegalArgumentException("--host must be an address or host name, not " + value);
        }
        return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dynamodb-endpoint must be an http(s) URL, not " + value);
        }
    }

    /** --help was asked for. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
