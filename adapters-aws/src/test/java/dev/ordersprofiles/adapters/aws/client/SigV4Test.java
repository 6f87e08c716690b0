package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Our SigV4 against three oracles: the AWS SDK's own {@link AwsV4HttpSigner} and its previous {@code Aws4Signer}
 * (same request, same credentials, same signing instant → byte-equal Authorization, X-Amz-Date and
 * X-Amz-Security-Token), and the published vectors of the AWS Signature Version 4 test suite (2015-08-30).
 */
class SigV4Test {
    private static final AwsV4HttpSigner SDK = AwsV4HttpSigner.create();

    private static final AwsCredentials LONG_TERM = AwsCredentials.of("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final AwsCredentials TEMPORARY = new AwsCredentials("ASIAEXAMPLE0000TOKEN",
            "k3y/With+Slashes/And+Pluses0123456789abcd",
            Optional.of("IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+/=="));

    /** One request as both signers see it. */
    record Case(String name, String region, String service, String host, int port, Map<String, String> headers,
                byte[] body, AwsCredentials credentials, Instant at) {
        @Override
        public String toString() {
            return name;
        }

        /** The Host header as HttpURLConnection sends it (the port only when not 443). */
        String hostHeader() {
            return port == 443 ? host : host + ":" + port;
        }

        Case withContentSha() {
            return new Case(name, region, service, host, port, SigV4Test.withContentSha(headers, body), body,
                    credentials, at);
        }
    }

    static Stream<Arguments> requests() {
        byte[] getItem = utf8("{\"TableName\":\"orders\",\"Key\":{\"pk\":{\"S\":\"ORDER#42\"}},"
                + "\"ConsistentRead\":true}");
        byte[] nonAscii = utf8("{\"TableName\":\"profiles\",\"Item\":{\"name\":"
                + "{\"S\":\"Zoë Ångström — 東京 🍣\"}}}");
        byte[] startExecution = utf8("{\"stateMachineArn\":"
                + "\"arn:aws:states:eu-west-1:123456789012:stateMachine:orders\","
                + "\"name\":\"order-42\",\"input\":\"{\\\"orderId\\\":\\\"42\\\"}\"}");
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Map<String, String> dynamo = dynamoHeaders("GetItem");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("dynamodb GetItem, long-term keys", "us-east-1", "dynamodb",
                "dynamodb.us-east-1.amazonaws.com", 443, dynamo, getItem, LONG_TERM,
                Instant.parse("2024-03-15T10:20:30Z")));
        cases.add(new Case("dynamodb GetItem, session token", "eu-west-1", "dynamodb",
                "dynamodb.eu-west-1.amazonaws.com", 443, dynamo, getItem, TEMPORARY,
                Instant.parse("2024-03-15T10:20:30Z")));
        cases.add(new Case("empty body", "eu-west-1", "dynamodb", "dynamodb.eu-west-1.amazonaws.com", 443,
                dynamoHeaders("ListTables"), new byte[0], TEMPORARY, Instant.parse("2024-07-01T00:00:00Z")));
        cases.add(new Case("empty JSON object", "eu-central-1", "dynamodb", "dynamodb.eu-central-1.amazonaws.com", 443,
                dynamoHeaders("ListTables"), utf8("{}"), LONG_TERM, Instant.parse("2024-07-01T00:00:00Z")));
        cases.add(new Case("non-ASCII body", "ap-northeast-1", "dynamodb",
                "dynamodb.ap-northeast-1.amazonaws.com", 443, dynamoHeaders("PutItem"), nonAscii, TEMPORARY,
                Instant.parse("2024-02-29T12:00:00Z")));
        cases.add(new Case("every byte value in the body", "us-west-2", "dynamodb",
                "dynamodb.us-west-2.amazonaws.com", 443, dynamo, binary, LONG_TERM,
                Instant.parse("2024-02-29T12:00:00Z")));
        cases.add(new Case("states StartExecution", "eu-west-1", "states", "states.eu-west-1.amazonaws.com", 443,
                Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AWSStepFunctions.StartExecution"),
                startExecution, TEMPORARY, Instant.parse("2025-11-05T08:09:10Z")));
        cases.add(new Case("states, long-term keys, China", "cn-north-1", "states",
                "states.cn-north-1.amazonaws.com.cn", 443,
                Map.of("Content-Type", "application/x-amz-json-1.0",
                        "X-Amz-Target", "AWSStepFunctions.DescribeExecution"),
                utf8("{\"executionArn\":\"arn:aws-cn:states:cn-north-1:1:execution:m:e\"}"), LONG_TERM,
                Instant.parse("2025-11-05T08:09:10Z")));
        cases.add(new Case("host with a port (dynalite)", "us-east-1", "dynamodb", "127.0.0.1", 8000, dynamo,
                getItem, LONG_TERM, Instant.parse("2024-03-15T10:20:30Z")));
        cases.add(new Case("host name with a port, session token", "us-east-1", "dynamodb", "localhost", 4566,
                dynamo, getItem, TEMPORARY, Instant.parse("2024-03-15T10:20:30Z")));
        cases.add(new Case("last second of a day", "us-east-1", "dynamodb", "dynamodb.us-east-1.amazonaws.com", 443,
                dynamo, getItem, TEMPORARY, Instant.parse("2024-06-30T23:59:59Z")));
        cases.add(new Case("first second of the next day", "us-east-1", "dynamodb",
                "dynamodb.us-east-1.amazonaws.com", 443, dynamo, getItem, TEMPORARY,
                Instant.parse("2024-07-01T00:00:00Z")));
        cases.add(new Case("last instant of a year, with nanoseconds", "eu-west-1", "dynamodb",
                "dynamodb.eu-west-1.amazonaws.com", 443, dynamo, getItem, TEMPORARY,
                Instant.parse("2024-12-31T23:59:59.999999999Z")));
        cases.add(new Case("first instant of a year", "eu-west-1", "dynamodb", "dynamodb.eu-west-1.amazonaws.com",
                443, dynamo, getItem, TEMPORARY, Instant.parse("2025-01-01T00:00:00Z")));
        cases.add(new Case("milliseconds are dropped, not rounded", "eu-west-1", "states",
                "states.eu-west-1.amazonaws.com", 443, dynamo, getItem, LONG_TERM,
                Instant.parse("2023-05-06T07:08:09.999Z")));
        cases.add(new Case("far past and far region", "sa-east-1", "dynamodb", "dynamodb.sa-east-1.amazonaws.com",
                443, dynamo, getItem, LONG_TERM, Instant.parse("2001-09-09T01:46:40Z")));

        Map<String, String> spaced = new LinkedHashMap<>(dynamo);
        spaced.put("X-Custom-Leading", "   leading");
        spaced.put("X-Custom-Trailing", "trailing   ");
        spaced.put("X-Custom-Inner", "a  b   c    d");
        spaced.put("X-Custom-All", "  \"a   b   c\"  ");
        spaced.put("X-Custom-Single", "one two three");
        cases.add(new Case("header values with leading, trailing and repeated spaces", "us-east-1", "dynamodb",
                "dynamodb.us-east-1.amazonaws.com", 443, spaced, getItem, TEMPORARY,
                Instant.parse("2024-03-15T10:20:30Z")));

        Map<String, String> mixedCase = new LinkedHashMap<>();
        mixedCase.put("CONTENT-TYPE", "application/x-amz-json-1.0");
        mixedCase.put("x-AMZ-target", "DynamoDB_20120810.Query");
        mixedCase.put("My-Header1", "VALUE1");
        mixedCase.put("zeta-Last", "z");
        mixedCase.put("Alpha-First", "a");
        mixedCase.put("X-Amz-Meta-Mixed", "MiXeD CaSe VaLuE");
        cases.add(new Case("mixed-case header names (sorted lower-case)", "eu-west-1", "dynamodb",
                "dynamodb.eu-west-1.amazonaws.com", 443, mixedCase, getItem, TEMPORARY,
                Instant.parse("2024-03-15T10:20:30Z")));
        cases.add(new Case("mixed-case header names, with a port", "eu-west-1", "states", "127.0.0.1", 51234,
                mixedCase, nonAscii, LONG_TERM, Instant.parse("2030-01-01T00:00:00Z")));
        cases.add(new Case("headers only the defaults", "us-east-1", "dynamodb", "dynamodb.us-east-1.amazonaws.com",
                443, Map.of(), getItem, LONG_TERM, Instant.parse("2024-03-15T10:20:30Z")));
        Map<String, String> empty = new LinkedHashMap<>(dynamo);
        empty.put("X-Empty", "");
        empty.put("X-Blank", "   ");
        cases.add(new Case("empty and blank header values", "us-east-1", "dynamodb",
                "dynamodb.us-east-1.amazonaws.com", 443, empty, getItem, LONG_TERM,
                Instant.parse("2024-03-15T10:20:30Z")));
        return cases.stream().map(Arguments::of);
    }

    /**
     * The SDK's {@link AwsV4HttpSigner} always adds and signs {@code x-amz-content-sha256} (the hex SHA-256 of the
     * payload) when it signs the payload, for every service: no signer property turns that header off (only an
     * anonymous identity does; PAYLOAD_SIGNING_ENABLED=false replaces the payload hash by UNSIGNED-PAYLOAD, which
     * changes the canonical request further). So both signers get the same request with that header in it: the SDK
     * then signs exactly the header set we sign, and the Authorization headers must be byte-equal.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void signs_exactly_as_the_aws_sdk_signer_does(Case request) {
        Case withContentSha = request.withContentSha();

        Map<String, String> ours = sign(withContentSha);
        SdkHttpRequest sdk = sdkSign(withContentSha);

        assertThat(signedHeaders(header(sdk, "Authorization")))
                .isEqualTo(signedHeaders(ours.get("Authorization")))
                .contains("x-amz-content-sha256");
        assertThat(ours.get("Authorization")).isEqualTo(header(sdk, "Authorization"));
        assertThat(ours.get("X-Amz-Date")).isEqualTo(header(sdk, "X-Amz-Date"));
        assertThat(Optional.ofNullable(ours.get("X-Amz-Security-Token")))
                .isEqualTo(sdk.firstMatchingHeader("X-Amz-Security-Token"))
                .isEqualTo(request.credentials().sessionToken());
    }

    /**
     * The request exactly as {@link AwsJsonClient} sends it (no x-amz-content-sha256) against the SDK's previous
     * signer, {@code Aws4Signer}, which signs only the headers it is given plus host, x-amz-date and the token.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void signs_exactly_as_the_legacy_aws_sdk_signer_does(Case request) {
        Map<String, String> ours = sign(request);
        SdkHttpFullRequest sdk = legacySdkSign(request);

        assertThat(sdk.firstMatchingHeader("Authorization")).contains(ours.get("Authorization"));
        assertThat(sdk.firstMatchingHeader("X-Amz-Date")).contains(ours.get("X-Amz-Date"));
        assertThat(sdk.firstMatchingHeader("X-Amz-Security-Token"))
                .isEqualTo(Optional.ofNullable(ours.get("X-Amz-Security-Token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answers_the_given_headers_unchanged_plus_date_token_and_authorization(Case request) {
        Map<String, String> ours = new SigV4(request.region(), request.service()).sign("POST", request.hostHeader(),
                "/", request.headers(), request.body(), request.credentials(), request.at());

        request.headers().forEach((name, value) -> assertThat(ours.get(name)).as(name).isEqualTo(value));
        int expected = request.headers().size() + 2 + (request.credentials().sessionToken().isPresent() ? 1 : 0);
        assertThat(ours).hasSize(expected);
        assertThat(ours.keySet()).noneMatch(name -> name.equalsIgnoreCase("host"));
        String expectedSigned = Stream.concat(request.headers().keySet().stream(),
                        Stream.concat(Stream.of("host", "x-amz-date"),
                                request.credentials().sessionToken().stream().map(token -> "x-amz-security-token")))
                .map(name -> name.toLowerCase(java.util.Locale.ROOT)).sorted().distinct()
                .reduce((a, b) -> a + ";" + b).orElseThrow();
        assertThat(signedHeaders(ours.get("Authorization"))).isEqualTo(expectedSigned);
        assertThat(ours.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + request.credentials().accessKeyId() + "/"
                        + ours.get("X-Amz-Date").substring(0, 8) + "/" + request.region() + "/" + request.service()
                        + "/aws4_request, SignedHeaders=")
                .matches(".*, Signature=[0-9a-f]{64}");
    }

    static Stream<Arguments> otherWhitespace() {
        return Stream.of(
                Arguments.of("tabs inside and around", "\ta\t\tb \t c\t"),
                Arguments.of("a folded (multi-line) value", "value1\r\n  value2\n     value3"),
                Arguments.of("Unicode spaces at the ends are not whitespace to SigV4", "\u2003a  b\u2003"));
    }

    /**
     * SigV4's "trimall" (as the SDK implements it in V4CanonicalRequest.addAndTrim) treats space, \t, \n, \u000b,
     * \f and \r as whitespace: drops them at both ends and turns every run of them into one space. Ours strips
     * Unicode whitespace at the ends ({@link String#strip()}) but collapses runs of spaces only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherWhitespace")
    void trims_and_collapses_the_whitespace_sigv4_means(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(dynamoHeaders("GetItem"));
        headers.put("X-Custom", value);
        Case request = new Case(name, "us-east-1", "dynamodb", "dynamodb.us-east-1.amazonaws.com", 443, headers,
                utf8("{}"), TEMPORARY, Instant.parse("2024-03-15T10:20:30Z"));

        assertThat(sign(request).get("Authorization")).isEqualTo(legacySdkSign(request).firstMatchingHeader(
                "Authorization").orElseThrow());
        assertThat(sign(request.withContentSha()).get("Authorization"))
                .isEqualTo(header(sdkSign(request.withContentSha()), "Authorization"));
    }

    @Test
    void formats_the_date_in_utc_and_drops_fractions_of_a_second() {
        SigV4 signer = new SigV4("us-east-1", "dynamodb");

        assertThat(signer.sign("POST", "h", "/", Map.of(), new byte[0], LONG_TERM,
                Instant.parse("2024-12-31T23:59:59.999Z")).get("X-Amz-Date")).isEqualTo("20241231T235959Z");
        assertThat(signer.sign("POST", "h", "/", Map.of(), new byte[0], LONG_TERM,
                Instant.parse("2025-01-01T00:00:00Z")).get("X-Amz-Date")).isEqualTo("20250101T000000Z");
        assertThat(signer.sign("POST", "h", "/", Map.of(), new byte[0], LONG_TERM,
                Instant.parse("2025-01-01T00:00:00Z")).get("Authorization"))
                .contains("Credential=AKIDEXAMPLE/20250101/us-east-1/dynamodb/aws4_request,");
    }

    @Test
    void a_different_body_gives_a_different_signature() {
        SigV4 signer = new SigV4("us-east-1", "dynamodb");
        Instant at = Instant.parse("2024-03-15T10:20:30Z");

        String one = signer.sign("POST", "h", "/", Map.of(), utf8("{\"a\":1}"), LONG_TERM, at).get("Authorization");
        String two = signer.sign("POST", "h", "/", Map.of(), utf8("{\"a\":2}"), LONG_TERM, at).get("Authorization");

        assertThat(one).isNotEqualTo(two);
    }

    // --- (b) the AWS Signature Version 4 test suite (region us-east-1, service "service", 2015-08-30T12:36:00Z)

    private static final Instant SUITE_AT = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SUITE_HOST = "example.amazonaws.com";
    private static final String SUITE_CREDENTIAL =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
    private static final String SUITE_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsK"
            + "WHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKs"
            + "burEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBA"
            + "z+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    static Stream<Arguments> suite() {
        Map<String, String> trim = new LinkedHashMap<>();
        trim.put("My-Header1", " value1");
        trim.put("My-Header2", " \"a   b   c\"");
        return Stream.of(
                Arguments.of("get-vanilla", "GET", Map.of(), "", LONG_TERM,
                        "SignedHeaders=host;x-amz-date, "
                                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                Arguments.of("post-vanilla", "POST", Map.of(), "", LONG_TERM,
                        "SignedHeaders=host;x-amz-date, "
                                + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
                Arguments.of("post-header-value-case", "POST", Map.of("My-Header1", "VALUE1"), "", LONG_TERM,
                        "SignedHeaders=host;my-header1;x-amz-date, "
                                + "Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
                Arguments.of("get-header-value-trim", "GET", trim, "", LONG_TERM,
                        "SignedHeaders=host;my-header1;my-header2;x-amz-date, "
                                + "Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
                Arguments.of("post-x-www-form-urlencoded", "POST",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"), "Param1=value1", LONG_TERM,
                        "SignedHeaders=content-type;host;x-amz-date, "
                                + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
                Arguments.of("post-sts-header-before", "POST", Map.of(), "",
                        new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                Optional.of(SUITE_TOKEN)),
                        "SignedHeaders=host;x-amz-date;x-amz-security-token, "
                                + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void reproduces_the_aws_signature_v4_test_suite(String name, String method, Map<String, String> headers,
                                                    String body, AwsCredentials credentials, String expected) {
        Map<String, String> signed = new SigV4("us-east-1", "service").sign(method, SUITE_HOST, "/", headers,
                utf8(body), credentials, SUITE_AT);

        assertThat(signed.get("Authorization")).isEqualTo(SUITE_CREDENTIAL + expected);
        assertThat(signed.get("X-Amz-Date")).isEqualTo("20150830T123600Z");
    }

    // --- (c) the signing-key cache

    @Test
    void the_cached_signing_key_follows_a_change_of_secret_within_the_day() {
        SigV4 signer = new SigV4("eu-west-1", "dynamodb");
        AwsCredentials first = new AwsCredentials("ASIAFIRST", "first-secret-0000000000000000000000000000",
                Optional.of("token-1"));
        AwsCredentials second = new AwsCredentials("ASIASECOND", "second-secret-111111111111111111111111111",
                Optional.of("token-2"));
        AwsCredentials sameKeyIdNewSecret = new AwsCredentials("ASIAFIRST", "rotated-secret-22222222222222222222222222",
                Optional.of("token-1"));
        Instant morning = Instant.parse("2024-03-15T08:00:00Z");
        Instant evening = Instant.parse("2024-03-15T20:00:00Z");
        byte[] body = utf8("{\"TableName\":\"orders\"}");
        Map<String, String> headers = withContentSha(dynamoHeaders("GetItem"), body);

        for (var step : List.of(Map.entry(first, morning), Map.entry(second, morning), Map.entry(first, evening),
                Map.entry(sameKeyIdNewSecret, evening), Map.entry(first, evening), Map.entry(second, evening))) {
            Case request = new Case("cache", "eu-west-1", "dynamodb", "dynamodb.eu-west-1.amazonaws.com", 443, headers,
                    body, step.getKey(), step.getValue());
            String ours = signer.sign("POST", request.hostHeader(), "/", headers, body, step.getKey(), step.getValue())
                    .get("Authorization");
            assertThat(ours).as(step.getKey().accessKeyId() + " at " + step.getValue())
                    .isEqualTo(header(sdkSign(request), "Authorization"));
        }
    }

    @Test
    void the_cached_signing_key_follows_the_day() {
        SigV4 signer = new SigV4("us-east-1", "states");
        byte[] body = utf8("{}");
        Map<String, String> headers = withContentSha(Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "AWSStepFunctions.StartExecution"), body);
        for (Instant at : List.of(Instant.parse("2024-12-31T23:59:59Z"), Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2024-12-31T23:59:58Z"), Instant.parse("2025-01-02T00:00:01Z"))) {
            Case request = new Case("day", "us-east-1", "states", "states.us-east-1.amazonaws.com", 443, headers, body,
                    TEMPORARY, at);
            String ours = signer.sign("POST", request.hostHeader(), "/", headers, body, TEMPORARY, at)
                    .get("Authorization");
            assertThat(ours)
                    .as(at.toString())
                    .isEqualTo(header(sdkSign(request), "Authorization"));
        }
    }

    @Test
    void one_signer_shared_by_threads_with_different_secrets_always_signs_correctly() throws Exception {
        SigV4 signer = new SigV4("eu-west-1", "dynamodb");
        List<AwsCredentials> credentials = List.of(LONG_TERM, TEMPORARY,
                AwsCredentials.of("AKIATHIRD", "third-secret-333333333333333333333333333333"));
        List<Instant> days = List.of(Instant.parse("2024-03-15T10:00:00Z"), Instant.parse("2024-03-16T10:00:00Z"));
        byte[] body = utf8("{\"TableName\":\"orders\"}");
        Map<String, String> headers = withContentSha(dynamoHeaders("GetItem"), body);
        Map<String, String> expected = new LinkedHashMap<>();
        for (AwsCredentials c : credentials) {
            for (Instant day : days) {
                expected.put(c.accessKeyId() + day, header(sdkSign(new Case("t", "eu-west-1", "dynamodb",
                        "dynamodb.eu-west-1.amazonaws.com", 443, headers, body, c, day)), "Authorization"));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        AwsCredentials c = credentials.get((i + offset) % credentials.size());
                        Instant day = days.get((i / 3 + offset) % days.size());
                        String signed = signer.sign("POST", "dynamodb.eu-west-1.amazonaws.com", "/", headers, body, c,
                                day).get("Authorization");
                        assertThat(signed).isEqualTo(expected.get(c.accessKeyId() + day));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- the SDK oracles

    private static Map<String, String> sign(Case request) {
        return new SigV4(request.region(), request.service()).sign("POST", request.hostHeader(), "/",
                request.headers(), request.body(), request.credentials(), request.at());
    }

    @SuppressWarnings("deprecation")
    private static SdkHttpFullRequest legacySdkSign(Case request) {
        SdkHttpFullRequest.Builder http = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(request.port() == 443 ? "https" : "http")
                .host(request.host())
                .port(request.port())
                .encodedPath("/")
                .contentStreamProvider(ContentStreamProvider.fromByteArray(request.body()));
        request.headers().forEach(http::putHeader);
        software.amazon.awssdk.auth.credentials.AwsCredentials credentials = request.credentials().sessionToken()
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(
                        request.credentials().accessKeyId(), request.credentials().secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(request.credentials().accessKeyId(),
                        request.credentials().secretAccessKey()));
        return Aws4Signer.create().sign(http.build(), Aws4SignerParams.builder()
                .awsCredentials(credentials)
                .signingName(request.service())
                .signingRegion(Region.of(request.region()))
                .signingClockOverride(Clock.fixed(request.at(), ZoneOffset.UTC))
                .build());
    }

    private static SdkHttpRequest sdkSign(Case request) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(request.port() == 443 ? "https" : "http")
                .host(request.host())
                .port(request.port())
                .encodedPath("/");
        request.headers().forEach(http::putHeader);
        AwsCredentialsIdentity identity = request.credentials().sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(
                        request.credentials().accessKeyId(), request.credentials().secretAccessKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(request.credentials().accessKeyId(),
                        request.credentials().secretAccessKey()));
        SignRequest<AwsCredentialsIdentity> signRequest = SignRequest.builder(identity)
                .request(http.build())
                .payload(ContentStreamProvider.fromByteArray(request.body()))
                .putProperty(AwsV4HttpSigner.REGION_NAME, request.region())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, request.service())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(request.at(), ZoneOffset.UTC))
                .build();
        SignedRequest signed = SDK.sign(signRequest);
        return signed.request();
    }

    private static String header(SdkHttpRequest request, String name) {
        return request.firstMatchingHeader(name).orElseThrow(() -> new AssertionError("the SDK sent no " + name));
    }

    private static String signedHeaders(String authorization) {
        int start = authorization.indexOf("SignedHeaders=") + "SignedHeaders=".length();
        return authorization.substring(start, authorization.indexOf(',', start));
    }

    /** {@code headers} plus the x-amz-content-sha256 the SDK's AwsV4HttpSigner always signs (see above). */
    private static Map<String, String> withContentSha(Map<String, String> headers, byte[] body) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put("X-Amz-Content-Sha256", SigV4.hex(SigV4.sha256(body)));
        return more;
    }

    private static Map<String, String> dynamoHeaders(String operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", "DynamoDB_20120810." + operation);
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
