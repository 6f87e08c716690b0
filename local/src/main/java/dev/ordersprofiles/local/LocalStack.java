package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import dev.ordersprofiles.handlers.wiring.Ports;
import dev.ordersprofiles.local.api.ApiGateway;
import dev.ordersprofiles.local.asl.StateMachine;
import dev.ordersprofiles.local.auth.CognitoAuthorizer;
import dev.ordersprofiles.local.aws.AwsSignatureGuard;
import dev.ordersprofiles.local.aws.LocalCredentials;
import dev.ordersprofiles.local.aws.SigV4Verifier;
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.auth.hostedui.HostedUi;
import dev.ordersprofiles.local.edge.DocsSite;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.FunctionLogs;
import dev.ordersprofiles.local.lambda.LambdaInvokeApi;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.rds.LocalPostgres;
import dev.ordersprofiles.local.schedule.Schedules;
import dev.ordersprofiles.local.security.FrontDoorGuard;
import dev.ordersprofiles.local.store.ChangeCapture;
import dev.ordersprofiles.local.store.DynamoDbEndpoint;
import dev.ordersprofiles.local.store.EmbeddedDynamoDb;
import dev.ordersprofiles.local.store.StoreClient;
import dev.ordersprofiles.local.store.TableCreator;
import dev.ordersprofiles.local.store.TableSpec;
import dev.ordersprofiles.local.store.TtlSweeper;
import dev.ordersprofiles.local.stream.StreamDelivery;
import dev.ordersprofiles.local.stream.StreamRecords;
import dev.ordersprofiles.local.stream.TableStream;
import dev.ordersprofiles.local.template.FunctionDef;
import dev.ordersprofiles.local.template.StreamMappingDef;
import dev.ordersprofiles.local.template.TableDef;
import dev.ordersprofiles.local.template.Template;
import dev.ordersprofiles.local.template.TemplateReader;
import dev.ordersprofiles.local.template.UserPoolDef;
import dev.ordersprofiles.local.workflow.LocalStepFunctions;
import dev.ordersprofiles.local.workflow.OrderWorkflowOnStepFunctions;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole system on one loopback port, from sam/template.yaml: API Gateway with the Cognito authorizer, the
 * functions (the real handler classes, one instance each), Step Functions running the template's state machine,
 * the embedded DynamoDB store and its API with the tables' streams and TTL, the schedules, the docs site, the Lambda Invoke API and the {@code /_local} console.
 */
public final class LocalStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final LocalServer server;

    private LocalStack(LocalOptions options) throws IOException {
        try {
            this.server = startAll(options);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private LocalServer startAll(LocalOptions options) throws IOException {
        Clock clock = Clock.systemUTC();
        Template template = TemplateReader.read(options.template(), options.parameters());
        FunctionLogs.install();

        Optional<LocalIssuer> issuer = options.cognitoUserPoolId().isPresent() ? Optional.empty()
                : Optional.of(LocalIssuer.inFolder(options.dataDir(), clock, template.userPools().stream()
                        .flatMap(pool -> pool.clients().stream()).map(UserPoolDef.Client::clientId).toList()));
        CognitoAuthorizer authorizer = issuer.map(i -> CognitoAuthorizer.forLocal(i, clock))
                .orElseGet(() -> CognitoAuthorizer.forUserPool(options.cognitoUserPoolId().get(),
                        options.cognitoClientId().get(), clock));

        Map<String, String> shared = sharedEnvironment(template);
        PortsHolder ports = new PortsHolder();
        LambdaRuntime lambdas = closing(new LambdaRuntime(template.functions(), (function, type) ->
                newHandler(type, Components.withPorts(HandlerConfig.from(function.environment()), clock,
                        ports.get()))));
        LocalStepFunctions stepFunctions = closing(new LocalStepFunctions(template.stateMachines(), lambdas, 4));

        DynamoDbEndpoint dynamoDb = dataPlane(options, template, lambdas, clock);
        HandlerConfig config = HandlerConfig.from(shared);
        OrderWorkflowOnStepFunctions workflow = workflow(template, stepFunctions);

        Schedules schedules = closing(new Schedules(lambdas));
        schedules.start(template.schedules(), options.scheduleRate().orElse(null));

        ApiGateway api = new ApiGateway(template.routes(), template.apiStage(), authorizer, lambdas);
        LambdaInvokeApi invokeApi = new LambdaInvokeApi(lambdas, Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-async");
            t.setDaemon(true);
            return t;
        }));
        DocsSite docs = new DocsSite(options.template().toAbsolutePath().getParent().resolve("docs"),
                template.docsResponseHeaders());
        Console console = new Console(issuer, stepFunctions.executions(), workflow);
        Optional<HostedUi> hostedUi = issuer.flatMap(i -> HostedUi.forTemplate(template.userPools(), i,
                options.store().inMemory() ? Optional.empty() : Optional.of(options.dataDir().resolve("hosted-ui")),
                clock));
        // The in-process functions reach the same DynamoDB endpoint (so their writes reach the streams) on a loopback
        // port of its own: through the front door, a request's thread would wait for a thread of the same pool for
        // each DynamoDB call, and a burst of requests would take them all (the store's own port is as open).
        // Both ports check Host, Origin and SigV4 alike (FrontDoorGuard, AwsSignatureGuard).
        SigV4Verifier signatures = new SigV4Verifier(options.credentials(), clock);
        AtomicInteger functionsPort = new AtomicInteger();
        LocalServer functionsDynamoDb = closing(new LocalServer("127.0.0.1", 0, 32, new FrontDoorGuard(
                new AwsSignatureGuard(request -> dynamoDb.serves(request) ? dynamoDb.handle(request)
                        : HttpResponse.json(404, "{\"message\":\"only the DynamoDB API here\"}"), signatures),
                functionsPort::get, true)));
        functionsPort.set(functionsDynamoDb.port());
        AtomicInteger boundPort = new AtomicInteger();
        LocalServer server = closing(new LocalServer(options.host(), options.port(), 64, new FrontDoorGuard(
                new AwsSignatureGuard(request -> hostedUi.filter(h -> h.serves(request.path()))
                        .map(h -> h.handle(request)).orElseGet(() -> dispatch(request, dynamoDb, console, invokeApi,
                                docs, api)),
                        signatures), boundPort::get, LocalServer.isLoopback(options.host()))));
        boundPort.set(server.port());
        Stores stores = dynamoDbStores(URI.create("http://127.0.0.1:" + functionsDynamoDb.port()), shared,
                options.credentials(), clock);
        ports.set(new Ports(stores.orders(), stores.profiles(), stores.idempotency(), workflow,
                SimulatedInventory.fromConfig(config.simStock()), SimulatedPayments.fromConfig(config.simDeclineAbove()),
                new UuidIds()));
        closing(LocalPostgres.startIfAsked(options.store().postgres(), options.template(), template.parameters(),
                lambdas));
        return server;
    }

    /**
     * The store (the embedded dynalite, or the given endpoint) with the template's tables, a stream for each table
     * with a StreamSpecification delivering to its event source mappings, the TTL sweeper, and the DynamoDB API.
     */
    private DynamoDbEndpoint dataPlane(LocalOptions options, Template template, LambdaRuntime lambdas, Clock clock) {
        URI endpoint;
        if (options.dynamodbEndpoint().isPresent()) {
            endpoint = options.dynamodbEndpoint().get();
        } else {
            EmbeddedDynamoDb embedded = closing(EmbeddedDynamoDb.start(options.dynaliteDir(),
                    options.store().inMemory() ? Optional.empty() : Optional.of(options.dataDir().resolve("dynamodb")),
                    options.dataDir().resolve("dynalite.log")));
            endpoint = embedded.endpoint();
            System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"component\":\"dynamodb-store\","
                    + "\"event\":\"started\",\"pid\":" + embedded.pid() + ",\"endpoint\":\"" + endpoint
                    + "\",\"persisted\":" + !options.store().inMemory() + "}");
        }
        StoreClient store = new StoreClient(endpoint);
        Map<String, TableSpec> specs = new LinkedHashMap<>();
        Map<String, Instant> created = new LinkedHashMap<>();
        try {
            List<String> made = TableCreator.createMissing(store, template.tables());
            if (!made.isEmpty()) {
                System.out.println("[local] created tables " + made + " at " + endpoint);
            }
            for (TableDef table : template.tables()) {
                TableSpec spec = TableSpec.of(table);
                specs.put(spec.name(), spec);
                if (spec.hasStream()) {
                    double seconds = store.require("DescribeTable", JSON.createObjectNode().put("TableName", spec.name()))
                            .path("Table").path("CreationDateTime").asDouble();
                    created.put(spec.name(), Instant.ofEpochMilli((long) (seconds * 1000)));
                }
            }
        } catch (StoreClient.StoreException e) {
            throw new IllegalStateException("cannot use DynamoDB at " + endpoint + ": " + e.getMessage(), e);
        }
        Map<String, List<StreamDelivery>> deliveries = new LinkedHashMap<>();
        for (StreamMappingDef mapping : template.streamMappings()) {
            TableSpec spec = specs.get(mapping.tableName());
            if (spec == null || !spec.hasStream()) {
                throw new IllegalStateException("the stream event source of " + mapping.functionName() + " is table "
                        + mapping.tableName() + ", which has no StreamSpecification in the template");
            }
            deliveries.computeIfAbsent(spec.name(), n -> new ArrayList<>()).add(new StreamDelivery(mapping, lambdas));
        }
        Map<String, TableStream> streams = new LinkedHashMap<>();
        for (TableSpec spec : specs.values()) {
            if (spec.hasStream()) {
                streams.put(spec.name(), closing(new TableStream(TemplateReader.REGION,
                        StreamRecords.streamArn(TemplateReader.REGION, TemplateReader.ACCOUNT, spec.name(),
                                created.get(spec.name())),
                        spec.streamViewType().get(), deliveries.getOrDefault(spec.name(), List.of()), clock)));
            }
        }
        ChangeCapture capture = new ChangeCapture(store, specs, streams);
        closing(new TtlSweeper(store, capture, List.copyOf(specs.values()), clock)).start(options.store().ttlSweep());
        return new DynamoDbEndpoint(store, capture);
    }

    /**
     * Starts the stack.
     *
     * @throws java.net.BindException when the port is taken
     * @throws dev.ordersprofiles.local.template.TemplateException when the template cannot be used
     */
    public static LocalStack start(LocalOptions options) throws IOException {
        return new LocalStack(options);
    }

    public int port() {
        return server.port();
    }

    private static HttpResponse dispatch(HttpRequest request, DynamoDbEndpoint dynamoDb, Console console,
                                         LambdaInvokeApi invokeApi, DocsSite docs, ApiGateway api) {
        if (dynamoDb.serves(request)) {
            return dynamoDb.handle(request);
        }
        String path = request.path();
        if (console.serves(path)) {
            return console.handle(request);
        }
        if (invokeApi.serves(path)) {
            return invokeApi.handle(request);
        }
        if (docs.serves(path) && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            return docs.handle(request);
        }
        return api.handle(request);
    }

    /** The variables every function shares (the template's Globals), read from the first function. */
    private static Map<String, String> sharedEnvironment(Template template) {
        return template.functions().stream().findFirst().map(FunctionDef::environment)
                .orElseThrow(() -> new IllegalStateException("the template has no functions"));
    }

    private static OrderWorkflowOnStepFunctions workflow(Template template, LocalStepFunctions stepFunctions) {
        String arn = template.functions().stream().map(f -> f.environment().get("STATE_MACHINE_ARN"))
                .filter(a -> a != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no function has STATE_MACHINE_ARN"));
        StateMachine machine = stepFunctions.machine(arn)
                .orElseThrow(() -> new IllegalStateException("STATE_MACHINE_ARN " + arn + " is not in the template"));
        return new OrderWorkflowOnStepFunctions(stepFunctions, machine);
    }

    private record Stores(OrderRepository orders, ProfileRepository profiles, IdempotencyStore idempotency) {
    }

    /** The DynamoDB adapters, as the functions build them on AWS, against {@code endpoint}. */
    private static Stores dynamoDbStores(URI endpoint, Map<String, String> env, LocalCredentials credentials,
                                         Clock clock) {
        AwsSettings settings = new AwsSettings(TemplateReader.REGION,
                new TableNames(env.get("ORDERS_TABLE"), env.get("PROFILES_TABLE"), env.get("IDEMPOTENCY_TABLE")),
                Optional.empty(), Optional.of(endpoint), Optional.empty(),
                HandlerConfig.from(env).pendingIndexShards(), HandlerConfig.from(env).orderRetention());
        AwsAdapters aws = AwsAdapters.fromSettings(settings,
                CredentialsProvider.fixed(AwsCredentials.of(credentials.accessKeyId(), credentials.secretAccessKey())),
                clock);
        return new Stores(aws.orderRepository(), aws.profileRepository(), aws.idempotencyStore());
    }

    private static Object newHandler(Class<?> type, OrdersComponent component) throws ReflectiveOperationException {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == OrdersComponent.class) {
                return constructor.newInstance(component);
            }
        }
        return type.getConstructor().newInstance();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        FunctionLogs.flush();
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.out.println("[local] while stopping: " + e);
            }
        }
    }

    /** The ports are made after the functions are declared (the workflow needs Step Functions, which needs them). */
    private static final class PortsHolder {
        private volatile Ports ports;

        void set(Ports value) {
            ports = value;
        }

        Ports get() {
            if (ports == null) {
                throw new IllegalStateException("the local stack is still starting");
            }
            return ports;
        }
    }
}
