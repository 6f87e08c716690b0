package dev.ordersprofiles.handlers.workflow;

import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.handlers.common.TlsPriming;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import dev.ordersprofiles.handlers.wiring.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks for charge-payment, the one function of sam/template.yaml with SnapStart (on its
 * published versions). Lambda runs {@link #beforeCheckpoint} once after the init phase, before it snapshots the
 * JVM, and {@link #afterRestore} in every execution environment restored from that snapshot, before its first
 * invocation. Registered by the handler's no-arg constructor (the org.crac context holds resources weakly, so the
 * handler keeps this one); on a JVM without CRaC the registration is a no-op and neither hook ever runs.
 *
 * <p>Priming (what a first invocation would otherwise load after the restore): the handler's stream entry point,
 * the event and answer JSON, the use case, the DynamoDB item mapper, SigV4 and our AWS client, on a synthetic event
 * over {@link SnapStartPriming#primingComponent} (a closed loopback endpoint; the expected
 * {@link DependencyUnavailable} is swallowed), and the classes of a TLS handshake ({@link TlsPriming}). Nothing
 * real is called, no order is written, and the invocation's log line goes nowhere. The restore hook refreshes
 * what must not survive a snapshot ({@link SnapStartPriming#afterRestore}).
 */
public final class ChargePaymentSnapStart implements Resource {
    /** A valid order id that no order has: the priming invocation never finds, and never writes, an order. */
    static final String SYNTHETIC_EVENT = "{\"orderId\":\"00000000-0000-4000-8000-000000000000\"}";

    private final OrdersComponent component;
    private volatile Outcome primed;

    /** What the last priming did (tests and the checkpoint's own record). */
    public record Outcome(String tlsProtocol, String invocationFailure) {
    }

    public ChargePaymentSnapStart(OrdersComponent component) {
        this.component = component;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primed = prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        SnapStartPriming.afterRestore(component);
    }

    /** The last priming's outcome; null before any. */
    public Outcome primed() {
        return primed;
    }

    Outcome prime() {
        String failure = null;
        PrintStream out = System.out;
        // The synthetic invocation's log line is no invocation of the function: it goes nowhere. Nothing else runs
        // in the process during Lambda's checkpoint.
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            ChargePaymentHandler handler = new ChargePaymentHandler(
                    SnapStartPriming.primingComponent(component.config()));
            handler.handleRequest(new ByteArrayInputStream(SYNTHETIC_EVENT.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), null);
        } catch (DependencyUnavailable expected) {
            failure = expected.getClass().getSimpleName();
        } catch (Exception other) {
            failure = other.getClass().getSimpleName();
        } finally {
            System.setOut(out);
        }
        return new Outcome(TlsPriming.prime(), failure);
    }
}
