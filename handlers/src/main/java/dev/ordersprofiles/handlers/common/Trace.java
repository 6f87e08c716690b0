package dev.ordersprofiles.handlers.common;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The invocation's X-Ray trace, without the X-Ray SDK (cold start: docs/performance.md). Lambda hands each invocation
 * its trace header ({@code Root=1-...;Parent=...;Sampled=1}) in the system property
 * {@code com.amazonaws.xray.traceHeader} (the Java runtime sets it per invocation), else {@code _X_AMZN_TRACE_ID}.
 * The log line carries the trace id; when the trace is sampled and the X-Ray daemon's address is known
 * ({@code AWS_XRAY_DAEMON_ADDRESS}, which Lambda sets when tracing is active), {@link #send} sends one subsegment
 * under the function's segment with the invocation's annotations (request id, order id), as the SDK would, over the
 * daemon's UDP protocol. Sending never fails the invocation.
 */
public record Trace(String traceId, Optional<String> parentId, boolean sampled) {
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_VARIABLE = "_X_AMZN_TRACE_ID";
    static final String DAEMON_VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";
    // Compiled once: the trace header is read at every invocation.
    private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final Pattern SEGMENT_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern ANNOTATION_KEY = Pattern.compile("[A-Za-z0-9_]{1,500}");

    /** The current invocation's trace, if Lambda gave one. */
    static Optional<Trace> current() {
        String header = System.getProperty(TRACE_PROPERTY);
        if (header == null || header.isBlank()) {
            header = System.getenv(TRACE_VARIABLE);
        }
        return parse(header);
    }

    /** {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}, fields in any order. */
    static Optional<Trace> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1");
                default -> { }
            }
        }
        if (root == null || !ROOT.matcher(root).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Trace(root, Optional.ofNullable(parent).filter(p -> SEGMENT_ID.matcher(p).matches()),
                sampled));
    }

    /**
     * Sends the subsegment of this invocation to the daemon at {@code daemonAddress} ({@code host:port}, or
     * {@code tcp:...  udp:host:port} as Lambda writes it), if the trace is sampled and has a parent.
     *
     * @return whether a document was sent
     */
    boolean send(String daemonAddress, String name, double startSeconds, double endSeconds, boolean fault,
                 Map<String, String> annotations) {
        if (!sampled || parentId.isEmpty() || daemonAddress == null || daemonAddress.isBlank()) {
            return false;
        }
        Optional<InetSocketAddress> daemon = udpAddress(daemonAddress);
        if (daemon.isEmpty()) {
            return false;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "subsegment");
        document.put("name", name);
        document.put("id", String.format("%016x", ThreadLocalRandom.current().nextLong()));
        document.put("trace_id", traceId);
        document.put("parent_id", parentId.get());
        document.put("start_time", startSeconds);
        document.put("end_time", endSeconds);
        if (fault) {
            document.put("fault", true);
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        annotations.forEach((key, value) -> {
            if (ANNOTATION_KEY.matcher(key).matches() && value != null) {
                valid.put(key, value);
            }
        });
        document.put("annotations", valid);
        byte[] packet = ("{\"format\":\"json\",\"version\":1}\n" + PlainJson.toJson(document))
                .getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(packet, packet.length, daemon.get()));
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // tracing is best effort; the invocation's answer does not depend on it
        }
    }

    /** {@code 169.254.79.129:2000} or {@code tcp:127.0.0.1:2000 udp:127.0.0.1:2000}: the UDP one. */
    static Optional<InetSocketAddress> udpAddress(String value) {
        String chosen = null;
        for (String part : value.trim().split("\\s+")) {
            if (part.startsWith("udp:")) {
                chosen = part.substring(4);
            } else if (!part.startsWith("tcp:") && chosen == null) {
                chosen = part;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        int colon = chosen.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(chosen.substring(0, colon),
                    Integer.parseInt(chosen.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
