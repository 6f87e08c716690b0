package dev.ordersprofiles.usecases;

import dev.ordersprofiles.adapters.inmemory.InMemoryIdempotencyStore;
import dev.ordersprofiles.adapters.inmemory.InMemoryOrderRepository;
import dev.ordersprofiles.adapters.inmemory.InMemoryProfileRepository;
import dev.ordersprofiles.adapters.inmemory.InProcessOrderWorkflow;
import dev.ordersprofiles.adapters.inmemory.RecordingEventLog;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.application.order.ChargePaymentService;
import dev.ordersprofiles.application.order.ConfirmOrderService;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttentionService;
import dev.ordersprofiles.application.order.ReconcileOrdersService;
import dev.ordersprofiles.application.order.GetOrderService;
import dev.ordersprofiles.application.order.MarkOrderFailedService;
import dev.ordersprofiles.application.order.OrderPolicy;
import dev.ordersprofiles.application.order.PlaceOrderService;
import dev.ordersprofiles.application.order.RefundPaymentService;
import dev.ordersprofiles.application.order.ReleaseInventoryService;
import dev.ordersprofiles.application.order.ReserveInventoryService;
import dev.ordersprofiles.application.order.ValidateOrderService;
import dev.ordersprofiles.application.profile.GetProfileService;
import dev.ordersprofiles.application.profile.UpsertProfileService;
import dev.ordersprofiles.application.testing.MutableClock;
import dev.ordersprofiles.application.testing.OrderFixtures;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** The use cases wired on the in-memory adapters, the way the handlers wire them, with a hand-moved clock. */
final class App {
    static final java.time.Duration STUCK_AFTER = java.time.Duration.ofMinutes(30);
    final MutableClock clock = new MutableClock(OrderFixtures.T0);
    final InMemoryOrderRepository orders = new InMemoryOrderRepository(STUCK_AFTER);
    final InMemoryProfileRepository profiles = new InMemoryProfileRepository();
    final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(clock);
    final RecordingEventLog events = new RecordingEventLog();
    final SimulatedInventory inventory;
    final SimulatedPayments payments = SimulatedPayments.fromConfig("5000.00");
    final Queue<Runnable> pendingRuns = new ArrayDeque<>();

    final ValidateOrderService validate;
    final ReserveInventoryService reserve;
    final ChargePaymentService charge;
    final ConfirmOrderService confirm;
    final ReleaseInventoryService release;
    final RefundPaymentService refund;
    final MarkOrderFailedService markFailed;
    final PlaceOrderService placeOrder;
    final GetOrderService getOrder;
    final MarkOrderNeedsAttentionService markNeedsAttention;
    final ReconcileOrdersService reconciler;
    final UpsertProfileService upsertProfile;
    final GetProfileService getProfile;

    /** Workflows run synchronously inside {@code place}. */
    App() {
        this("", Runnable::run);
    }

    /** {@code deferWorkflows}: runs wait in {@link #pendingRuns} until the test runs them. */
    App(String stock, boolean deferWorkflows) {
        this(stock, deferWorkflows ? null : Runnable::run);
    }

    private App(String stock, Executor executor) {
        inventory = SimulatedInventory.fromConfig(stock);
        validate = new ValidateOrderService(orders, inventory, clock);
        reserve = new ReserveInventoryService(orders, inventory, clock);
        charge = new ChargePaymentService(orders, payments, clock);
        confirm = new ConfirmOrderService(orders, clock, events);
        release = new ReleaseInventoryService(orders, inventory, clock);
        refund = new RefundPaymentService(orders, payments, clock);
        markFailed = new MarkOrderFailedService(orders, clock, events);
        markNeedsAttention = new MarkOrderNeedsAttentionService(orders, clock, events);
        OrderPolicy policy = new OrderPolicy(OrderFixtures.PENDING_FOR, java.time.Duration.ofHours(24), STUCK_AFTER);
        reconciler = new ReconcileOrdersService(orders, refund, release, markFailed, markNeedsAttention, clock, events,
                policy);
        InProcessOrderWorkflow workflow = new InProcessOrderWorkflow(new InProcessOrderWorkflow.Steps(
                validate, reserve, charge, confirm, release, refund, markFailed, markNeedsAttention),
                executor == null ? pendingRuns::add : executor);
        placeOrder = new PlaceOrderService(orders, idempotency, workflow, new UuidIds(), clock, events,
                policy, reconciler);
        getOrder = new GetOrderService(orders);
        upsertProfile = new UpsertProfileService(profiles, clock, events);
        getProfile = new GetProfileService(profiles);
    }

    void runPendingWorkflows() {
        for (Runnable run; (run = pendingRuns.poll()) != null; ) {
            run.run();
        }
    }
}
