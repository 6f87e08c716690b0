package dev.ordersprofiles.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-central-1");
        env.put("ORDERS_TABLE", "orders-t");
        env.put("PROFILES_TABLE", "profiles-t");
        env.put("IDEMPOTENCY_TABLE", "idem-t");
        return env;
    }

    @Test
    void the_table_names_and_region_come_from_the_environment_with_defaults_for_the_rest() {
        AwsSettings settings = AwsSettings.fromEnvironment(env());

        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.tables().orders()).isEqualTo("orders-t");
        assertThat(settings.tables().profiles()).isEqualTo("profiles-t");
        assertThat(settings.tables().idempotency()).isEqualTo("idem-t");
        assertThat(settings.stateMachineArn()).isEmpty();
        assertThat(settings.dynamoDbEndpoint()).isEmpty();
        assertThat(settings.pendingIndexShards()).isEqualTo(8);
        assertThat(settings.orderRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void optional_settings_override_the_defaults() {
        Map<String, String> env = env();
        env.put("STATE_MACHINE_ARN", "arn:aws:states:eu-central-1:1:stateMachine:PlaceOrder");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:8001");
        env.put("PENDING_INDEX_SHARDS", "16");
        env.put("ORDER_RETENTION_DAYS", "7");

        AwsSettings settings = AwsSettings.fromEnvironment(env);

        assertThat(settings.stateMachineArn()).contains("arn:aws:states:eu-central-1:1:stateMachine:PlaceOrder");
        assertThat(settings.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.stepFunctionsEndpoint()).contains(URI.create("http://127.0.0.1:8001"));
        assertThat(settings.pendingIndexShards()).isEqualTo(16);
        assertThat(settings.orderRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void the_adapters_are_configured_only_when_the_orders_table_is_named() {
        assertThat(AwsSettings.isConfigured(env())).isTrue();
        assertThat(AwsSettings.isConfigured(Map.of("AWS_REGION", "eu-central-1"))).isFalse();
    }

    @Test
    void a_missing_or_malformed_variable_is_named() {
        Map<String, String> noRegion = env();
        noRegion.remove("AWS_REGION");
        Map<String, String> badShards = env();
        badShards.put("PENDING_INDEX_SHARDS", "eight");
        Map<String, String> badEndpoint = env();
        badEndpoint.put("AWS_ENDPOINT_URL_DYNAMODB", "localhost");

        assertThatThrownBy(() -> AwsSettings.fromEnvironment(noRegion)).hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(badShards)).hasMessageContaining("PENDING_INDEX_SHARDS");
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(badEndpoint)).hasMessageContaining("AWS_ENDPOINT_URL_DYNAMODB");
    }
}
