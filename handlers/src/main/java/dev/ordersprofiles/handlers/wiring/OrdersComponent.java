package dev.ordersprofiles.handlers.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.application.order.ConfirmOrder;
import dev.ordersprofiles.application.order.GetOrder;
import dev.ordersprofiles.application.order.ListMyOrders;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttention;
import dev.ordersprofiles.application.order.ReconcileOrders;
import dev.ordersprofiles.application.order.PlaceOrder;
import dev.ordersprofiles.application.order.RefundPayment;
import dev.ordersprofiles.application.order.ReleaseInventory;
import dev.ordersprofiles.application.order.ReserveInventory;
import dev.ordersprofiles.application.order.ValidateOrder;
import dev.ordersprofiles.application.profile.GetProfile;
import dev.ordersprofiles.application.profile.UpsertProfile;
import dev.ordersprofiles.application.profile.WelcomeNewProfile;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * Every use case, wired at compile time. One component serves every function in the jar: Dagger builds only what
 * the provision method a handler calls needs, once ({@code @Singleton}).
 */
@Singleton
@Component(modules = {UseCaseModule.class, PortsModule.class})
public interface OrdersComponent {
    /** The configuration the component was built with (the API handlers read their CORS origin from it). */
    HandlerConfig config();

    /** The AWS adapters when the configuration chooses them (SnapStart's afterRestore refreshes them). */
    Optional<AwsAdapters> awsAdapters();

    PlaceOrder placeOrder();

    GetOrder getOrder();

    ListMyOrders listMyOrders();

    UpsertProfile upsertProfile();

    GetProfile getProfile();

    ValidateOrder validateOrder();

    ReserveInventory reserveInventory();

    ChargePayment chargePayment();

    ConfirmOrder confirmOrder();

    ReleaseInventory releaseInventory();

    RefundPayment refundPayment();

    MarkOrderFailed markOrderFailed();

    MarkOrderNeedsAttention markOrderNeedsAttention();

    ReconcileOrders reconcileOrders();

    WelcomeNewProfile welcomeNewProfile();

    @Component.Factory
    interface Factory {
        OrdersComponent create(@BindsInstance HandlerConfig config, @BindsInstance Clock clock);
    }
}
