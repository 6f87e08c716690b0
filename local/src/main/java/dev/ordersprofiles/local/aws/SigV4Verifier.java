package dev.ordersprofiles.local.aws;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) as AWS does, for the stack's
 * {@link LocalCredentials}: the canonical request (method, the path URI-encoded once more, the query parameters
 * decoded, re-encoded and sorted, the signed headers with trimmed values, the payload hash from
 * {@code X-Amz-Content-SHA256}, {@code UNSIGNED-PAYLOAD} included, or of the body), the credential scope (any
 * region, any service, the request's date), and a request time within 15 minutes of the clock. A failure is
 * answered as the API's protocol answers it: see {@link AwsProtocol}.
 */
public final class SigV4Verifier {
    /** How far a request's time may be from the clock, either way. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the"
            + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
            + " documentation for details.";

    private final LocalCredentials credentials;
    private final Clock clock;

    public SigV4Verifier(LocalCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Empty when the request is signed with the local credentials; else the answer to send instead. */
    public Optional<HttpResponse> verify(HttpRequest request, AwsProtocol protocol) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().startsWith(ALGORITHM + " ")) {
            if (header.isEmpty() && request.rawQuery() != null && request.rawQuery().contains("X-Amz-Signature=")) {
                return fail(protocol, "IncompleteSignatureException",
                        "Presigned URLs are not supported by the local stack; sign with the Authorization header.");
            }
            return fail(protocol, "MissingAuthenticationTokenException", protocol.missingTokenMessage());
        }
        Map<String, String> parts = authorizationParts(header.get().substring(ALGORITHM.length() + 1));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return fail(protocol, "IncompleteSignatureException", "Authorization header requires 'Credential',"
                    + " 'Signature' and 'SignedHeaders' parameters.");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            return fail(protocol, "IncompleteSignatureException", "Credential should be scoped to a valid region,"
                    + " a service and 'aws4_request'. Credential=" + printable(credential));
        }
        if (!scope[0].equals(credentials.accessKeyId())) {
            return fail(protocol, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        Optional<String> amzDate = request.header("X-Amz-Date");
        Instant time;
        try {
            time = amzDate.isPresent() ? Instant.from(AMZ_DATE.parse(amzDate.get()))
                    : ZonedDateTime.parse(request.header("Date").orElseThrow(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException | java.util.NoSuchElementException e) {
            return fail(protocol, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        String requestTime = AMZ_DATE.format(time);
        if (!scope[1].equals(requestTime.substring(0, 8))) {
            return fail(protocol, "InvalidSignatureException", "Credential should be scoped to a valid date: "
                    + printable(scope[1]) + " is not the request's date " + requestTime.substring(0, 8) + ".");
        }
        Instant now = clock.instant();
        if (time.isBefore(now.minus(MAX_SKEW))) {
            return fail(protocol, "InvalidSignatureException", "Signature expired: " + requestTime
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 15 min.)");
        }
        if (time.isAfter(now.plus(MAX_SKEW))) {
            return fail(protocol, "InvalidSignatureException", "Signature not yet current: " + requestTime
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
        List<String> names = List.of(signedHeaders.split(";", -1));
        if (!names.contains("host")) {
            return fail(protocol, "InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS"
                    + " Authorization.");
        }
        String payloadHash = request.header("X-Amz-Content-SHA256").orElse(null);
        String bodyHash = hex(sha256(request.body()));
        if (payloadHash == null) {
            payloadHash = bodyHash;
        } else if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !payloadHash.equals(bodyHash)) {
            return fail(protocol, "InvalidSignatureException",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        String canonicalRequest = request.method() + "\n" + canonicalUri(request.path()) + "\n"
                + canonicalQuery(request.rawQuery()) + "\n" + canonicalHeaders(request, names) + "\n"
                + signedHeaders + "\n" + payloadHash;
        String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + requestTime + "\n" + credentialScope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, "aws4_request");
        byte[] expected = hmac(key, stringToSign);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return fail(protocol, "InvalidSignatureException", SIGNATURE_MISMATCH);
        }
        return Optional.empty();
    }

    private static Optional<HttpResponse> fail(AwsProtocol protocol, String type, String message) {
        return Optional.of(protocol.error(type, message));
    }

    private static Map<String, String> authorizationParts(String rest) {
        Map<String, String> parts = new java.util.HashMap<>();
        for (String part : rest.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return parts;
    }

    /** The path as sent (already URI-encoded once), with dot segments removed, URI-encoded once more. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        String[] split = rawPath.split("/", -1);
        for (int i = 1; i < split.length; i++) {
            String segment = split[i];
            if (segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(encode(segment));
        }
        return "/" + String.join("/", segments);
    }

    /** The parameters decoded, re-encoded the AWS way and sorted by name, then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static String canonicalHeaders(HttpRequest request, List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    for (String v : h.getValue()) {
                        values.add(v.trim().replaceAll(" +", " "));
                    }
                }
            }
            out.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding as AWS does it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding only ({@code +} stays a plus, as AWS reads a query); a broken escape stays as it is. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String printable(String value) {
        String v = value.replaceAll("[^\\x20-\\x7e]", "?");
        return v.length() > 200 ? v.substring(0, 200) + "..." : v;
    }
}
