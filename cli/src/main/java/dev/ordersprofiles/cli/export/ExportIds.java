package dev.ordersprofiles.cli.export;

import java.security.SecureRandom;

/** Names shaped like DynamoDB's: export ids {@code 01234567890123-a1b2c3d4}, data files of 26 base32 characters. */
final class ExportIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ExportIds() {
    }

    /** The export time in milliseconds, 14 digits, then 8 random hex digits: sorts by time, as AWS's do. */
    static String exportId(long epochMillis) {
        return String.format("%014d-%08x", epochMillis, RANDOM.nextInt());
    }

    static String dataFileName() {
        StringBuilder name = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            name.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return name.append(".json.gz").toString();
    }
}
