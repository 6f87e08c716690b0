package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Objects;

public record ListMyOrdersQuery(UserId requester, PageRequest page) {
    public ListMyOrdersQuery {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(page, "page");
    }
}
