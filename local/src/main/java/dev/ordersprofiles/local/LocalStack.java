package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.api.ApiGateway;
import dev.ordersprofiles.local.api.GatewayAnswers;
import dev.ordersprofiles.local.asl.Executions;
import dev.ordersprofiles.local.auth.CognitoAuthorizer;
import dev.ordersprofiles.local.aws.AwsSignatureGuard;
import dev.ordersprofiles.local.aws.SigV4Verifier;
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.auth.hostedui.HostedUi;
import dev.ordersprofiles.local.edge.DocsSite;
import dev.ordersprofiles.local.faults.Faults;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.FunctionLogs;
import dev.ordersprofiles.local.lambda.LambdaInvokeApi;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.rds.LocalPostgres;
import dev.ordersprofiles.local.schedule.Schedules;
import dev.ordersprofiles.local.security.FrontDoorGuard;
import dev.ordersprofiles.local.stepfunctions.StepFunctionsApi;
import dev.ordersprofiles.local.store.ChangeCapture;
import dev.ordersprofiles.local.store.DynamoDbEndpoint;
import dev.ordersprofiles.local.store.EmbeddedDynamoDb;
import dev.ordersprofiles.local.store.StoreClient;
import dev.ordersprofiles.local.store.TableCreator;
import dev.ordersprofiles.local.store.TableExports;
import dev.ordersprofiles.local.store.TableSpec;
import dev.ordersprofiles.local.store.TtlSweeper;
import dev.ordersprofiles.local.stream.StreamDelivery;
import dev.ordersprofiles.local.stream.StreamRecords;
import dev.ordersprofiles.local.stream.TableStream;
import dev.ordersprofiles.local.template.StreamMappingDef;
import dev.ordersprofiles.local.template.TableDef;
import dev.ordersprofiles.local.template.Template;
import dev.ordersprofiles.local.template.TemplateReader;
import dev.ordersprofiles.local.template.UserPoolDef;
import dev.ordersprofiles.local.workflow.LocalStepFunctions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * functions (each in JVMs of its own, as Lambda runs them, on the template's CodeUri and Handler), Step Functions running the template's state machine,
 * the embedded DynamoDB store and its API with the tables' streams and TTL, the schedules, the docs site, the Lambda Invoke API and the {@code /_local} console.
 */
public final class LocalStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** At most this many child JVMs of one function (fewer if it reserves fewer). */
    static final int MAX_ENVIRONMENTS_PER_FUNCTION = 4;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final LocalServer server;
    private List<String> routePaths = List.of();

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

        // The functions run as Lambda runs them, each in JVMs of its own (lambda/FunctionProcesses.java), and find
        // everything through the template's environment and AWS_ENDPOINT_URL: the stack knows no application code.
        AtomicInteger functionsPort = new AtomicInteger();
        LambdaRuntime lambdas = closing(new LambdaRuntime(template.functions(), TemplateReader.REGION,
                options.credentials().accessKeyId(), options.credentials().secretAccessKey(), functionsPort::get,
                MAX_ENVIRONMENTS_PER_FUNCTION));
        // Faults injected into what the functions call (faults/Faults.java): their AWS API port and invocations.
        Faults faults = new Faults(options.faults().specs(), options.faults().seed(),
                template.functions().stream().map(f -> f.name()).toList(), clock);
        lambdas.intercept(faults.invocations());
        if (faults.active()) {
            System.out.println(faults.startLine("started"));
        }
        // Executions are journaled in the data folder when the data they act on is durable too. With --in-memory
        // (resuming an order's run after a restart that lost the order would only fail it) the journal is a
        // temporary folder deleted at stop: it still keeps finished executions' histories out of the heap.
        boolean durable = !options.store().inMemory() || options.dynamodbEndpoint().isPresent();
        Path journal = durable ? options.dataDir().resolve("executions") : temporaryFolder("local-stack-executions");
        LocalStepFunctions stepFunctions = closing(new LocalStepFunctions(template.stateMachines(), lambdas, 4,
                Optional.of(journal), new Executions.Retention(options.executionRetention().count(),
                        options.executionRetention().age())));

        DynamoDbEndpoint dynamoDb = dataPlane(options, template, lambdas, clock);
        stepFunctions.useDynamoDb(dynamoDb);

        Schedules schedules = closing(new Schedules(lambdas));
        schedules.start(template.schedules(), options.scheduleRate().orElse(null));

        ApiGateway api = new ApiGateway(template.routes(), template.apiStage(), authorizer, lambdas);
        routePaths = template.routes().stream().map(r -> r.path()).distinct().toList();
        LambdaInvokeApi invokeApi = new LambdaInvokeApi(lambdas, Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-async");
            t.setDaemon(true);
            return t;
        }));
        DocsSite docs = closing(new DocsSite(options.template().toAbsolutePath().getParent().resolve("docs"),
                template.docsResponseHeaders(), template.viewerRequestCode()));
        StepFunctionsApi stepFunctionsApi = new StepFunctionsApi(stepFunctions.machines(), stepFunctions.executions(),
                TemplateReader.REGION, TemplateReader.ACCOUNT, Clock.systemUTC(),
                LocalStepFunctions.mockConfig(options.sfnMockConfig()));
        Console console = new Console(issuer, stepFunctions.executions(), stepFunctionsApi, dynamoDb.store(),
                template.tables().stream().map(TableDef::name).toList());
        Optional<HostedUi> hostedUi = issuer.flatMap(i -> HostedUi.forTemplate(template.userPools(), i,
                options.store().inMemory() ? Optional.empty() : Optional.of(options.dataDir().resolve("hosted-ui")),
                clock));
        // The functions' AWS calls (DynamoDB, Step Functions, Lambda) come in on a loopback port of their own, the
        // AWS_ENDPOINT_URL they get: through the front door, a request's thread would wait for a thread of the same
        // pool for each call its function makes, and a burst of requests would take them all. Both ports check
        // Host, Origin and SigV4 alike (FrontDoorGuard, AwsSignatureGuard); the functions sign with the stack's
        // credentials, as a process with those keys in its environment would.
        SigV4Verifier signatures = new SigV4Verifier(options.credentials(), clock);
        LocalServer functionsApis = closing(new LocalServer("127.0.0.1", 0, 64, new FrontDoorGuard(
                new AwsSignatureGuard(faults.aroundAwsApis(request -> awsApis(request, dynamoDb, invokeApi,
                        stepFunctionsApi)), signatures),
                functionsPort::get, true)));
        functionsPort.set(functionsApis.port());
        AtomicInteger boundPort = new AtomicInteger();
        LocalServer server = closing(new LocalServer(options.host(), options.port(), 64, new FrontDoorGuard(
                new AwsSignatureGuard(request -> faults.serves(request.path()) ? faults.handle(request)
                        : hostedUi.filter(h -> h.serves(request.path()))
                        .map(h -> h.handle(request)).orElseGet(() -> dispatch(request, dynamoDb, console, invokeApi,
                                stepFunctionsApi, docs, api)),
                        signatures), boundPort::get, LocalServer.isLoopback(options.host())),
                new GatewayAnswers(template.apiStage().gatewayResponses(), template.apiStage().stageName())::serverAnswer));
        boundPort.set(server.port());
        closing(LocalPostgres.startIfAsked(options.store().postgres(), options.template(), template.parameters(),
                lambdas));
        int resumed = stepFunctions.recover();
        if (resumed > 0) {
            System.out.println("[local] continuing " + resumed + " workflow execution(s) that were running at the"
                    + " last stop");
        }
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
        return new DynamoDbEndpoint(store, capture, new TableExports(store, options.dataDir().resolve("s3"), clock));
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

    /** The template's API paths, each once, in the template's order. */
    public List<String> routePaths() {
        return routePaths;
    }

    public int port() {
        return server.port();
    }

    private static HttpResponse dispatch(HttpRequest request, DynamoDbEndpoint dynamoDb, Console console,
                                         LambdaInvokeApi invokeApi, StepFunctionsApi stepFunctionsApi, DocsSite docs,
                                         ApiGateway api) {
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
        if (path.equals("/") && stepFunctionsApi.serves(request)) {
            return stepFunctionsApi.handle(request);
        }
        if (docs.serves(path) && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            return docs.handle(request);
        }
        return api.handle(request);
    }

    /** The AWS APIs only, for the functions' own port. */
    private static HttpResponse awsApis(HttpRequest request, DynamoDbEndpoint dynamoDb, LambdaInvokeApi invokeApi,
                                        StepFunctionsApi stepFunctionsApi) {
        if (dynamoDb.serves(request)) {
            return dynamoDb.handle(request);
        }
        if (invokeApi.serves(request.path())) {
            return invokeApi.handle(request);
        }
        if (request.path().equals("/") && stepFunctionsApi.serves(request)) {
            return stepFunctionsApi.handle(request);
        }
        return HttpResponse.json(404, "{\"message\":\"only the AWS APIs (DynamoDB, Step Functions, Lambda) here\"}");
    }

    /** A new temporary folder, deleted with its files when the stack closes. */
    private Path temporaryFolder(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        closing(() -> {
            try (var files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        });
        return folder;
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
}
