package dev.ordersprofiles.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.domain.order.Sku;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {
    @Test
    void stock_config_sets_counts_and_leaves_other_skus_unlimited() {
        SimulatedInventory inventory = SimulatedInventory.fromConfig(" A-1=100, B-2=0 ");

        assertThat(inventory.available(Sku.of("A-1"))).isEqualTo(100);
        assertThat(inventory.available(Sku.of("B-2"))).isZero();
        assertThat(inventory.available(Sku.of("C-3"))).isEqualTo(Integer.MAX_VALUE);
        assertThat(inventory.available(Sku.of("SOLDOUT-3"))).isZero();
        assertThat(inventory.carries(Sku.of("DISCONTINUED-3"))).isFalse();
        assertThat(SimulatedInventory.fromConfig(null).available(Sku.of("A-1"))).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A-1", "A-1=-1", "A-1=x", "bad sku=1", "=3"})
    void a_bad_stock_entry_is_named(String config) {
        assertThatThrownBy(() -> SimulatedInventory.fromConfig(config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIM_STOCK");
    }

    @Test
    void the_decline_limit_defaults_and_is_validated() {
        assertThat(SimulatedPayments.fromConfig("")).isNotNull();
        assertThatThrownBy(() -> SimulatedPayments.fromConfig("lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIM_DECLINE_ABOVE");
    }
}
