package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiled JSONata field, shared by concurrent evaluations: each sees its own input, variables and functions. */
class JsonataTemplateConcurrencyTest {

    @Test
    void concurrent_evaluations_of_one_compiled_template_do_not_see_each_other() throws Exception {
        JsonataTemplate template = JsonataTemplate.compile(Harness.json(
                "{\"n\":\"{% $states.input.n * $factor %}\",\"id\":\"{% $uuid() %}\"}"), "test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        ObjectNode states = Json.object();
                        states.putObject("input").put("n", i);
                        String id = thread + "-" + i;
                        var out = template.evaluate(new JsonataTemplate.Bindings(states,
                                Map.of("factor", Json.NODES.numberNode(thread + 1)), () -> id), "test");
                        if (out.get("n").asLong() != (long) i * (thread + 1) || !out.get("id").asText().equals(id)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
