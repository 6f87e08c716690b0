package dev.ordersprofiles.adapters.aws.client;

import java.security.SecureRandom;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The random source of the retry pauses' full jitter. Not {@code ThreadLocalRandom}: its seeds come from a static
 * seeder initialised once per JVM, so every process restored from one snapshot (Lambda SnapStart) would draw the
 * same pauses and retry in step. {@link #reseed} (after a restore) seeds a new source from {@link SecureRandom}
 * (the OS's entropy, different in every clone).
 */
final class Jitter {
    private static volatile RandomGenerator current;

    private Jitter() {
    }

    static RandomGenerator current() {
        RandomGenerator random = current;
        if (random == null) {
            random = new Random(); // thread-safe; seeded from the time on first use (only when a retry happens)
            current = random;
        }
        return random;
    }

    static void reseed() {
        current = new Random(new SecureRandom().nextLong());
    }
}
