package dev.ordersprofiles.local;

import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.dynamodb.ProfileItemMapper;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.inmemory.InMemoryIdempotencyStore;
import dev.ordersprofiles.adapters.inmemory.InMemoryOrderRepository;
import dev.ordersprofiles.adapters.inmemory.InMemoryProfileRepository;
import dev.ordersprofiles.adapters.inmemory.ProfileChange;
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
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.edge.DocsSite;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.FunctionLogs;
import dev.ordersprofiles.local.lambda.LambdaInvokeApi;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.schedule.Schedules;
import dev.ordersprofiles.local.stream.ProfileStream;
import dev.ordersprofiles.local.stream.StreamingProfileRepository;
import dev.ordersprofiles.local.template.FunctionDef;
import dev.ordersprofiles.local.template.StreamMappingDef;
import dev.ordersprofiles.local.template.TableDef;
import dev.ordersprofiles.local.template.Template;
import dev.ordersprofiles.local.template.TemplateReader;
import dev.ordersprofiles.local.workflow.LocalStepFunctions;
import dev.ordersprofiles.local.workflow.OrderWorkflowOnStepFunctions;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The whole system on one loopback port, from sam/template.yaml: API Gateway with the Cognito authorizer, the
 * functions (the real handler classes, one instance each), Step Functions running the template's state machine,
 * the profiles stream, the schedules, the docs site, the Lambda Invoke API and the {@code /_local} console.
 */
public final class LocalStack implements AutoCloseable {
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
                : Optional.of(LocalIssuer.inFolder(options.dataDir(), clock));
        CognitoAuthorizer authorizer = issuer.map(i -> CognitoAuthorizer.forLocal(i, clock))
                .orElseGet(() -> CognitoAuthorizer.forUserPool(options.cognitoUserPoolId().get(),
                        options.cognitoClientId().get(), clock));

        Map<String, String> shared = sharedEnvironment(template);
        PortsHolder ports = new PortsHolder();
        LambdaRuntime lambdas = closing(new LambdaRuntime(template.functions(), (function, type) ->
                newHandler(type, Components.withPorts(HandlerConfig.from(function.environment()), clock,
                        ports.get()))));
        LocalStepFunctions stepFunctions = closing(new LocalStepFunctions(template.stateMachines(), lambdas, 4));

        Stores stores = options.dynamodbEndpoint().isPresent()
                ? dynamoDbStores(options, shared, template.tables(), clock)
                : inMemoryStores(clock);
        ProfileRepository profiles = stores.profiles();
        for (StreamMappingDef mapping : template.streamMappings()) {
            if (!mapping.tableName().equals(shared.get("PROFILES_TABLE"))) {
                throw new IllegalStateException("stream mapping on table " + mapping.tableName()
                        + ": only the profiles table has a local stream");
            }
            ProfileStream stream = closing(new ProfileStream(mapping, lambdas, new ProfileItemMapper(mapping.tableName())));
            if (profiles instanceof InMemoryProfileRepository inMemory) {
                inMemory.subscribe(stream::publish);
            } else {
                profiles = new StreamingProfileRepository(profiles, stream::publish);
            }
        }
        HandlerConfig config = HandlerConfig.from(shared);
        OrderWorkflowOnStepFunctions workflow = workflow(template, stepFunctions);
        ports.set(new Ports(stores.orders(), profiles, stores.idempotency(), workflow,
                SimulatedInventory.fromConfig(config.simStock()), SimulatedPayments.fromConfig(config.simDeclineAbove()),
                new UuidIds()));

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
        return closing(new LocalServer(options.host(), options.port(), 64,
                request -> dispatch(request, console, invokeApi, docs, api)));
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

    private static HttpResponse dispatch(HttpRequest request, Console console, LambdaInvokeApi invokeApi,
                                         DocsSite docs, ApiGateway api) {
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

    private static Stores inMemoryStores(Clock clock) {
        return new Stores(new InMemoryOrderRepository(), new InMemoryProfileRepository(),
                new InMemoryIdempotencyStore(clock));
    }

    private Stores dynamoDbStores(LocalOptions options, Map<String, String> env, List<TableDef> tables, Clock clock) {
        AwsSettings settings = new AwsSettings(TemplateReader.REGION,
                new TableNames(env.get("ORDERS_TABLE"), env.get("PROFILES_TABLE"), env.get("IDEMPOTENCY_TABLE")),
                Optional.empty(), options.dynamodbEndpoint(), Optional.empty(),
                HandlerConfig.from(env).pendingIndexShards(), HandlerConfig.from(env).orderRetention());
        AwsAdapters aws = AwsAdapters.fromSettings(settings,
                CredentialsProvider.fixed(AwsCredentials.of("local", "local")), clock);
        List<String> created;
        try {
            created = TableCreator.createMissing(aws.dynamoDb(), tables);
        } catch (AwsServiceException | UncheckedIOException e) {
            throw new IllegalStateException("cannot use DynamoDB at " + options.dynamodbEndpoint().get() + ": "
                    + e.getMessage(), e);
        }
        if (!created.isEmpty()) {
            System.out.println("[local] created tables " + created + " at " + options.dynamodbEndpoint().get());
        }
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
