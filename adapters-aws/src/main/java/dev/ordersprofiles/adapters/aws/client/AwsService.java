package dev.ordersprofiles.adapters.aws.client;

import java.net.URI;

/**
 * An AWS service spoken to with the AWS JSON protocol: its signing name, endpoint prefix, the X-Amz-Target prefix
 * of its operations and its JSON content type.
 */
public record AwsService(String name, String signingName, String endpointPrefix, String targetPrefix,
                         String contentType) {
    public static final AwsService DYNAMODB = new AwsService("DynamoDB", "dynamodb", "dynamodb",
            "DynamoDB_20120810", "application/x-amz-json-1.0");
    public static final AwsService STEP_FUNCTIONS = new AwsService("Step Functions", "states", "states",
            "AWSStepFunctions", "application/x-amz-json-1.0");

    /** The regional HTTPS endpoint, e.g. {@code https://dynamodb.eu-west-1.amazonaws.com}. */
    public URI endpoint(String region) {
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + endpointPrefix + "." + region + "." + domain);
    }
}
