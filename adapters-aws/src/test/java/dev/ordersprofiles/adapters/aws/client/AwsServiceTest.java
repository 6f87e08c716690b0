package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/** {@link AwsService}: the two services' constants and their regional endpoints. */
class AwsServiceTest {

    @ParameterizedTest
    @CsvSource({
            "us-east-1, https://dynamodb.us-east-1.amazonaws.com, https://states.us-east-1.amazonaws.com",
            "eu-west-1, https://dynamodb.eu-west-1.amazonaws.com, https://states.eu-west-1.amazonaws.com",
            "cn-north-1, https://dynamodb.cn-north-1.amazonaws.com.cn, https://states.cn-north-1.amazonaws.com.cn",
            "cn-northwest-1, https://dynamodb.cn-northwest-1.amazonaws.com.cn, "
                    + "https://states.cn-northwest-1.amazonaws.com.cn",
            "us-gov-west-1, https://dynamodb.us-gov-west-1.amazonaws.com, https://states.us-gov-west-1.amazonaws.com"})
    void regional_endpoints(String region, String dynamoDb, String stepFunctions) {
        assertThat(AwsService.DYNAMODB.endpoint(region)).isEqualTo(URI.create(dynamoDb));
        assertThat(AwsService.STEP_FUNCTIONS.endpoint(region)).isEqualTo(URI.create(stepFunctions));
    }

    /** The SDK's own endpoint rules for DynamoDB (commercial, China and GovCloud partitions). */
    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
            "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-east-1",
            "me-south-1", "me-central-1", "af-south-1", "il-central-1", "cn-north-1", "cn-northwest-1",
            "us-gov-west-1", "us-gov-east-1"})
    void dynamodb_endpoints_are_the_ones_the_sdk_resolves(String region) {
        URI sdk = DynamoDbEndpointProvider.defaultProvider().resolveEndpoint(DynamoDbEndpointParams.builder()
                        .region(Region.of(region))
                        .accountIdEndpointMode("disabled")
                        .build())
                .join().url();

        assertThat(AwsService.DYNAMODB.endpoint(region)).isEqualTo(sdk);
    }

    @Test
    void dynamodb_speaks_json_1_0_under_its_2012_target() {
        assertThat(AwsService.DYNAMODB.signingName()).isEqualTo("dynamodb");
        assertThat(AwsService.DYNAMODB.endpointPrefix()).isEqualTo("dynamodb");
        assertThat(AwsService.DYNAMODB.targetPrefix()).isEqualTo("DynamoDB_20120810");
        assertThat(AwsService.DYNAMODB.contentType()).isEqualTo("application/x-amz-json-1.0");
    }

    @Test
    void step_functions_signs_as_states() {
        assertThat(AwsService.STEP_FUNCTIONS.signingName()).isEqualTo("states");
        assertThat(AwsService.STEP_FUNCTIONS.endpointPrefix()).isEqualTo("states");
        assertThat(AwsService.STEP_FUNCTIONS.targetPrefix()).isEqualTo("AWSStepFunctions");
        assertThat(AwsService.STEP_FUNCTIONS.contentType()).isEqualTo("application/x-amz-json-1.0");
    }

    @Test
    void the_endpoint_variables_are_named_after_the_sdk_service_ids() {
        assertThat(AwsService.DYNAMODB.endpointVariable()).isEqualTo("AWS_ENDPOINT_URL_DYNAMODB");
        assertThat(AwsService.STEP_FUNCTIONS.endpointVariable()).isEqualTo("AWS_ENDPOINT_URL_SFN");
    }

    @Test
    void the_service_variable_wins_over_the_global_one_and_the_ignore_switch_turns_both_off() {
        Map<String, String> both = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_DYNAMODB", "https://127.0.0.1:2");

        assertThat(AwsService.DYNAMODB.configuredEndpoint(both)).contains(URI.create("https://127.0.0.1:2"));
        assertThat(AwsService.STEP_FUNCTIONS.configuredEndpoint(both)).contains(URI.create("http://127.0.0.1:1"));
        assertThat(AwsService.STEP_FUNCTIONS.configuredEndpoint(Map.of("AWS_ENDPOINT_URL_SFN", "http://h:3",
                "AWS_ENDPOINT_URL", " "))).contains(URI.create("http://h:3"));
        assertThat(AwsService.DYNAMODB.configuredEndpoint(Map.of())).isEmpty();
        assertThat(AwsService.DYNAMODB.configuredEndpoint(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "  "))).isEmpty();
        Map<String, String> ignored = new java.util.HashMap<>(both);
        ignored.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assertThat(AwsService.DYNAMODB.configuredEndpoint(ignored)).isEmpty();
        assertThat(AwsService.STEP_FUNCTIONS.configuredEndpoint(ignored)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1:8000", "ftp://127.0.0.1/", "http://", "http://a b"})
    void a_malformed_endpoint_is_refused_naming_its_variable(String value) {
        assertThatThrownBy(() -> AwsService.DYNAMODB.configuredEndpoint(Map.of("AWS_ENDPOINT_URL_DYNAMODB", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_ENDPOINT_URL_DYNAMODB");
        assertThatThrownBy(() -> AwsService.STEP_FUNCTIONS.configuredEndpoint(Map.of("AWS_ENDPOINT_URL", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_ENDPOINT_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1",
            "eusc-de-east-1", "", "moon-1", "us-east-1.evil.example"})
    void a_region_of_an_unsupported_partition_is_refused_clearly(String region) {
        assertThatThrownBy(() -> AwsService.DYNAMODB.endpoint(region)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition").hasMessageContaining("AWS_ENDPOINT_URL_DYNAMODB");
        assertThatThrownBy(() -> AwsService.STEP_FUNCTIONS.endpoint(region))
                .hasMessageContaining("AWS_ENDPOINT_URL_SFN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"})
    void fips_and_dual_stack_are_refused_naming_the_variable(String variable) {
        assertThatThrownBy(() -> AwsService.requireSupportedVariant(Map.of(variable, "TRUE")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(variable + "=true");
        AwsService.requireSupportedVariant(Map.of(variable, "false"));
        AwsService.requireSupportedVariant(Map.of());
    }
}
