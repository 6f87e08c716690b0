package dev.ordersprofiles.adapters.aws;

import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbIdempotencyStore;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbOrderRepository;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbProfileRepository;
import dev.ordersprofiles.adapters.aws.stepfunctions.StepFunctionsOrderWorkflow;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.application.port.ProfileRepository;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The one entry point of the AWS adapters for wiring code. Build it once per container (Lambda init phase); it
 * creates each SDK client and adapter on first use only, once, so a function that never touches Step Functions
 * never pays for its client. Thread-safe.
 */
public final class AwsAdapters implements AutoCloseable {
    private final AwsSettings settings;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<SfnClient> sfn;
    private final Lazy<OrderRepository> orders;
    private final Lazy<ProfileRepository> profiles;
    private final Lazy<IdempotencyStore> idempotency;
    private final Lazy<OrderWorkflow> workflow;

    private AwsAdapters(AwsSettings settings, AwsCredentialsProvider credentials, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clock, "clock");
        this.dynamo = new Lazy<>(() -> AwsClients.dynamoDb(settings.region(), settings.dynamoDbEndpoint(), credentials));
        this.sfn = new Lazy<>(() -> AwsClients.stepFunctions(
                settings.region(), settings.stepFunctionsEndpoint(), credentials));
        this.orders = new Lazy<>(() -> new DynamoDbOrderRepository(dynamo.get(), settings.tables().orders(),
                settings.pendingIndexShards(), settings.orderRetention(), 0));
        this.profiles = new Lazy<>(() -> new DynamoDbProfileRepository(dynamo.get(), settings.tables().profiles()));
        this.idempotency = new Lazy<>(() -> new DynamoDbIdempotencyStore(
                dynamo.get(), settings.tables().idempotency(), clock));
        this.workflow = new Lazy<>(() -> new StepFunctionsOrderWorkflow(sfn.get(), settings.stateMachineArn()
                .orElseThrow(() -> new IllegalStateException("STATE_MACHINE_ARN is not set"))));
    }

    /** Adapters that sign requests with the environment's credentials (AWS_ACCESS_KEY_ID, … as Lambda sets them). */
    public static AwsAdapters fromSettings(AwsSettings settings) {
        return fromSettings(settings, EnvironmentVariableCredentialsProvider.create(), Clock.systemUTC());
    }

    /** Adapters with the given credentials (e.g. static dummy ones for dynalite) and clock (for idempotency expiry). */
    public static AwsAdapters fromSettings(AwsSettings settings, AwsCredentialsProvider credentials, Clock clock) {
        return new AwsAdapters(settings, credentials, clock);
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
    public DynamoDbClient dynamoDbClient() {
        return dynamo.get();
    }

    @Override
    public void close() {
        dynamo.ifCreated(DynamoDbClient::close);
        sfn.ifCreated(SfnClient::close);
    }

    private static final class Lazy<T> {
        private final Supplier<T> create;
        private volatile T value;

        Lazy(Supplier<T> create) {
            this.create = create;
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

        void ifCreated(java.util.function.Consumer<T> action) {
            T result = value;
            if (result != null) {
                action.accept(result);
            }
        }
    }
}
