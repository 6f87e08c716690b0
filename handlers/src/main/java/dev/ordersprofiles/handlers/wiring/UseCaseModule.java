package dev.ordersprofiles.handlers.wiring;

import dagger.Module;
import dagger.Provides;
import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.application.order.ChargePaymentService;
import dev.ordersprofiles.application.order.ConfirmOrder;
import dev.ordersprofiles.application.order.ConfirmOrderService;
import dev.ordersprofiles.application.order.GetOrder;
import dev.ordersprofiles.application.order.GetOrderService;
import dev.ordersprofiles.application.order.ListMyOrders;
import dev.ordersprofiles.application.order.ListMyOrdersService;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.MarkOrderFailedService;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttention;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttentionService;
import dev.ordersprofiles.application.order.OrderPolicy;
import dev.ordersprofiles.application.order.PlaceOrder;
import dev.ordersprofiles.application.order.PlaceOrderService;
import dev.ordersprofiles.application.order.ReconcileOrders;
import dev.ordersprofiles.application.order.ReconcileOrdersService;
import dev.ordersprofiles.application.order.RefundPayment;
import dev.ordersprofiles.application.order.RefundPaymentService;
import dev.ordersprofiles.application.order.ReleaseInventory;
import dev.ordersprofiles.application.order.ReleaseInventoryService;
import dev.ordersprofiles.application.order.ReserveInventory;
import dev.ordersprofiles.application.order.ReserveInventoryService;
import dev.ordersprofiles.application.order.ValidateOrder;
import dev.ordersprofiles.application.order.ValidateOrderService;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.Ids;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.application.profile.GetProfile;
import dev.ordersprofiles.application.profile.GetProfileService;
import dev.ordersprofiles.application.profile.UpsertProfile;
import dev.ordersprofiles.application.profile.UpsertProfileService;
import dev.ordersprofiles.application.profile.WelcomeNewProfile;
import dev.ordersprofiles.application.profile.WelcomeNewProfileService;
import dev.ordersprofiles.handlers.common.EmfEventLog;
import java.time.Clock;
import javax.inject.Singleton;

/** The use cases, built with plain constructors (the application module knows nothing of Dagger). */
@Module
final class UseCaseModule {
    private UseCaseModule() {
    }

    @Provides
    @Singleton
    static OrderPolicy orderPolicy(HandlerConfig config) {
        return new OrderPolicy(config.pendingOrderTimeout(), OrderPolicy.DEFAULT.idempotencyWindow(),
                config.orderStuckAfter());
    }

    @Provides
    @Singleton
    static EventLog eventLog(HandlerConfig config, Clock clock) {
        return new EmfEventLog(config.metricsNamespace(), clock);
    }

    @Provides
    @Singleton
    static PlaceOrder placeOrder(OrderRepository orders, IdempotencyStore idempotency, OrderWorkflow workflow,
                                 Ids ids, Clock clock, EventLog events, OrderPolicy policy,
                                 ReconcileOrders reconciler) {
        return new PlaceOrderService(orders, idempotency, workflow, ids, clock, events, policy, reconciler);
    }

    @Provides
    @Singleton
    static GetOrder getOrder(OrderRepository orders) {
        return new GetOrderService(orders);
    }

    @Provides
    @Singleton
    static ListMyOrders listMyOrders(OrderRepository orders) {
        return new ListMyOrdersService(orders);
    }

    @Provides
    @Singleton
    static UpsertProfile upsertProfile(ProfileRepository profiles, Clock clock, EventLog events) {
        return new UpsertProfileService(profiles, clock, events);
    }

    @Provides
    @Singleton
    static GetProfile getProfile(ProfileRepository profiles) {
        return new GetProfileService(profiles);
    }

    @Provides
    @Singleton
    static ValidateOrder validateOrder(OrderRepository orders, Inventory inventory, Clock clock) {
        return new ValidateOrderService(orders, inventory, clock);
    }

    @Provides
    @Singleton
    static ReserveInventory reserveInventory(OrderRepository orders, Inventory inventory, Clock clock) {
        return new ReserveInventoryService(orders, inventory, clock);
    }

    @Provides
    @Singleton
    static ChargePayment chargePayment(OrderRepository orders, Payments payments, Clock clock) {
        return new ChargePaymentService(orders, payments, clock);
    }

    @Provides
    @Singleton
    static ConfirmOrder confirmOrder(OrderRepository orders, Clock clock, EventLog events) {
        return new ConfirmOrderService(orders, clock, events);
    }

    @Provides
    @Singleton
    static ReleaseInventory releaseInventory(OrderRepository orders, Inventory inventory, Clock clock) {
        return new ReleaseInventoryService(orders, inventory, clock);
    }

    @Provides
    @Singleton
    static RefundPayment refundPayment(OrderRepository orders, Payments payments, Clock clock) {
        return new RefundPaymentService(orders, payments, clock);
    }

    @Provides
    @Singleton
    static MarkOrderFailed markOrderFailed(OrderRepository orders, Clock clock, EventLog events) {
        return new MarkOrderFailedService(orders, clock, events);
    }

    @Provides
    @Singleton
    static MarkOrderNeedsAttention markOrderNeedsAttention(OrderRepository orders, Clock clock, EventLog events) {
        return new MarkOrderNeedsAttentionService(orders, clock, events);
    }

    @Provides
    @Singleton
    static ReconcileOrders reconcileOrders(OrderRepository orders, RefundPayment refund, ReleaseInventory release,
                                           MarkOrderFailed markFailed, MarkOrderNeedsAttention markNeedsAttention,
                                           Clock clock, EventLog events, OrderPolicy policy) {
        return new ReconcileOrdersService(orders, refund, release, markFailed, markNeedsAttention, clock, events,
                policy);
    }

    @Provides
    @Singleton
    static WelcomeNewProfile welcomeNewProfile() {
        return new WelcomeNewProfileService();
    }
}
