package dev.ordersprofiles.local.auth.hostedui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds wrong-password attempts per username, known or not (so a lockout says nothing about whether the account
 * exists): after {@link #FREE_FAILURES} failures in a row the name is locked for {@link #FIRST_LOCK}, and each
 * further failure locks it twice as long as the last, up to {@link #LONGEST_LOCK}, as Cognito's lockout grows.
 * A success clears the name. At most {@link #MAX_NAMES} names are remembered (the oldest go first).
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    private static final int MAX_NAMES = 10_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, State> states = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_NAMES;
        }
    };

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** True while {@code name} may not try again. */
    synchronized boolean locked(String name) {
        State state = states.get(name);
        return state != null && clock.instant().isBefore(state.lockedUntil());
    }

    synchronized void failed(String name) {
        State before = states.getOrDefault(name, new State(0, Instant.EPOCH));
        int failures = before.failures() + 1;
        Instant until = Instant.EPOCH;
        if (failures >= FREE_FAILURES) {
            int doublings = Math.min(failures - FREE_FAILURES, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            until = clock.instant().plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
        }
        states.put(name, new State(failures, until));
    }

    synchronized void succeeded(String name) {
        states.remove(name);
    }
}
