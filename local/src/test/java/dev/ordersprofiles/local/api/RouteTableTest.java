package dev.ordersprofiles.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.template.ApiRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable routes = new RouteTable(List.of(
            new ApiRoute("GET", "/orders/{id}", "orders-get", true),
            new ApiRoute("GET", "/orders/latest", "orders-latest", true),
            new ApiRoute("POST", "/orders", "orders-create", true),
            new ApiRoute("ANY", "/files/{path+}", "files", false)));

    @Test
    void literal_segments_win_over_parameters() {
        assertThat(routes.match("GET", "/orders/latest")).hasValueSatisfying(m ->
                assertThat(m.route().functionName()).isEqualTo("orders-latest"));
        assertThat(routes.match("GET", "/orders/abc")).hasValueSatisfying(m -> {
            assertThat(m.route().functionName()).isEqualTo("orders-get");
            assertThat(m.pathParameters()).isEqualTo(Map.of("id", "abc"));
        });
    }

    @Test
    void path_parameters_are_decoded_and_greedy_ones_take_the_rest() {
        assertThat(routes.match("GET", "/orders/a%20b").orElseThrow().pathParameters()).containsEntry("id", "a b");
        assertThat(routes.match("DELETE", "/files/x/y/z.txt").orElseThrow().pathParameters())
                .containsEntry("path", "x/y/z.txt");
    }

    @Test
    void a_wrong_method_or_path_matches_nothing() {
        assertThat(routes.match("DELETE", "/orders/abc")).isEmpty();
        assertThat(routes.match("GET", "/orders")).isEmpty();
        assertThat(routes.match("GET", "/orders/a/b")).isEmpty();
        assertThat(routes.match("GET", "/orders/")).isEmpty();
    }
}
