package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.aws.testing.DynamoDbCalls;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.adapters.aws.testing.Figures;
import dev.ordersprofiles.application.order.ChargePaymentService;
import dev.ordersprofiles.application.order.ConfirmOrderService;
import dev.ordersprofiles.application.order.GetOrderQuery;
import dev.ordersprofiles.application.order.GetOrderService;
import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.MarkOrderFailedService;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttentionService;
import dev.ordersprofiles.application.order.OrderPolicy;
import dev.ordersprofiles.application.order.ReconcileOrdersService;
import dev.ordersprofiles.application.order.RefundPaymentService;
import dev.ordersprofiles.application.order.ReleaseInventoryService;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.application.order.PlaceOrderService;
import dev.ordersprofiles.application.order.ReserveInventoryService;
import dev.ordersprofiles.application.order.ValidateOrderService;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: DynamoDB calls per confirmed order on the happy path, counted on the wire while the real use cases run
 * against the DynamoDB adapters: place, validate, reserve, charge, confirm, then the owner's GET.
 */
class ConfirmedOrderCostIT {
    private final DynamoDbCalls calls = new DynamoDbCalls();
    private final List<OrderId> started = new ArrayList<>();
    private PlaceOrderService place;
    private ValidateOrderService validate;
    private ReserveInventoryService reserve;
    private ChargePaymentService charge;
    private ConfirmOrderService confirm;
    private GetOrderService get;

    @BeforeEach
    void wire() {
        Dynalite dynalite = Dynalite.shared();
        TableNames tables = dynalite.freshTables();
        DynamoDb client = dynalite.dynamoDb(calls);
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        DynamoDbOrderRepository orders = new DynamoDbOrderRepository(client, tables.orders());
        DynamoDbIdempotencyStore idempotency = new DynamoDbIdempotencyStore(client, tables.idempotency(), clock);
        Inventory inventory = new Inventory() {
            public boolean carries(Sku sku) {
                return true;
            }

            public void reserve(OrderId orderId, List<LineItem> items) {
            }

            public void release(OrderId orderId) {
            }
        };
        Payments payments = new Payments() {
            public void charge(OrderId orderId, Money amount) {
            }

            public void refund(OrderId orderId) {
            }
        };
        ReconcileOrdersService reconciler = new ReconcileOrdersService(orders,
                new RefundPaymentService(orders, payments, clock), new ReleaseInventoryService(orders, inventory, clock),
                new MarkOrderFailedService(orders, clock, event -> { }),
                new MarkOrderNeedsAttentionService(orders, clock, event -> { }), clock, event -> { },
                OrderPolicy.DEFAULT);
        place = new PlaceOrderService(orders, idempotency, started::add, () -> OrderId.of(UUID.randomUUID()), clock,
                event -> { }, OrderPolicy.DEFAULT, reconciler);
        validate = new ValidateOrderService(orders, inventory, clock);
        reserve = new ReserveInventoryService(orders, inventory, clock);
        charge = new ChargePaymentService(orders, payments, clock);
        confirm = new ConfirmOrderService(orders, clock, event -> { });
        get = new GetOrderService(orders);
    }

    @Test
    void a_confirmed_order_costs_five_reads_and_five_writes_plus_one_write_for_an_idempotency_key() {
        UserId user = OrderFixtures.newUser();
        Map<String, Map<String, Long>> withoutKey = run(user, Optional.empty());
        Map<String, Map<String, Long>> withKey = run(user, Optional.of(IdempotencyKey.of("k-" + UUID.randomUUID())));

        assertThat(total(withoutKey, "GetItem")).isEqualTo(5);
        assertThat(total(withoutKey, "PutItem")).isEqualTo(5);
        assertThat(total(withKey, "GetItem")).isEqualTo(5);
        assertThat(total(withKey, "PutItem")).isEqualTo(6);
        assertThat(started).hasSize(2);

        Figures.record("confirmed-order calls without Idempotency-Key: " + withoutKey);
        Figures.record("confirmed-order calls with Idempotency-Key: " + withKey);
    }

    @Test
    void a_replayed_request_costs_one_failed_claim_and_two_reads() {
        UserId user = OrderFixtures.newUser();
        PlaceOrderCommand command = new PlaceOrderCommand(user, Money.of("42.50"), List.of(LineItem.of("A-1", 2)),
                Optional.of(IdempotencyKey.of("replay-1")));
        Order first = place.place(command);
        calls.reset();

        Order again = place.place(command);

        assertThat(again).isEqualTo(first);
        assertThat(calls.callsByOperation()).isEqualTo(Map.of("PutItem", 1L, "GetItem", 2L));
        assertThat(calls.consistentGets()).isEqualTo(2);
        Figures.record("replayed place (same key, same body): " + calls.callsByOperation()
                + " (dynalite ignores ReturnValuesOnConditionCheckFailure, so one GetItem fetches the holder;"
                + " on AWS the failed PutItem returns it and the replay costs PutItem=1, GetItem=1)");
    }

    private Map<String, Map<String, Long>> run(UserId user, Optional<IdempotencyKey> key) {
        Map<String, Map<String, Long>> perStep = new LinkedHashMap<>();
        PlaceOrderCommand command = new PlaceOrderCommand(user, Money.of("42.50"), List.of(LineItem.of("A-1", 2)), key);
        OrderId id = step(perStep, "place", () -> place.place(command)).id();
        step(perStep, "validate", () -> validate.validate(id));
        step(perStep, "reserve", () -> reserve.reserve(id));
        step(perStep, "charge", () -> charge.charge(id));
        Order confirmed = step(perStep, "confirm", () -> confirm.confirm(id));
        step(perStep, "get", () -> get.get(new GetOrderQuery(user, id)));
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        return perStep;
    }

    private <T> T step(Map<String, Map<String, Long>> perStep, String name, Supplier<T> action) {
        calls.reset();
        T result = action.get();
        perStep.put(name, calls.callsByOperation());
        assertThat(calls.consistentGets()).as("%s: every GetItem is strongly consistent", name)
                .isEqualTo(calls.calls("GetItem"));
        return result;
    }

    private static long total(Map<String, Map<String, Long>> perStep, String operation) {
        return perStep.values().stream().mapToLong(step -> step.getOrDefault(operation, 0L)).sum();
    }
}
