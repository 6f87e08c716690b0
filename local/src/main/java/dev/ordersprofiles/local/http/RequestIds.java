package dev.ordersprofiles.local.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids shaped like AWS's (version-4 UUIDs), from a thread-local generator: they need to be unique, not
 * unguessable, and {@link UUID#randomUUID()}'s shared SecureRandom becomes a point of contention under load.
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(high, low).toString();
    }
}
