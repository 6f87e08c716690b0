package dev.ordersprofiles.adapters.aws.client;

import java.time.Instant;
import java.util.Optional;

/**
 * What the invocation a call is made for says about it, asked at the start of every call: when the invocation must
 * be done (the Lambda Context's remaining time, less a margin to answer), and the X-Ray trace header to pass on.
 * The wiring implements it from the handler's current invocation; adapters never read the environment themselves.
 */
public interface CallContext {
    /** No invocation known: the client's default call timeout applies and no trace header is sent. */
    CallContext NONE = new CallContext() {
        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public Optional<String> traceHeader() {
            return Optional.empty();
        }
    };

    /** The instant by which a call must have ended, retries included; empty for the client's default. */
    Optional<Instant> deadline();

    /** The value of the {@code X-Amzn-Trace-Id} header to send, e.g. {@code Root=1-…;Parent=…;Sampled=1}. */
    Optional<String> traceHeader();
}
