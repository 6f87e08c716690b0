package dev.ordersprofiles.adapters.aws.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;

/**
 * One AWS service over the AWS JSON protocol (what DynamoDB and Step Functions speak): a signed POST of a JSON
 * body to "/" with the operation in X-Amz-Target, over {@link HttpURLConnection} (JDK only, keep-alive, TLS set up
 * on the first HTTPS connection rather than at construction). Replaces the AWS SDK on the functions' call path:
 * the SDK's client construction and per-call pipeline were most of a cold start (docs/performance.md).
 *
 * <p>Throttling, 5xx, timeouts and connection failures are retried as {@link RetryPolicy} says (a response whose
 * X-Amz-Crc32 does not match its body counts as a connection failure); one that persists after the retries is a
 * {@link DependencyUnavailable}, the transient error the state machine retries on every step (docs/architecture.md
 * §6). Any other error answer (a failed condition, a validation error, access denied) is an
 * {@link AwsServiceException} at once, never retried.
 *
 * <p>Every call has a deadline, retries and pauses included: the invocation's ({@link CallContext#deadline}, from
 * the Lambda Context's remaining time) or else {@link #DEFAULT_CALL_TIMEOUT}; each attempt's socket timeouts are cut
 * to the time left, and a pause that would end past the deadline is not taken. The invocation's X-Ray trace header
 * goes out as {@code X-Amzn-Trace-Id} (unsigned, as the SDK sends it). When AWS refuses a request for its time
 * (RequestTimeTooSkewed, or a signature error with a Date header minutes away from ours), the client adopts the
 * offset of the service's clock and tries once more at once, and signs later calls with it too. Thread-safe.
 */
public final class AwsJsonClient {
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;
    /** A call's deadline when its invocation gives none: well under the functions' 20 s timeout. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Error codes that say the request's time is off. */
    static final Set<String> TIME_ERRORS = Set.of("RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture");
    /** Error codes that may mean the time is off; only when the Date header is this far from our clock. */
    static final Set<String> SIGNATURE_ERRORS = Set.of("InvalidSignatureException", "SignatureDoesNotMatch",
            "AuthFailure");
    static final Duration SKEW_THRESHOLD = Duration.ofMinutes(4);

    /** Pauses between attempts ({@link Thread#sleep} outside tests). */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD = Thread::sleep;

        void sleep(long millis) throws InterruptedException;
    }

    private final AwsService service;
    private final URL url;
    private final String host;
    private final CredentialsProvider credentials;
    private final RetryPolicy retry;
    private final Clock clock;
    private final SigV4 signer;
    private final CallListener listener;
    /** {@link Proxy#NO_PROXY}, or null to let the JDK's ProxySelector choose (see {@link #proxyConfigured}). */
    private final Proxy proxy;
    private final Tuning tuning;
    /** The service's clock minus ours, learnt from a clock-skew error; added to the signing time. */
    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);

    private record Tuning(int connectTimeoutMillis, int readTimeoutMillis, Duration callTimeout,
                          CallContext context, Sleeper sleeper, RandomGenerator random) {
        static final Tuning DEFAULT = new Tuning(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, DEFAULT_CALL_TIMEOUT,
                CallContext.NONE, Sleeper.THREAD, null);

        RandomGenerator jitter() {
            return random == null ? Jitter.current() : random;
        }
    }

    /** Observes every completed HTTP exchange, request and response (tests count calls and items read with it). */
    @FunctionalInterface
    public interface CallListener {
        CallListener NONE = (operation, requestBody, status, responseBody) -> { };

        void completed(String operation, byte[] requestBody, int status, byte[] responseBody);
    }

    public AwsJsonClient(AwsService service, String region, URI endpoint, CredentialsProvider credentials,
                         RetryPolicy retry, Clock clock, CallListener listener) {
        this.service = Objects.requireNonNull(service, "service");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.signer = new SigV4(region, service.signingName());
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(service.name() + " endpoint must be an http(s) URL: " + endpoint);
        }
        try {
            this.url = new URI(scheme, null, endpoint.getHost(), endpoint.getPort(), "/", null, null).toURL();
        } catch (Exception e) {
            throw new IllegalArgumentException(service.name() + " endpoint is not a URL: " + endpoint, e);
        }
        // The Host header exactly as HttpURLConnection sends it: the port only when it is not the default.
        int port = url.getPort();
        this.host = port != -1 && port != url.getDefaultPort() ? url.getHost() + ":" + port : url.getHost();
        this.proxy = proxyConfigured(System.getProperties()) ? null : Proxy.NO_PROXY;
        this.tuning = Tuning.DEFAULT;
    }

    private AwsJsonClient(AwsJsonClient base, Tuning tuning) {
        this.service = base.service;
        this.url = base.url;
        this.host = base.host;
        this.credentials = base.credentials;
        this.retry = base.retry;
        this.clock = base.clock;
        this.signer = base.signer;
        this.listener = base.listener;
        this.proxy = base.proxy;
        this.tuning = tuning;
    }

    /**
     * This client with other per-attempt timeouts (defaults: 2 s to connect, 10 s to read an answer); an attempt
     * that times out counts as a connection failure.
     */
    public AwsJsonClient withTimeouts(Duration connect, Duration read) {
        Tuning t = tuning;
        return new AwsJsonClient(this, new Tuning(millis(connect, "connect"), millis(read, "read"), t.callTimeout(),
                t.context(), t.sleeper(), t.random()));
    }

    /**
     * This client with the invocation's context (deadline, trace header) and the deadline of a call made outside
     * an invocation, or whose invocation gives none.
     */
    public AwsJsonClient withCallContext(CallContext context, Duration defaultCallTimeout) {
        Objects.requireNonNull(context, "context");
        millis(defaultCallTimeout, "call");
        Tuning t = tuning;
        return new AwsJsonClient(this, new Tuning(t.connectTimeoutMillis(), t.readTimeoutMillis(), defaultCallTimeout,
                context, t.sleeper(), t.random()));
    }

    /** This client pausing with {@code sleeper} and drawing its jitter from {@code random} (tests). */
    AwsJsonClient withPauses(Sleeper sleeper, RandomGenerator random) {
        Tuning t = tuning;
        return new AwsJsonClient(this, new Tuning(t.connectTimeoutMillis(), t.readTimeoutMillis(), t.callTimeout(),
                t.context(), Objects.requireNonNull(sleeper), Objects.requireNonNull(random)));
    }

    private static int millis(Duration timeout, String what) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " timeout must be positive, not " + timeout);
        }
        return (int) timeout.toMillis();
    }

    /**
     * Whether the JVM was told to use a proxy (the JDK's networking properties). Without one, connections are
     * opened with {@link Proxy#NO_PROXY}: the default ProxySelector otherwise parses the URL into a URI and
     * matches it against {@code http.nonProxyHosts} on every request, the largest part of
     * {@code HttpURLConnection}'s own work per call (docs/performance.md). Lambda sets none of these.
     */
    static boolean proxyConfigured(Properties properties) {
        for (String name : new String[] {"http.proxyHost", "https.proxyHost", "socksProxyHost"}) {
            String value = properties.getProperty(name);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return Boolean.parseBoolean(properties.getProperty("java.net.useSystemProxies"));
    }

    public AwsService service() {
        return service;
    }

    /**
     * Calls {@code operation} with {@code requestJson} and answers the response body (JSON).
     *
     * @throws AwsServiceException   the service's answer to a request it will not serve (a failed condition, a
     *                               validation error, access denied, …): not retried, not transient
     * @throws DependencyUnavailable throttling, a 5xx, a timeout or a connection failure that lasted through the
     *                               retries the policy allows or up to the call's deadline; its cause is the last
     *                               attempt's error (none when the deadline had passed before the first)
     */
    public byte[] call(String operation, byte[] requestJson) {
        CallContext context = tuning.context();
        Instant deadline = context.deadline().orElseGet(() -> clock.instant().plus(tuning.callTimeout()));
        String trace = traceHeader(context.traceHeader().orElse(null));
        boolean skewCorrected = false;
        Exception last = null;
        int attempts = 0;
        while (true) {
            long left = Duration.between(clock.instant(), deadline).toMillis();
            if (left <= 0) {
                throw unavailable(operation, attempts, "no time left before the call's deadline", last);
            }
            attempts++;
            try {
                return exchange(operation, requestJson, left, trace);
            } catch (AwsServiceException error) {
                if (!skewCorrected && adoptedServerClock(error)) {
                    skewCorrected = true;
                    attempts--; // the same attempt again, signed with the service's time
                    last = error;
                    continue;
                }
                if (!retry.retryable(error)) {
                    throw error;
                }
                last = error;
            } catch (IOException failed) {
                last = failed;
            }
            if (attempts >= retry.maxAttempts()) {
                throw unavailable(operation, attempts, "retries used up", last);
            }
            boolean throttled = last instanceof AwsServiceException e && RetryPolicy.throttling(e);
            long pause = retry.delayMillis(attempts, throttled, tuning.jitter());
            if (Duration.between(clock.instant(), deadline).toMillis() <= pause) {
                throw unavailable(operation, attempts, "the next attempt would end past the call's deadline", last);
            }
            pause(pause);
        }
    }

    private DependencyUnavailable unavailable(String operation, int attempts, String why, Exception last) {
        return new DependencyUnavailable(service.name() + " " + operation + " unavailable after " + attempts
                + " attempt(s), " + why + (last == null ? "" : ": " + last), last);
    }

    /**
     * Adopts the service's clock when {@code error} says our time is off: a time error with a Date header, or a
     * signature error whose Date header is {@link #SKEW_THRESHOLD} or more from our clock.
     */
    private boolean adoptedServerClock(AwsServiceException error) {
        boolean timeError = TIME_ERRORS.contains(error.errorCode());
        if (!timeError && !SIGNATURE_ERRORS.contains(error.errorCode()) || error.serverTime().isEmpty()) {
            return false;
        }
        Instant ours = clock.instant();
        Duration offset = Duration.between(ours, error.serverTime().get());
        Duration off = Duration.between(ours.plus(skew.get()), error.serverTime().get()).abs();
        if (timeError ? off.getSeconds() < 1 : off.compareTo(SKEW_THRESHOLD) < 0) {
            return false;
        }
        skew.set(offset);
        return true;
    }

    /**
     * What must not survive a snapshot (Lambda SnapStart): the credentials fetched so far, the clock offset learnt
     * from the service (the restored clone's clock is set anew) and the retry jitter's seed (every clone would
     * otherwise draw the same pauses). Connections: the JDK keeps idle keep-alive connections in its own cache,
     * which has no public API; a stale one fails on first use and is retried like any I/O failure.
     */
    public void afterRestore() {
        credentials.forgetCached();
        skew.set(Duration.ZERO);
        Jitter.reseed();
    }

    /** The offset from our clock to the service's that signing uses (zero until a clock-skew error). */
    Duration clockSkew() {
        return skew.get();
    }

    /** A trace header value as it may go on the wire: visible ASCII, at most 8 KB; anything else is dropped. */
    static String traceHeader(String value) {
        if (value == null || value.isBlank() || value.length() > 8192) {
            return null;
        }
        String trimmed = value.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        return trimmed;
    }

    /** The attempt's socket timeout: the configured one, or the time left when that is shorter (at least 1 ms). */
    static int attemptTimeout(int configuredMillis, long leftMillis) {
        return (int) Math.max(1, Math.min(configuredMillis, leftMillis));
    }

    private byte[] exchange(String operation, byte[] body, long leftMillis, String trace) throws IOException {
        AwsCredentials signing;
        try {
            signing = credentials.credentials();
        } catch (UncheckedIOException unreachable) {
            throw unreachable.getCause(); // the container credentials endpoint did not answer: as transient as AWS
        }
        Map<String, String> headers = signer.sign("POST", host, "/",
                Map.of("Content-Type", service.contentType(), "X-Amz-Target", service.targetPrefix() + "." + operation),
                body, signing, clock.instant().plus(skew.get()));
        HttpURLConnection connection =
                (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
        connection.setConnectTimeout(attemptTimeout(tuning.connectTimeoutMillis(), leftMillis));
        connection.setReadTimeout(attemptTimeout(tuning.readTimeoutMillis(), leftMillis));
        connection.setUseCaches(false);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        // No setFixedLengthStreamingMode: streaming writes the headers and the body as two TCP segments, and Nagle's
        // algorithm then holds the body until the server acknowledges the headers, about 1.2 ms per call on
        // loopback (docs/performance.md, "Warm path"). Buffered, the small body goes out with the headers in one
        // write. Buffered, the JDK also sends a POST a second time by itself when reading the first answer fails
        // (sun.net.http.retryPost, e.g. a kept-alive connection the server had closed); RetryPolicy retries such
        // I/O failures anyway, and every call we make is safe to repeat (conditional writes, named executions).
        headers.forEach(connection::setRequestProperty);
        connection.setRequestProperty("Accept", "application/json");
        if (trace != null) {
            connection.setRequestProperty("X-Amzn-Trace-Id", trace); // not signed: X-Ray may rewrite it on the way
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        byte[] response = HttpTransport.readAll(status < 400 ? connection.getInputStream() : connection.getErrorStream());
        listener.completed(operation, body, status, response);
        checkCrc32(connection.getHeaderField("X-Amz-Crc32"), response);
        if (status / 100 == 2) {
            return response;
        }
        throw error(operation, status, connection.getHeaderField("X-Amzn-ErrorType"),
                connection.getHeaderField("X-Amzn-RequestId"), response, serverTime(connection.getHeaderField("Date")));
    }

    private static void checkCrc32(String expected, byte[] body) throws IOException {
        if (expected == null) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        if (!Long.toString(crc.getValue()).equals(expected.strip())) {
            throw new IOException("response CRC32 mismatch (expected " + expected + ", got " + crc.getValue() + ")");
        }
    }

    /** An RFC 1123 Date header (what AWS sends), or null when absent or unreadable. */
    static Instant serverTime(String dateHeader) {
        if (dateHeader == null || dateHeader.isBlank()) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(dateHeader.strip(), Instant::from);
        } catch (DateTimeException unreadable) {
            return null;
        }
    }

    private AwsServiceException error(String operation, int status, String typeHeader, String requestId, byte[] body,
                                      Instant serverTime) {
        String type = null;
        String message = null;
        try (JsonParser parser = Wire.JSON.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING && name.equals("__type")) {
                        type = parser.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equalsIgnoreCase("message")) {
                        message = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException notJson) {
            // an error body that is not JSON (a proxy's HTML page): the status and the header must do
        }
        if (type == null) {
            type = typeHeader;
        }
        return new AwsServiceException(service.name(), operation, shortCode(type, status), message, status,
                requestId, body, serverTime);
    }

    /**
     * {@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException} → ConditionalCheckFailedException;
     * {@code ExecutionAlreadyExists:http://internal.amazon.com/…} → ExecutionAlreadyExists.
     */
    static String shortCode(String type, int status) {
        if (type == null || type.isBlank()) {
            return "HTTP" + status;
        }
        String code = type.strip();
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        int hash = code.lastIndexOf('#');
        return hash >= 0 ? code.substring(hash + 1) : code;
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            tuning.sleeper().sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
