package dev.ordersprofiles.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A CloudFront Function (cloudfront-js-2.0) from the template's own {@code FunctionCode}, run by node
 * (local/src/main/resources/edge/cloudfront-runner.js) with the viewer-request event CloudFront hands it. One node
 * process, started on first use, restarted if it dies, stopped by {@link #close()}.
 */
public final class CloudFrontFunction implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String code;
    private Process node;
    private BufferedReader answers;
    private OutputStream requests;

    /** What the function did with a request: pass it on (maybe rewritten) or answer it itself. */
    public sealed interface Outcome {
        record Pass(String uri) implements Outcome {
        }

        record Respond(int status, Map<String, String> headers) implements Outcome {
        }
    }

    public CloudFrontFunction(String code) {
        this.code = code;
    }

    /**
     * Runs {@code handler(event)} for a viewer request.
     *
     * @param query parameters in order, each with all its values, as CloudFront hands them to the function
     * @throws IllegalStateException when node cannot run the function or the function fails
     */
    public synchronized Outcome viewerRequest(String method, String uri, Map<String, List<String>> query,
                                              Map<String, String> headers) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1.0");
        ObjectNode context = event.putObject("context");
        context.put("distributionDomainName", "localhost");
        context.put("distributionId", "LOCAL");
        context.put("eventType", "viewer-request");
        context.put("requestId", UUID.randomUUID().toString());
        event.putObject("viewer").put("ip", "127.0.0.1");
        ObjectNode request = event.putObject("request");
        request.put("method", method);
        request.put("uri", uri);
        ObjectNode querystring = request.putObject("querystring");
        query.forEach((name, values) -> {
            ObjectNode entry = querystring.putObject(name);
            entry.put("value", values.get(0));
            if (values.size() > 1) {
                values.forEach(v -> entry.withArray("multiValue").addObject().put("value", v));
            }
        });
        ObjectNode headerNode = request.putObject("headers");
        headers.forEach((name, value) -> headerNode.putObject(name.toLowerCase(java.util.Locale.ROOT))
                .put("value", value));
        request.putObject("cookies");
        JsonNode result = call(JSON.createObjectNode().set("event", event)).path("result");
        if (result.has("statusCode")) {
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            result.path("headers").fields().forEachRemaining(h ->
                    answerHeaders.put(h.getKey(), h.getValue().path("value").asText()));
            return new Outcome.Respond(result.path("statusCode").asInt(), answerHeaders);
        }
        if (!result.path("uri").isTextual()) {
            throw new IllegalStateException("the CloudFront function returned neither a request nor a response: "
                    + result);
        }
        return new Outcome.Pass(result.path("uri").asText());
    }

    private JsonNode call(JsonNode message) {
        for (int attempt = 0; ; attempt++) {
            try {
                ensureRunning();
                requests.write((message.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                requests.flush();
                String line = answers.readLine();
                if (line == null) {
                    throw new IOException("node exited");
                }
                JsonNode answer = JSON.readTree(line);
                if (answer.has("error")) {
                    throw new IllegalStateException("CloudFront function: " + answer.path("error").asText());
                }
                return answer;
            } catch (IOException e) {
                stop();
                if (attempt > 0) {
                    throw new UncheckedIOException("cannot run the CloudFront function with node", e);
                }
            }
        }
    }

    private void ensureRunning() throws IOException {
        if (node != null && node.isAlive()) {
            return;
        }
        Path runner = Files.createTempFile("cloudfront-runner", ".js");
        runner.toFile().deleteOnExit();
        try (InputStream script = CloudFrontFunction.class.getResourceAsStream("/edge/cloudfront-runner.js")) {
            Files.write(runner, script.readAllBytes());
        }
        node = new ProcessBuilder("node", runner.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        requests = node.getOutputStream();
        requests.write((JSON.createObjectNode().put("code", code).toString() + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
        String line = answers.readLine();
        JsonNode ready = line == null ? null : JSON.readTree(line);
        if (ready == null || !ready.path("ok").asBoolean()) {
            stop();
            throw new IllegalStateException("CloudFront function: "
                    + (ready == null ? "node exited" : ready.path("error").asText()));
        }
    }

    private void stop() {
        if (node != null) {
            node.destroyForcibly();
            node = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
