package dev.ordersprofiles.domain.shared;

/**
 * Shape checks for identifiers and codes, written out character by character. The value types validate on every
 * request; a {@code java.util.regex} match there was the largest single item of a warm-up invocation's profile
 * (docs/performance.md) and loads the regex engine on every cold start. {@code ShapesTest} holds each check to the
 * regular expression it replaces.
 */
public final class Shapes {
    private Shapes() {
    }

    /** {@code [A-Za-z0-9_-]{1,maxLength}}. */
    public static boolean isWord(String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}: as {@code UUID.toString()} writes one. */
    public static boolean isLowercaseUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [\x21-\x7E]{1,maxLength}}: visible ASCII, no spaces. */
    public static boolean isVisibleAscii(String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [^@\s]{1,64}@[^@\s]{1,255}}, where {@code \s} is {@code java.util.regex}'s: space, tab, LF, VT, FF and
     * CR (other Unicode spaces are allowed).
     */
    public static boolean isRoughEmail(String value) {
        if (value == null) {
            return false;
        }
        int at = value.indexOf('@');
        int domain = value.length() - at - 1;
        if (at < 1 || at > 64 || domain < 1 || domain > 255) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == '@' && i != at) {
                return false;
            }
        }
        return true;
    }
}
