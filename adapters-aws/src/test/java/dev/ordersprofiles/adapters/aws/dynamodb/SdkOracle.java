package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS SDK's DynamoDB client as a test oracle (the SDK is in test scope only), and conversions between its
 * attribute values and ours. Used to check that what our client writes and reads is what the SDK writes and reads
 * (DynamoDbAgainstSdkIT), and as a seeding tool where BatchWriteItem saves time (StaleOrdersAtScaleIT).
 */
final class SdkOracle {
    private SdkOracle() {
    }

    /** An SDK client of {@code endpoint} (dynalite) with the URL-connection HTTP client and dummy credentials. */
    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .region(Region.of(Dynalite.REGION))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("dynalite", "dynalite")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new LinkedHashMap<>();
        item.forEach((name, value) -> sdk.put(name, toSdk(value)));
        return sdk;
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue value) {
        return switch (value.type()) {
            case "S" -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value.s());
            case "N" -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(value.n());
            case "BOOL" -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(value.bool());
            case "NULL" -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true);
            case "M" -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(toSdk(value.m()));
            case "L" -> software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(
                    value.l().stream().map(SdkOracle::toSdk).toList());
            default -> throw new IllegalArgumentException("no SDK form for " + value);
        };
    }

    static Map<String, AttributeValue> fromSdk(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> ours = new LinkedHashMap<>();
        item.forEach((name, value) -> ours.put(name, fromSdk(value)));
        return ours;
    }

    static AttributeValue fromSdk(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        return switch (value.type()) {
            case S -> AttributeValue.fromS(value.s());
            case N -> AttributeValue.fromN(value.n());
            case BOOL -> AttributeValue.fromBool(value.bool());
            case NUL -> AttributeValue.fromNul();
            case M -> AttributeValue.fromM(fromSdk(value.m()));
            case L -> AttributeValue.fromL(value.l().stream().map(SdkOracle::fromSdk).toList());
            default -> throw new IllegalArgumentException("a type we never write: " + value);
        };
    }

    static List<Map<String, AttributeValue>> fromSdk(
            List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items) {
        return items.stream().map(SdkOracle::fromSdk).toList();
    }
}
