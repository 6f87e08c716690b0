package dev.ordersprofiles.handlers.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java Lambda runtime reports a thrown exception's fully qualified class name as {@code errorType}
 * (docs.aws.amazon.com/lambda/latest/dg/java-exceptions.html), and Step Functions matches that name in
 * Retry/Catch {@code ErrorEquals}. These tests break when a class named there is renamed or moved.
 */
class WorkflowErrorNamesTest {
    private static final Path ASL = Path.of("..", "sam", "statemachine", "place-order.asl.json");

    @ParameterizedTest
    @ValueSource(strings = {ErrorNames.VALIDATION_FAILED, ErrorNames.OUT_OF_STOCK, ErrorNames.PAYMENT_DECLINED,
            ErrorNames.PAYLOAD_MISMATCH})
    void the_business_failures_of_the_contract_exist_under_their_fixed_names(String name) throws Exception {
        Class<?> type = Class.forName(name);

        assertThat(type.getName()).isEqualTo(name);
        assertThat(DomainException.class).isAssignableFrom(type);
    }

    @Test
    void every_error_name_the_state_machine_matches_is_a_class_that_exists() throws Exception {
        JsonNode asl = Steps.tree(Files.readString(ASL)); // a missing file fails the test
        Set<String> names = new LinkedHashSet<>();
        collectErrorNames(asl, names);

        Set<String> ours = new LinkedHashSet<>();
        for (String name : names) {
            if (name.startsWith("States.") || name.startsWith("Lambda.") || name.equals("Sandbox.Timedout")) {
                continue; // built-in Step Functions / Lambda service error names, and the Lambda runtime's timeout
            }
            ours.add(name);
            Class<?> type = Class.forName(name);
            assertThat(Throwable.class).as(name).isAssignableFrom(type);
        }
        assertThat(ours).contains(ErrorNames.VALIDATION_FAILED, ErrorNames.OUT_OF_STOCK, ErrorNames.PAYMENT_DECLINED,
                ErrorNames.DEPENDENCY_UNAVAILABLE);
    }

    @Test
    void the_transient_error_exists_under_its_fixed_name_and_is_no_business_failure() throws Exception {
        Class<?> type = Class.forName(ErrorNames.DEPENDENCY_UNAVAILABLE);

        assertThat(type.getName()).isEqualTo(ErrorNames.DEPENDENCY_UNAVAILABLE);
        assertThat(RuntimeException.class).isAssignableFrom(type);
        assertThat(DomainException.class.isAssignableFrom(type)).as("a DomainException").isFalse();
    }

    /**
     * End to end through the wiring: a step on the AWS adapters whose DynamoDB does not answer (nothing listens on
     * the port) fails, through the byte-stream entry point the runtime uses, with exactly the class name that every
     * task's Retry in the state machine lists, so Step Functions retries it instead of compensating.
     */
    @Test
    void a_store_outage_reaches_the_state_machine_as_the_error_every_task_retries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AwsSettings settings = new AwsSettings("eu-west-1", TableNames.prefixed("outage-"), Optional.empty(),
                Optional.of(URI.create("http://127.0.0.1:" + closedPort)), Optional.empty(), 8, Duration.ofDays(30));
        AwsAdapters aws = AwsAdapters.fromSettings(settings,
                CredentialsProvider.fixed(AwsCredentials.of("test", "test")), Clock.systemUTC());
        Ports ports = new Ports(aws.orderRepository(), aws.profileRepository(), aws.idempotencyStore(), id -> { },
                SimulatedInventory.fromConfig(""), SimulatedPayments.fromConfig("5000.00"), new UuidIds());
        ValidateOrderHandler validate = new ValidateOrderHandler(
                Components.withPorts(HandlerConfig.inMemory(), Clock.systemUTC(), ports));

        Throwable thrown = catchThrowable(() -> Steps.viaStream(validate,
                Steps.input("step-validate-order", UUID.randomUUID().toString())));

        assertThat(thrown).isNotNull();
        assertThat(thrown.getClass().getName()).isEqualTo(ErrorNames.DEPENDENCY_UNAVAILABLE);
        JsonNode states = Steps.tree(Files.readString(ASL)).path("States");
        List<String> tasks = new ArrayList<>();
        states.fields().forEachRemaining(state -> {
            if (state.getValue().path("Type").asText().equals("Task")) {
                tasks.add(state.getKey());
                Set<String> retried = new LinkedHashSet<>();
                state.getValue().path("Retry").forEach(retry ->
                        retry.path("ErrorEquals").forEach(name -> retried.add(name.asText())));
                assertThat(retried).as("Retry of " + state.getKey()).contains(thrown.getClass().getName());
            }
        });
        assertThat(tasks).contains("Validate", "Reserve", "Charge", "Confirm");
    }

    private static void collectErrorNames(JsonNode node, Set<String> names) throws IOException {
        if (node.isObject()) {
            JsonNode errorEquals = node.get("ErrorEquals");
            if (errorEquals != null) {
                errorEquals.forEach(e -> names.add(e.asText()));
            }
            for (JsonNode child : node) {
                collectErrorNames(child, names);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectErrorNames(child, names);
            }
        }
    }
}
