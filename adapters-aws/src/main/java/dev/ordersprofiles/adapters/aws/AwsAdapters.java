package dev.ordersprofiles.adapters.aws;

import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbIdempotencyStore;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbOrderRepository;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbProfileRepository;
import dev.ordersprofiles.adapters.aws.stepfunctions.StepFunctionsOrderWorkflow;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import dev.ordersprofiles.adapters.aws.client.CallContext;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDb;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one entry point of the AWS adapters for wiring code. Build it once per container (Lambda init phase); it
 * creates each client and adapter on first use only, once, so a function that never touches Step Functions never
 * pays for its client. The clients are our own AWS JSON protocol clients ({@link AwsJsonClient}), not the AWS SDK:
 * see docs/performance.md for the cold-start figures behind that. Thread-safe.
 */
public final class AwsAdapters {
    private final AwsSettings settings;
    private final CredentialsProvider credentials;
    private final Lazy<DynamoDb> dynamo;
    private final Lazy<AwsJsonClient> sfn;
    private final Lazy<OrderRepository> orders;
    private final Lazy<ProfileRepository> profiles;
    private final Lazy<IdempotencyStore> idempotency;
    private final Lazy<OrderWorkflow> workflow;

    private AwsAdapters(AwsSettings settings, CredentialsProvider credentials, Clock clock,
                        AwsJsonClient.CallListener listener, CallContext context) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(context, "context");
        this.dynamo = new Lazy<>(() -> new DynamoDb(new AwsJsonClient(AwsService.DYNAMODB, settings.region(),
                settings.dynamoDbEndpoint().orElseGet(() -> AwsService.DYNAMODB.endpoint(settings.region())),
                credentials, RetryPolicy.dynamoDb(), Clock.systemUTC(), listener)
                .withCallContext(context, AwsJsonClient.DEFAULT_CALL_TIMEOUT)));
        this.sfn = new Lazy<>(() -> new AwsJsonClient(AwsService.STEP_FUNCTIONS, settings.region(),
                settings.stepFunctionsEndpoint().orElseGet(() -> AwsService.STEP_FUNCTIONS.endpoint(settings.region())),
                credentials, RetryPolicy.standard(), Clock.systemUTC(), listener)
                .withCallContext(context, AwsJsonClient.DEFAULT_CALL_TIMEOUT));
        this.orders = new Lazy<>(() -> new DynamoDbOrderRepository(dynamo.get(), settings.tables().orders(),
                settings.pendingIndexShards(), settings.orderRetention(), settings.orderStuckAfter(), 0));
        this.profiles = new Lazy<>(() -> new DynamoDbProfileRepository(dynamo.get(), settings.tables().profiles()));
        this.idempotency = new Lazy<>(() -> new DynamoDbIdempotencyStore(
                dynamo.get(), settings.tables().idempotency(), clock));
        this.workflow = new Lazy<>(() -> new StepFunctionsOrderWorkflow(sfn.get(), settings.stateMachineArn()
                .orElseThrow(() -> new IllegalStateException("STATE_MACHINE_ARN is not set"))));
    }

    /**
     * Adapters that sign requests with the environment's credentials: the access key variables Lambda sets, or
     * the container credentials endpoint Lambda offers SnapStart functions instead ({@link CredentialsProvider}).
     */
    public static AwsAdapters fromSettings(AwsSettings settings) {
        return fromSettings(settings, CallContext.NONE);
    }

    /**
     * As {@link #fromSettings(AwsSettings)}, every call bounded by {@code context}'s deadline (else
     * {@link AwsJsonClient#DEFAULT_CALL_TIMEOUT}) and carrying its trace header: what a function's wiring uses.
     */
    public static AwsAdapters fromSettings(AwsSettings settings, CallContext context) {
        return new AwsAdapters(settings, CredentialsProvider.fromEnvironment(System.getenv()), Clock.systemUTC(),
                AwsJsonClient.CallListener.NONE, context);
    }

    /** Adapters with the given credentials (e.g. fixed dummy ones for dynalite) and clock (for idempotency expiry). */
    public static AwsAdapters fromSettings(AwsSettings settings, CredentialsProvider credentials, Clock clock) {
        return new AwsAdapters(settings, credentials, clock, AwsJsonClient.CallListener.NONE, CallContext.NONE);
    }

    /** As above, with a listener that sees every HTTP exchange (tests count calls and capacity with it). */
    public static AwsAdapters fromSettings(AwsSettings settings, CredentialsProvider credentials, Clock clock,
                                           AwsJsonClient.CallListener listener) {
        return new AwsAdapters(settings, credentials, clock, listener, CallContext.NONE);
    }

    /** As above, with the invocation context every call is made in (deadline, trace header). */
    public static AwsAdapters fromSettings(AwsSettings settings, CredentialsProvider credentials, Clock clock,
                                           AwsJsonClient.CallListener listener, CallContext context) {
        return new AwsAdapters(settings, credentials, clock, listener, context);
    }

    public AwsSettings settings() {
        return settings;
    }

    public OrderRepository orderRepository() {
        return orders.get();
    }

    public ProfileRepository profileRepository() {
        return profiles.get();
    }

    public IdempotencyStore idempotencyStore() {
        return idempotency.get();
    }

    /** Whether STATE_MACHINE_ARN is set; without it {@link #orderWorkflow()} fails and wiring uses another workflow. */
    public boolean hasStateMachine() {
        return settings.stateMachineArn().isPresent();
    }

    /** @throws IllegalStateException when STATE_MACHINE_ARN is not set */
    public OrderWorkflow orderWorkflow() {
        return workflow.get();
    }

    /** The shared DynamoDB client, e.g. for creating tables locally with TableDefinitions. */
    public DynamoDb dynamoDb() {
        return dynamo.get();
    }

    /**
     * After a restore from a snapshot (Lambda SnapStart): the clients built so far forget their cached credentials,
     * learnt clock offset and jitter seed ({@link AwsJsonClient#afterRestore()}); clients not built yet have none.
     */
    public void afterRestore() {
        credentials.forgetCached();
        dynamo.ifBuilt(DynamoDb::afterRestore);
        sfn.ifBuilt(AwsJsonClient::afterRestore);
    }

    private static final class Lazy<T> {
        private final Supplier<T> create;
        private volatile T value;

        Lazy(Supplier<T> create) {
            this.create = create;
        }

        void ifBuilt(java.util.function.Consumer<T> action) {
            T result = value;
            if (result != null) {
                action.accept(result);
            }
        }

        T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = create.get();
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
