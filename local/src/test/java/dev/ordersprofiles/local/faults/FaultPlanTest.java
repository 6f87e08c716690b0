package dev.ordersprofiles.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void api_and_function_specs_build_one_plan_and_a_later_spec_replaces_an_earlier_one() {
        FaultPlan plan = FaultPlan.of(List.of("dynamodb:error=0.1", "dynamodb:throttle=0.05", "dynamodb:down=30s",
                "states:error=0.2", "function:charge-payment:error=0.1", "function:charge-payment:timeout=0.05",
                "dynamodb:error=0.25"));

        assertThat(plan.api("dynamodb")).isEqualTo(new FaultPlan.ApiFaults(0.25, 0.05, Duration.ofSeconds(30)));
        assertThat(plan.api("states")).isEqualTo(new FaultPlan.ApiFaults(0.2, 0, Duration.ZERO));
        assertThat(plan.function("charge-payment")).contains(new FaultPlan.FunctionFaults(0.1, 0.05));
        assertThat(plan.function("validate-order")).isEmpty();
        assertThat(plan.isNone()).isFalse();
    }

    @Test
    void zero_shares_and_a_zero_outage_are_no_faults() {
        assertThat(FaultPlan.NONE.isNone()).isTrue();
        assertThat(FaultPlan.of(List.of("dynamodb:error=0.3", "dynamodb:error=0", "dynamodb:down=2m",
                "dynamodb:down=0s", "function:f:timeout=0")).isNone()).isTrue();
        assertThat(FaultPlan.of(List.of("states:down=1h")).api("states").down()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void specs_that_are_not_understood_are_refused_with_one_line_saying_what_is_accepted() {
        assertThatThrownBy(() -> FaultPlan.NONE.with("s3:error=0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not understood").hasMessageContaining("dynamodb:error=0.1");
        assertThatThrownBy(() -> FaultPlan.NONE.with("dynamodb:error=1.5"))
                .hasMessageContaining("a number from 0 to 1, not 1.5");
        assertThatThrownBy(() -> FaultPlan.NONE.with("dynamodb:error=NaN")).hasMessageContaining("not NaN");
        assertThatThrownBy(() -> FaultPlan.NONE.with("dynamodb:down=30")).hasMessageContaining("s, m or h");
        assertThatThrownBy(() -> FaultPlan.NONE.with("function:f:throttle=0.1")).hasMessageContaining("not understood");
        assertThatThrownBy(() -> FaultPlan.NONE.with("function::error=0.1")).hasMessageContaining("not understood");
        assertThatThrownBy(() -> FaultPlan.of(List.of("dynamodb:error=0.7", "dynamodb:throttle=0.5")))
                .hasMessageContaining("more than 1");
        assertThatThrownBy(() -> FaultPlan.of(List.of("function:f:error=0.7", "function:f:timeout=0.5")))
                .hasMessageContaining("more than 1");
    }
}
