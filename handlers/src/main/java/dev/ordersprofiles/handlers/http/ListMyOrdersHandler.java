package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.application.order.ListMyOrders;
import dev.ordersprofiles.application.order.ListMyOrdersQuery;
import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GET /orders: the caller's orders, newest first, {@code limit} (1..100, default 20) at a time; {@code cursor}
 * continues after the last page's {@code nextCursor}. A cursor is opaque and good only for the caller who got it.
 */
public final class ListMyOrdersHandler extends ApiHandler {
    static final int DEFAULT_LIMIT = 20;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");
    private static final int MAX_CURSOR_LENGTH = 512;

    private final Cors cors;
    private final Invocations invocations = new Invocations("orders-list");
    private final ListMyOrders listMyOrders;

    public ListMyOrdersHandler() {
        this(Components.fromEnvironment());
    }

    public ListMyOrdersHandler(OrdersComponent component) {
        this.cors = Cors.of(component.config());
        this.listMyOrders = component.listMyOrders();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(cors, invocations, event, context, request -> {
            UserId requester = Identity.of(request).userId();
            Fields fields = new Fields();
            Integer limit = limit(fields, request.queryParameter(fields, "limit"));
            Optional<String> cursor = cursor(fields, request.queryParameter(fields, "cursor"));
            fields.check();
            Page<Order> page;
            try {
                page = listMyOrders.list(new ListMyOrdersQuery(requester, new PageRequest(limit, cursor)));
            } catch (InvalidPageToken e) {
                throw RequestRejected.badRequest("The cursor is not one this API handed out to you.",
                        List.of(new FieldError("cursor", "is not valid")));
            }
            return HttpJson.json(200, ListMyOrdersResponse.from(page));
        });
    }

    private static Integer limit(Fields fields, Optional<String> raw) {
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String value = raw.get();
        if (!DIGITS.matcher(value).matches() || Integer.parseInt(value) < 1
                || Integer.parseInt(value) > PageRequest.MAX_LIMIT) {
            fields.add("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
            return null;
        }
        return Integer.parseInt(value);
    }

    private static Optional<String> cursor(Fields fields, Optional<String> raw) {
        if (raw.isPresent() && (raw.get().isEmpty() || raw.get().length() > MAX_CURSOR_LENGTH)) {
            fields.add("cursor", "must be the nextCursor of a previous page");
            return Optional.empty();
        }
        return raw;
    }
}
