package dev.ordersprofiles.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The AWS SDK's own SigV4 signer is the oracle: what it signs passes, and any change to what it signed fails. */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final SigV4Verifier verifier = new SigV4Verifier(LocalCredentials.DEFAULT,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void requests_the_sdk_signs_pass_whatever_their_path_query_headers_region_and_service() {
        List<Signed> requests = List.of(
                sign("POST", "/2015-03-31/functions/orders-cleanup/invocations", null, "{\"a\":1}", "lambda",
                        "us-east-1", true),
                sign("POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A000000000000%3Afunction%3Af"
                        + "/invocations", null, "{}", "lambda", "eu-west-1", true),
                sign("GET", "/2015-03-31/functions/", "MaxItems=10&Marker=a%20b%2Fc&FunctionVersion=ALL&z=&a=%E2%82%AC",
                        "", "lambda", "ap-southeast-2", true),
                sign("GET", "/2015-03-31/functions/", "b=2&a=2&a=1", "", "lambda", "us-east-1", true),
                sign("POST", "/", null, "{\"TableName\":\"t\"}", "dynamodb", "local", true),
                sign("POST", "/", null, "{\"stateMachineArn\":\"x\"}", "states", "us-east-1", false));
        for (Signed signed : requests) {
            assertThat(verifier.verify(signed.request(), AwsProtocol.LAMBDA_REST_JSON)).as(signed.toString())
                    .isEmpty();
        }
    }

    @Test
    void unsigned_payload_is_accepted_as_aws_accepts_it() {
        Signed signed = sign("POST", "/", null, "{\"TableName\":\"t\"}", "dynamodb", "us-east-1", false);
        assertThat(signed.request().header("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");

        assertThat(verifier.verify(signed.with(signed.request().path(), signed.request().rawQuery(),
                "{\"TableName\":\"other\"}".getBytes(StandardCharsets.UTF_8), Map.of()), AwsProtocol.AWS_JSON))
                .isEmpty();
    }

    @Test
    void any_change_to_what_was_signed_fails_with_invalid_signature() {
        Signed signed = sign("POST", "/2015-03-31/functions/f/invocations", "Qualifier=1", "{\"sub\":\"alice\"}",
                "lambda", "us-east-1", true);
        HttpRequest r = signed.request();
        List<HttpRequest> tampered = List.of(
                signed.with(r.path(), r.rawQuery(), "{\"sub\":\"mallory\"}".getBytes(StandardCharsets.UTF_8), Map.of()),
                signed.with("/2015-03-31/functions/g/invocations", r.rawQuery(), r.body(), Map.of()),
                signed.with(r.path(), "Qualifier=2", r.body(), Map.of()),
                signed.with(r.path(), null, r.body(), Map.of()),
                signed.with(r.path(), r.rawQuery(), r.body(), Map.of("Host", "localhost:3000")),
                signed.with(r.path(), r.rawQuery(), r.body(), Map.of("X-Amz-Date",
                        signed.request().header("X-Amz-Date").orElseThrow().replace("T12", "T11"))));
        for (HttpRequest request : tampered) {
            Optional<HttpResponse> refused = verifier.verify(request, AwsProtocol.LAMBDA_REST_JSON);
            assertThat(refused).as(request.path() + "?" + request.rawQuery()).isPresent();
            assertThat(refused.get().status()).isEqualTo(403);
            assertThat(refused.get().headers().get("X-Amzn-ErrorType")).containsExactly("InvalidSignatureException");
        }
    }

    @Test
    void another_access_key_is_unrecognized_and_another_secret_is_an_invalid_signature() {
        Signed otherKey = sign("POST", "/", null, "{}", "dynamodb", "us-east-1", true, "AKIAOTHER", "local", NOW);
        Signed otherSecret = sign("POST", "/", null, "{}", "dynamodb", "us-east-1", true, "local", "other", NOW);

        HttpResponse unrecognized = verifier.verify(otherKey.request(), AwsProtocol.AWS_JSON).orElseThrow();
        assertThat(unrecognized.status()).isEqualTo(400);
        assertThat(new String(unrecognized.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\",\"message\":\"The security"
                        + " token included in the request is invalid.\"}");
        assertThat(verifier.verify(otherSecret.request(), AwsProtocol.AWS_JSON).orElseThrow().headers()
                .get("X-Amzn-ErrorType")).containsExactly("InvalidSignatureException");
        SigV4Verifier configured = new SigV4Verifier(new LocalCredentials("AKIAOTHER", "local"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(configured.verify(otherKey.request(), AwsProtocol.AWS_JSON)).isEmpty();
    }

    @Test
    void a_request_more_than_15_minutes_from_the_clock_has_expired_or_is_not_yet_current() {
        Signed old = sign("POST", "/", null, "{}", "lambda", "us-east-1", true, "local", "local",
                NOW.minus(Duration.ofMinutes(16)));
        Signed early = sign("POST", "/", null, "{}", "lambda", "us-east-1", true, "local", "local",
                NOW.plus(Duration.ofMinutes(16)));
        Signed withinSkew = sign("POST", "/", null, "{}", "lambda", "us-east-1", true, "local", "local",
                NOW.minus(Duration.ofMinutes(14)));

        assertThat(message(verifier.verify(old.request(), AwsProtocol.LAMBDA_REST_JSON).orElseThrow()))
                .contains("Signature expired: 20261202T114400Z is now earlier than 20261202T114500Z");
        assertThat(message(verifier.verify(early.request(), AwsProtocol.LAMBDA_REST_JSON).orElseThrow()))
                .contains("Signature not yet current");
        assertThat(verifier.verify(withinSkew.request(), AwsProtocol.LAMBDA_REST_JSON)).isEmpty();
    }

    @Test
    void no_or_a_broken_authorization_is_refused_without_reaching_the_api() {
        HttpRequest none = new HttpRequest("POST", "/2015-03-31/functions/f/invocations", null, Map.of(), new byte[0],
                "127.0.0.1", "127.0.0.1:3000");
        HttpRequest broken = new HttpRequest("POST", "/", null, Map.of("Authorization",
                List.of("AWS4-HMAC-SHA256 Credential=local/20261202"), "X-Amz-Target", List.of("x")),
                new byte[0], "127.0.0.1", "127.0.0.1:3000");

        HttpResponse missing = verifier.verify(none, AwsProtocol.LAMBDA_REST_JSON).orElseThrow();
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.headers().get("X-Amzn-ErrorType")).containsExactly("MissingAuthenticationTokenException");
        assertThat(verifier.verify(broken, AwsProtocol.AWS_JSON).orElseThrow().headers().get("X-Amzn-ErrorType"))
                .containsExactly("IncompleteSignatureException");
    }

    @Test
    void query_parameters_are_canonicalised_as_aws_does() {
        assertThat(SigV4Verifier.canonicalQuery("b=2&a=%7e&a=1&c&d=a+b&e=%2f"))
                .isEqualTo("a=1&a=~&b=2&c=&d=a%2Bb&e=%2F");
        assertThat(SigV4Verifier.canonicalUri("/a%3Ab/./c/../d e")).isEqualTo("/a%253Ab/d%20e");
    }

    private static String message(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Signed sign(String method, String path, String query, String body, String service, String region,
                               boolean payloadSigning) {
        return sign(method, path, query, body, service, region, payloadSigning, "local", "local", NOW);
    }

    private static Signed sign(String method, String path, String query, String body, String service, String region,
                               boolean payloadSigning, String key, String secret, Instant at) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                // The SDK signs the payload over plain HTTP whatever it is told: unsigned payloads need https.
                .uri(URI.create((payloadSigning ? "http" : "https") + "://127.0.0.1:3000" + path
                        + (query == null ? "" : "?" + query)))
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Amz-Target", "Service.Operation")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        URI uri = signed.getUri();
        return new Signed(new HttpRequest(method, uri.getRawPath(), uri.getRawQuery(), headers, bytes, "127.0.0.1",
                "127.0.0.1:3000"));
    }

    private record Signed(HttpRequest request) {
        /** The same request with other parts; headers given replace the signed ones of that name. */
        HttpRequest with(String path, String query, byte[] body, Map<String, String> replaced) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().forEach((name, values) -> {
                String replacement = replaced.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                headers.put(name, replacement == null ? values : List.of(replacement));
            });
            return new HttpRequest(request.method(), path, query, headers, body, "127.0.0.1", "127.0.0.1:3000");
        }
    }
}
