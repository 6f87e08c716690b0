package dev.ordersprofiles.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the local stack. {@link #parse(List)} reads the command line; a bad option is an
 * {@link IllegalArgumentException} whose message is the one line to show.
 */
public record LocalOptions(String host, int port, Path template, Path dataDir, Optional<URI> dynamodbEndpoint,
                           Optional<String> cognitoUserPoolId, Optional<String> cognitoClientId,
                           Optional<String> scheduleRate, Map<String, String> parameters) {

    public static final String USAGE = """
            usage: local-stack [options]
              --port N                    port on 127.0.0.1 (default 3000; 0 picks a free one)
              --template FILE             SAM template (default sam/template.yaml)
              --data-dir DIR              where the local issuer keeps its key (default .local-data)
              --dynamodb-endpoint URL     use a DynamoDB API (e.g. dynalite) instead of the in-memory store;
                                          missing tables are created from the template
              --cognito-user-pool ID      trust tokens of this Cognito user pool instead of the local issuer
              --cognito-client-id ID      its app client id (required with --cognito-user-pool)
              --schedule-rate EXPR        run schedules at this rate instead, e.g. 'rate(30 seconds)'
              --param Name=Value          override a template parameter (repeatable)
              --help                      this text""";

    public LocalOptions {
        parameters = Map.copyOf(parameters);
    }

    public static LocalOptions defaults() {
        return new LocalOptions("127.0.0.1", 3000, Path.of("sam", "template.yaml"), Path.of(".local-data"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    public LocalOptions withPort(int newPort) {
        return new LocalOptions(host, newPort, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters);
    }

    public LocalOptions withTemplate(Path newTemplate) {
        return new LocalOptions(host, port, newTemplate, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters);
    }

    public LocalOptions withDataDir(Path newDataDir) {
        return new LocalOptions(host, port, template, newDataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters);
    }

    public LocalOptions withDynamodbEndpoint(URI endpoint) {
        return new LocalOptions(host, port, template, dataDir, Optional.of(endpoint), cognitoUserPoolId,
                cognitoClientId, scheduleRate, parameters);
    }

    public LocalOptions withScheduleRate(String rate) {
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, Optional.of(rate), parameters);
    }

    public LocalOptions withParameter(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(parameters);
        more.put(name, value);
        return new LocalOptions(host, port, template, dataDir, dynamodbEndpoint, cognitoUserPoolId,
                cognitoClientId, scheduleRate, more);
    }

    /** @throws IllegalArgumentException with a one-line message for anything not understood */
    public static LocalOptions parse(List<String> args) {
        LocalOptions options = defaults();
        Optional<String> pool = Optional.empty();
        Optional<String> client = Optional.empty();
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
            if (!List.of("--port", "--template", "--data-dir", "--dynamodb-endpoint", "--cognito-user-pool",
                    "--cognito-client-id", "--schedule-rate", "--param").contains(name)) {
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
                case "--port" -> options = options.withPort(port(value));
                case "--template" -> options = options.withTemplate(Path.of(value));
                case "--data-dir" -> options = options.withDataDir(Path.of(value));
                case "--dynamodb-endpoint" -> options = options.withDynamodbEndpoint(endpoint(value));
                case "--cognito-user-pool" -> pool = Optional.of(value);
                case "--cognito-client-id" -> client = Optional.of(value);
                case "--schedule-rate" -> options = options.withScheduleRate(value);
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
                options.dynamodbEndpoint, pool, client, options.scheduleRate, options.parameters);
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
