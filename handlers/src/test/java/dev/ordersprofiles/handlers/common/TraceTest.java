package dev.ordersprofiles.handlers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTest {
    private static final String HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void the_lambda_trace_header_is_read_in_any_order_and_junk_is_no_trace() {
        Trace trace = Trace.parse("Sampled=1;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793").orElseThrow();
        assertThat(trace.traceId()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(trace.parentId()).contains("53995c3f42cd8ad8");
        assertThat(trace.sampled()).isTrue();
        assertThat(Trace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0").orElseThrow().sampled()).isFalse();
        assertThat(Trace.parse(null)).isEmpty();
        assertThat(Trace.parse("Root=not-a-trace")).isEmpty();
        assertThat(Trace.parse("garbage")).isEmpty();
    }

    @Test
    void the_daemon_address_as_lambda_writes_it() {
        assertThat(Trace.udpAddress("169.254.79.129:2000")).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(2000));
        assertThat(Trace.udpAddress("tcp:127.0.0.1:2001 udp:127.0.0.1:2002"))
                .hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(2002));
        assertThat(Trace.udpAddress("nonsense")).isEmpty();
    }

    @Test
    void a_sampled_trace_sends_one_annotated_subsegment_under_the_function_segment() throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.setSoTimeout(5_000);
            Trace trace = Trace.parse(HEADER).orElseThrow();

            boolean sent = trace.send("127.0.0.1:" + daemon.getLocalPort(), "charge-payment", 1.5, 2.25, false,
                    Map.of("orderId", "o-1", "requestId", "r-1", "not valid!", "x"));

            assertThat(sent).isTrue();
            DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
            daemon.receive(packet);
            String[] lines = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).split("\n");
            assertThat(lines[0]).isEqualTo("{\"format\":\"json\",\"version\":1}");
            @SuppressWarnings("unchecked")
            Map<String, Object> doc;
            try (var parser = PlainJson.FACTORY.createParser(lines[1])) {
                parser.nextToken();
                doc = (Map<String, Object>) PlainJson.read(parser);
            }
            assertThat(doc).containsEntry("type", "subsegment").containsEntry("name", "charge-payment")
                    .containsEntry("trace_id", "1-5759e988-bd862e3fe1be46a994272793")
                    .containsEntry("parent_id", "53995c3f42cd8ad8").containsEntry("start_time", 1.5)
                    .containsEntry("end_time", 2.25).doesNotContainKey("fault");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) doc.get("annotations");
            assertThat(annotations).containsOnlyKeys("orderId", "requestId");
            assertThat(String.valueOf(doc.get("id"))).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void the_log_line_carries_the_trace_id_the_runtime_set_for_the_invocation() {
        String before = System.getProperty(Trace.TRACE_PROPERTY);
        System.setProperty(Trace.TRACE_PROPERTY, HEADER);
        try (dev.ordersprofiles.handlers.support.CapturedStdout out = new dev.ordersprofiles.handlers.support.CapturedStdout()) {
            new Invocation("charge-payment", null, false).put("orderId", "o-1").close();
            assertThat(out.jsonLines()).singleElement().satisfies(line ->
                    assertThat(line.path("traceId").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793"));
        } finally {
            if (before == null) {
                System.clearProperty(Trace.TRACE_PROPERTY);
            } else {
                System.setProperty(Trace.TRACE_PROPERTY, before);
            }
        }
    }

    @Test
    void nothing_is_sent_unsampled_or_without_a_daemon() {
        Trace unsampled = Trace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0")
                .orElseThrow();
        assertThat(unsampled.send("127.0.0.1:2000", "f", 1, 2, false, Map.of())).isFalse();
        assertThat(Trace.parse(HEADER).orElseThrow().send(null, "f", 1, 2, false, Map.of())).isFalse();
    }
}
