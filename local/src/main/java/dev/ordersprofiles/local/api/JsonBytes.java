package dev.ordersprofiles.local.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON writer into a byte array, for the gateway's own documents (the proxy event, the access log line):
 * compact output, byte for byte what Jackson's {@code ObjectMapper} writes for the same tree (strings escaped as
 * Jackson's default UTF-8 generator does: {@code \"}, {@code \\}, the short escapes of control characters, other
 * control characters and every surrogate as {@code \}{@code uXXXX}, the rest as UTF-8), without building the
 * tree or going through a generator's state checks. Field names are usually given pre-encoded ({@link #name}).
 *
 * <p>Not thread-safe; {@link #local()} gives each thread its own, reused from one request to the next.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 = as is, -1 = backslash-u escape, else the letter after the backslash. */
    private static final byte[] ESCAPES = new byte[128];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final int KEEP_MAX = 64 * 1024;
    private static final ThreadLocal<JsonBytes> LOCAL = ThreadLocal.withInitial(JsonBytes::new);

    static {
        Arrays.fill(ESCAPES, 0, 32, (byte) -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private byte[] bytes = new byte[4096];
    private char[] chars = new char[256];
    private int length;
    /** Whether the next value or field needs a comma before it. */
    private boolean comma;

    /** This thread's writer, emptied. */
    static JsonBytes local() {
        JsonBytes json = LOCAL.get();
        if (json.bytes.length > KEEP_MAX) {
            json.bytes = new byte[4096];
        }
        json.length = 0;
        json.comma = false;
        return json;
    }

    /** A field name as {@link #name(byte[])} takes it: {@code "text":}, encoded once. */
    static byte[] fieldName(String text) {
        JsonBytes json = new JsonBytes();
        json.string(text);
        json.raw((byte) ':');
        return json.toByteArray();
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    String asString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Appends text as it is (no JSON meaning). */
    JsonBytes rawText(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonBytes startObject() {
        separate();
        raw((byte) '{');
        comma = false;
        return this;
    }

    JsonBytes endObject() {
        raw((byte) '}');
        comma = true;
        return this;
    }

    JsonBytes startArray() {
        separate();
        raw((byte) '[');
        comma = false;
        return this;
    }

    JsonBytes endArray() {
        raw((byte) ']');
        comma = true;
        return this;
    }

    /** A field name made by {@link #fieldName(String)}. */
    JsonBytes name(byte[] encoded) {
        separate();
        raw(encoded, 0, encoded.length);
        comma = false;
        return this;
    }

    JsonBytes name(String name) {
        separate();
        string(name);
        raw((byte) ':');
        comma = false;
        return this;
    }

    /** A string value, or null. */
    JsonBytes value(String text) {
        separate();
        if (text == null) {
            raw(NULL, 0, NULL.length);
        } else {
            string(text);
        }
        comma = true;
        return this;
    }

    JsonBytes nullValue() {
        separate();
        raw(NULL, 0, NULL.length);
        comma = true;
        return this;
    }

    JsonBytes value(long number) {
        separate();
        rawText(Long.toString(number));
        comma = true;
        return this;
    }

    JsonBytes value(boolean flag) {
        separate();
        byte[] text = flag ? TRUE : FALSE;
        raw(text, 0, text.length);
        comma = true;
        return this;
    }

    /** Where the next byte goes: with {@link #copyValue}, a value written once can be repeated by copying it. */
    int mark() {
        return length;
    }

    /** Repeats the value written between two marks as the next value. */
    JsonBytes copyValue(int from, int to) {
        separate();
        raw(bytes, from, to - from);
        comma = true;
        return this;
    }

    private void separate() {
        if (comma) {
            raw((byte) ',');
        }
    }

    private void string(String text) {
        int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] in = chars;
        text.getChars(0, n, in, 0);
        ensure(n + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        int i = 0;
        // The common case: ASCII that needs no escape, one byte per character.
        while (i < n) {
            char c = in[i];
            if (c >= 128 || ESCAPES[c] != 0) {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        length = at;
        if (i < n) {
            escaped(in, i, n);
        }
        raw((byte) '"');
    }

    private void escaped(char[] in, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = in[i];
            ensure(6);
            if (c < 128) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    bytes[length++] = (byte) c;
                } else if (escape > 0) {
                    bytes[length++] = '\\';
                    bytes[length++] = escape;
                } else {
                    unicodeEscape(c);
                }
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                bytes[length++] = (byte) (0xe0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void unicodeEscape(char c) {
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        bytes[length++] = HEX[(c >> 12) & 0xf];
        bytes[length++] = HEX[(c >> 8) & 0xf];
        bytes[length++] = HEX[(c >> 4) & 0xf];
        bytes[length++] = HEX[c & 0xf];
    }

    private void raw(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void raw(byte[] source, int from, int count) {
        ensure(count);
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
