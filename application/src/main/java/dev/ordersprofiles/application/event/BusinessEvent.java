package dev.ordersprofiles.application.event;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;

/**
 * Something that happened that operators count (CloudWatch metrics) or users are told about.
 * The metric name of each event is fixed: see {@link #metricName()}.
 */
public sealed interface BusinessEvent {
    String metricName();

    record OrderPlaced(OrderId orderId, UserId userId) implements BusinessEvent {
        public String metricName() {
            return "OrdersPlaced";
        }
    }

    record OrderConfirmed(OrderId orderId) implements BusinessEvent {
        public String metricName() {
            return "OrdersConfirmed";
        }
    }

    record OrderFailed(OrderId orderId, String reason) implements BusinessEvent {
        public String metricName() {
            return "OrdersFailed";
        }
    }

    /** An order ended FAILED with a reservation or charge that could not be undone; an alarm watches the metric. */
    record OrderNeedsAttention(OrderId orderId, String reason) implements BusinessEvent {
        public String metricName() {
            return "OrdersNeedingAttention";
        }
    }

    record OrderExpired(OrderId orderId) implements BusinessEvent {
        public String metricName() {
            return "OrdersExpired";
        }
    }

    record ProfileCreated(UserId userId) implements BusinessEvent {
        public String metricName() {
            return "ProfilesCreated";
        }
    }
}
