package dev.ordersprofiles.local.stepfunctions;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The AWS SDK's Step Functions client on a local stack, as the Step Functions ITs use it. */
final class StackSfn {

    private StackSfn() {
    }

    /**
     * Signed with the stack's default keys. Host-prefix injection is off: StartSyncExecution and TestState go to a
     * "sync-" host prefix on AWS, and here everything is on one host.
     */
    static SfnClient client(int port) {
        return SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true))
                .build();
    }

    /** The execution once it is no longer RUNNING, or as it is after 60 s (the caller asserts its status). */
    static DescribeExecutionResponse awaitClosed(SfnClient sfn, String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
                return d;
            }
            Thread.sleep(20);
        }
    }
}
