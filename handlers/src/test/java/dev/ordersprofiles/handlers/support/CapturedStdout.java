package dev.ordersprofiles.handlers.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Captures System.out while open; lines() are what the handlers wrote. */
public final class CapturedStdout implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public CapturedStdout() {
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    public String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    public List<String> lines() {
        return Arrays.stream(text().split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    /** Lines that are JSON objects. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("{")) {
                try {
                    json.add(Json.MAPPER.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return json;
    }

    /** The invocation log lines (JSON lines that are not EMF metrics). */
    public List<JsonNode> invocationLines() {
        return jsonLines().stream().filter(n -> !n.has("_aws")).toList();
    }

    /** The EMF metric lines. */
    public List<JsonNode> metricLines() {
        return jsonLines().stream().filter(n -> n.has("_aws")).toList();
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
