package dev.ordersprofiles.adapters.aws.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 for requests with an empty query string and a body held in memory (every AWS JSON
 * protocol call). It signs every header it is given plus {@code host}, {@code x-amz-date} and, for temporary
 * credentials, {@code x-amz-security-token}, and answers the headers to send. The derived signing key is kept for
 * the day, region and service it was made for. Thread-safe.
 *
 * <p>HMAC-SHA256 is computed over {@link MessageDigest} (RFC 2104) rather than with {@code javax.crypto.Mac}: the
 * first {@code Mac.getInstance} loads and verifies the JCE provider, a cost on every cold start that buys nothing
 * here. The date is formatted by hand for the same reason ({@code DateTimeFormatter} pattern compilation).
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html">Create a
 *      signed AWS API request</a>
 */
public final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final int HMAC_BLOCK = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String region;
    private final String service;
    private volatile SigningKey key;

    public SigV4(String region, String service) {
        this.region = region;
        this.service = service;
    }

    /**
     * @param host    the Host header as the HTTP client will send it (host, plus ":port" when not the default)
     * @param path    the request path, already URI-encoded ("/" for the JSON protocols)
     * @param headers the headers to sign besides host and x-amz-date (names in any case)
     * @return every header to send: {@code headers}, X-Amz-Date, X-Amz-Security-Token when there is one, and
     *         Authorization
     */
    public Map<String, String> sign(String method, String host, String path, Map<String, String> headers,
                                    byte[] body, AwsCredentials credentials, Instant now) {
        String amzDate = amzDate(now);
        String day = amzDate.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), canonicalValue(value)));
        signed.put("host", host);
        signed.put("x-amz-date", amzDate);
        credentials.sessionToken().ifPresent(token -> signed.put("x-amz-security-token", token));

        StringBuilder canonical = new StringBuilder(512)
                .append(method).append('\n')
                .append(path.isEmpty() ? "/" : path).append('\n')
                .append('\n');
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(body)));

        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        String signature = hex(hmac(signingKey(credentials.secretAccessKey(), day),
                stringToSign.getBytes(StandardCharsets.UTF_8)));

        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        out.put("X-Amz-Date", amzDate);
        credentials.sessionToken().ifPresent(token -> out.put("X-Amz-Security-Token", token));
        out.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return out;
    }

    private byte[] signingKey(String secret, String day) {
        SigningKey cached = key;
        if (cached != null && cached.day().equals(day) && cached.secret().equals(secret)) {
            return cached.key();
        }
        byte[] derived = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), bytes(day));
        derived = hmac(derived, bytes(region));
        derived = hmac(derived, bytes(service));
        derived = hmac(derived, bytes("aws4_request"));
        key = new SigningKey(secret, day, derived);
        return derived;
    }

    /**
     * SigV4's "trimall": space, tab, CR, LF, VT and FF dropped at both ends, every inner run of them turned into
     * one space (other Unicode spaces are kept, as the AWS SDKs keep them).
     */
    static String canonicalValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r') {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    static String amzDate(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(16);
        pad(out, t.getYear(), 4);
        pad(out, t.getMonthValue(), 2);
        pad(out, t.getDayOfMonth(), 2);
        out.append('T');
        pad(out, t.getHour(), 2);
        pad(out, t.getMinute(), 2);
        pad(out, t.getSecond(), 2);
        return out.append('Z').toString();
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** HMAC-SHA256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || data)), K padded to the 64-byte block. */
    static byte[] hmac(byte[] key, byte[] data) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] block = Arrays.copyOf(key.length > HMAC_BLOCK ? sha256.digest(key) : key, HMAC_BLOCK);
            byte[] pad = new byte[HMAC_BLOCK];
            for (int i = 0; i < HMAC_BLOCK; i++) {
                pad[i] = (byte) (block[i] ^ 0x36);
            }
            sha256.update(pad);
            byte[] inner = sha256.digest(data);
            for (int i = 0; i < HMAC_BLOCK; i++) {
                pad[i] = (byte) (block[i] ^ 0x5c);
            }
            sha256.update(pad);
            return sha256.digest(inner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private record SigningKey(String secret, String day, byte[] key) {
    }
}
