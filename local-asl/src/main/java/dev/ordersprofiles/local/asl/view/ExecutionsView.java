package dev.ordersprofiles.local.asl.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.asl.Execution;
import dev.ordersprofiles.local.asl.HistoryEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders executions for people, without a server: the JSON of {@code /_local/executions} (list) and
 * {@code /_local/executions/{name}} (detail with history), and self-contained HTML pages (inline CSS and SVG,
 * nothing fetched) that draw the state machine and mark the path taken. Everything inserted into HTML is escaped.
 */
public final class ExecutionsView {

    private static final ObjectMapper MAPPER = StateVisit.MAPPER;
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private final String basePath;

    /** {@code basePath} is where the list is served, e.g. {@code /_local/executions}; detail links append the name. */
    public ExecutionsView(String basePath) {
        this.basePath = basePath;
    }

    // ---------------------------------------------------------------- JSON

    /** The list as ListExecutions shapes its items. */
    public ObjectNode listJson(List<Execution> executions) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode items = root.putArray("executions");
        for (Execution e : executions) {
            items.add(summary(e));
        }
        return root;
    }

    /** DescribeExecution fields (input/output as JSON, not strings), the state visits and the raw history. */
    public ObjectNode detailJson(Execution e) {
        ObjectNode root = summary(e);
        String parent = startedBy(e);
        if (parent != null) {
            root.put("startedBy", parent);
        }
        root.set("input", e.input());
        root.set("output", e.output());
        root.put("error", e.error());
        root.put("cause", e.cause());
        ArrayNode states = root.putArray("states");
        for (StateVisit v : StateVisit.of(e)) {
            ObjectNode s = states.addObject();
            s.put("name", v.name());
            s.put("type", v.type());
            s.put("enteredAt", iso(v.entered()));
            s.put("exitedAt", iso(v.exited()));
            s.put("outcome", v.outcome());
            s.put("attempts", v.attempts());
            s.put("retries", v.retries());
            s.set("input", v.input());
            s.set("output", v.output());
            ArrayNode failures = s.putArray("failures");
            for (StateVisit.Failure f : v.failures()) {
                failures.addObject().put("event", f.event()).put("error", f.error()).put("cause", f.cause());
            }
        }
        ArrayNode events = root.putArray("events");
        e.history().forEach(h -> events.add(h.toJson()));
        return root;
    }

    /**
     * The execution that started this one, as the Step Functions console links them: the
     * {@code AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID} field of its input (an execution ARN), else null.
     */
    private static String startedBy(Execution e) {
        com.fasterxml.jackson.databind.JsonNode id = e.input().get("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID");
        return id != null && id.isTextual() && id.asText().contains(":execution:") ? id.asText() : null;
    }

    private static ObjectNode summary(Execution e) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("executionArn", e.arn());
        item.put("stateMachineArn", e.stateMachine().arn());
        item.put("name", e.name());
        // EXPRESS executions are listed too (the most recent ones, in memory only), marked by their type
        item.put("type", e.isExpress() ? "EXPRESS" : "STANDARD");
        e.mapRunArn().ifPresent(m -> item.put("mapRunArn", m));
        item.put("status", e.status().name());
        item.put("startDate", iso(e.startDate()));
        item.put("stopDate", iso(e.stopDate()));
        return item;
    }

    // ---------------------------------------------------------------- HTML

    /** A page listing executions with links to their detail pages. */
    public String listHtml(List<Execution> executions) {
        StringBuilder html = page("Executions");
        html.append("<h1>Executions</h1>\n<table><thead><tr><th>name</th><th>state machine</th><th>status</th>"
                + "<th>started</th><th>stopped</th></tr></thead><tbody>\n");
        for (Execution e : executions) {
            html.append("<tr><td><a href=\"").append(esc(basePath + "/" + urlEncode(e.name()))).append("\">")
                    .append(esc(e.name())).append("</a></td><td>").append(esc(e.stateMachine().name()))
                    .append("</td><td>").append(status(e.status().name())).append("</td><td>")
                    .append(esc(iso(e.startDate()))).append("</td><td>").append(esc(iso(e.stopDate())))
                    .append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n</body></html>\n").toString();
    }

    /** The detail page: summary, the drawn state machine with the path taken, each state visit, the history. */
    public String html(Execution e) {
        List<StateVisit> visits = StateVisit.of(e);
        StringBuilder html = page("Execution " + e.name());
        html.append("<p><a href=\"").append(esc(basePath)).append("\">all executions</a></p>\n");
        html.append("<h1>Execution <code>").append(esc(e.name())).append("</code> ")
                .append(status(e.status().name())).append("</h1>\n<dl>");
        field(html, "execution ARN", e.arn());
        field(html, "state machine", e.stateMachine().arn());
        String parent = startedBy(e);
        if (parent != null) {
            html.append("<dt>started by</dt><dd><a href=\"")
                    .append(esc(basePath + "/" + urlEncode(parent.substring(parent.lastIndexOf(':') + 1))))
                    .append("\"><code>").append(esc(parent)).append("</code></a></dd>");
        }
        field(html, "started", iso(e.startDate()));
        field(html, "stopped", iso(e.stopDate()));
        if (e.error() != null || e.cause() != null) {
            field(html, "error", e.error());
            field(html, "cause", e.cause());
        }
        html.append("</dl>\n<h2>State machine</h2>\n");
        html.append(new Diagram(e.stateMachine().definition(), visits).svg());
        html.append("<h2>Input and output</h2>\n<div class=\"io\"><div><h3>input</h3>").append(pre(e.input()))
                .append("</div><div><h3>output</h3>").append(pre(e.output())).append("</div></div>\n");
        html.append("<h2>States</h2>\n<table><thead><tr><th>#</th><th>state</th><th>type</th><th>entered</th>"
                + "<th>outcome</th><th>attempts</th><th>input</th><th>output / errors</th></tr></thead><tbody>\n");
        for (StateVisit v : visits) {
            html.append("<tr class=\"visit ").append(v.outcome()).append("\"><td>").append(v.id()).append("</td><td>")
                    .append(esc(v.name())).append("</td><td>").append(esc(v.type())).append("</td><td>")
                    .append(esc(iso(v.entered()))).append("</td><td>").append(esc(v.outcome())).append("</td><td>")
                    .append(v.attempts() == 0 ? "" : v.attempts() + (v.retries() == 0 ? ""
                            : v.retries() == 1 ? " (1 retry)" : " (" + v.retries() + " retries)"))
                    .append("</td><td>").append(pre(v.input())).append("</td><td>").append(pre(v.output()));
            for (StateVisit.Failure f : v.failures()) {
                html.append("<div class=\"failure\"><b>").append(esc(f.event())).append("</b> ")
                        .append(esc(f.error())).append("<br><small>").append(esc(f.cause())).append("</small></div>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<h2>Events</h2>\n<table><thead><tr><th>id</th><th>prev</th><th>timestamp</th>"
                + "<th>type</th><th>state</th><th>details</th></tr></thead><tbody>\n");
        for (HistoryEvent h : e.history()) {
            html.append("<tr><td>").append(h.id()).append("</td><td>").append(h.previousEventId()).append("</td><td>")
                    .append(esc(iso(h.timestamp()))).append("</td><td>").append(esc(h.type())).append("</td><td>")
                    .append(esc(h.stateName())).append("</td><td>").append(pre(h.details())).append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n</body></html>\n").toString();
    }

    private static StringBuilder page(String title) {
        return new StringBuilder(8192).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    }

    private static void field(StringBuilder html, String name, String value) {
        html.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    private static String status(String status) {
        return "<span class=\"status " + esc(status) + "\">" + esc(status) + "</span>";
    }

    private static String pre(JsonNode json) {
        if (json == null || json.isMissingNode()) {
            return "";
        }
        try {
            return "<pre>" + esc(PRETTY.writeValueAsString(json)) + "</pre>";
        } catch (JsonProcessingException ex) {
            return "<pre>" + esc(json.toString()) + "</pre>";
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Escapes text for HTML and SVG element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = String.join("\n",
            "body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1d2430}",
            "code,pre{font-family:ui-monospace,monospace;font-size:12px}",
            "pre{margin:0;max-width:36rem;max-height:16rem;overflow:auto;background:#f5f7fa;padding:.3rem}",
            "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.3rem;vertical-align:top;"
                    + "text-align:left}",
            "dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}",
            ".io{display:flex;gap:1rem}",
            ".status{padding:.1rem .4rem;border-radius:.3rem;background:#ddd;font-size:12px}",
            ".SUCCEEDED{background:#c9f0d3}.FAILED,.TIMED_OUT,.ABORTED{background:#f8c9c9}.RUNNING{background:#fbe7b0}",
            "tr.caught{background:#fff4e8}tr.failed{background:#fff0f0}tr.running{background:#fffbe6}.failure{color:#8a1f1f;margin-top:.3rem}",
            "svg{border:1px solid #d0d7de;background:#fff}svg text{font:12px system-ui,sans-serif}",
            ".node rect{fill:#f1f3f5;stroke:#9aa5b1}.node.visited rect{fill:#d8f5df;stroke:#2f8f46}",
            ".node.caught rect{fill:#ffe4cc;stroke:#c05621}.node.failed rect{fill:#fbdada;stroke:#b42318}.node.running rect{fill:#fff1c2;stroke:#b7791f}",
            ".edge{stroke:#9aa5b1;fill:none}.edge.catch{stroke-dasharray:4 3}.edge.taken{stroke:#2f8f46;stroke-width:2.5}",
            "");

    /** Lays out the top-level states in ranks (breadth-first from StartAt) and draws boxes and arrows. */
    private static final class Diagram {
        private static final int W = 190;
        private static final int H = 46;
        private static final int GAP_X = 40;
        private static final int GAP_Y = 56;
        private static final int MARGIN = 30;
        private static final int SIDE = 120;

        private record Edge(String from, String to, boolean isCatch) {}

        private final JsonNode states;
        private final List<StateVisit> visits;
        private final Map<String, int[]> position = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private int width;
        private int height;

        Diagram(JsonNode definition, List<StateVisit> visits) {
            this.states = definition.path("States");
            this.visits = visits;
            layout(definition.path("StartAt").asText());
        }

        private void layout(String start) {
            states.properties().forEach(e -> collectEdges(e.getKey(), e.getValue()));
            Map<String, Integer> rank = ranks(start);
            int unreachable = rank.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            states.fieldNames().forEachRemaining(name -> rank.putIfAbsent(name, unreachable));
            Map<Integer, List<String>> rows = new LinkedHashMap<>();
            states.fieldNames().forEachRemaining(name -> rows.computeIfAbsent(rank.get(name), k -> new ArrayList<>()).add(name));
            int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
            width = MARGIN * 2 + widest * W + (widest - 1) * GAP_X + SIDE;
            int rowCount = rows.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            height = MARGIN * 2 + rowCount * H + (rowCount - 1) * GAP_Y;
            rows.forEach((r, names) -> {
                int x = MARGIN;
                for (String name : names) {
                    position.put(name, new int[] {x, MARGIN + r * (H + GAP_Y)});
                    x += W + GAP_X;
                }
            });
        }

        /**
         * Longest-path layering: a depth-first walk from StartAt finds back edges (loops); every other edge
         * points down, so the main path reads top to bottom and compensation paths fall below it.
         */
        private Map<String, Integer> ranks(String start) {
            List<String> order = new ArrayList<>();
            Set<String> back = new HashSet<>();
            if (states.has(start)) {
                visit(start, new HashSet<>(), new HashSet<>(), order, back);
            }
            java.util.Collections.reverse(order);
            Map<String, Integer> rank = new LinkedHashMap<>();
            order.forEach(name -> rank.put(name, 0));
            for (String from : order) {
                for (Edge edge : edges) {
                    if (edge.from().equals(from) && rank.containsKey(edge.to()) && !back.contains(key(edge))) {
                        rank.put(edge.to(), Math.max(rank.get(edge.to()), rank.get(from) + 1));
                    }
                }
            }
            return rank;
        }

        private void visit(String name, Set<String> done, Set<String> onPath, List<String> postOrder, Set<String> back) {
            done.add(name);
            onPath.add(name);
            for (Edge edge : edges) {
                if (!edge.from().equals(name) || !states.has(edge.to())) {
                    continue;
                }
                if (onPath.contains(edge.to())) {
                    back.add(key(edge));
                } else if (!done.contains(edge.to())) {
                    visit(edge.to(), done, onPath, postOrder, back);
                }
            }
            onPath.remove(name);
            postOrder.add(name);
        }

        private static String key(Edge edge) {
            return edge.from() + "\u0000" + edge.to();
        }

        private void addEdge(Edge edge) {
            if (edges.stream().noneMatch(e -> e.from().equals(edge.from()) && e.to().equals(edge.to()))) {
                edges.add(edge);
            }
        }

        private void collectEdges(String name, JsonNode state) {
            if (state.path("Next").isTextual()) {
                addEdge(new Edge(name, state.get("Next").asText(), false));
            }
            if (state.path("Default").isTextual()) {
                addEdge(new Edge(name, state.get("Default").asText(), false));
            }
            for (JsonNode choice : state.path("Choices")) {
                if (choice.path("Next").isTextual()) {
                    addEdge(new Edge(name, choice.get("Next").asText(), false));
                }
            }
            for (JsonNode c : state.path("Catch")) {
                if (c.path("Next").isTextual()) {
                    addEdge(new Edge(name, c.get("Next").asText(), true));
                }
            }
        }

        String svg() {
            Set<String> taken = new HashSet<>();
            StateVisit previous = null;
            Map<String, List<StateVisit>> byName = new LinkedHashMap<>();
            for (StateVisit v : visits) {
                if (!position.containsKey(v.name())) {
                    continue;
                }
                byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
                if (previous != null) {
                    taken.add(previous.name() + "\u0000" + v.name());
                }
                previous = v;
            }
            StringBuilder svg = new StringBuilder();
            svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"state machine diagram\" width=\"")
                    .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                    .append(' ').append(height).append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" "
                            + "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b7785\"/></marker></defs>\n");
            for (Edge edge : edges) {
                int[] a = position.get(edge.from());
                int[] b = position.get(edge.to());
                if (a == null || b == null) {
                    continue;
                }
                String cls = "edge" + (edge.isCatch() ? " catch" : "")
                        + (taken.contains(edge.from() + "\u0000" + edge.to()) ? " taken" : "");
                String d;
                if (b[1] == a[1] + H + GAP_Y) {
                    d = "M" + (a[0] + W / 2) + "," + (a[1] + H) + " L" + (b[0] + W / 2) + "," + b[1];
                } else if (b[1] == a[1]) {
                    boolean right = b[0] > a[0];
                    d = "M" + (right ? a[0] + W : a[0]) + "," + (a[1] + H / 2) + " L" + (right ? b[0] : b[0] + W) + ","
                            + (b[1] + H / 2);
                } else {
                    // Long and backward edges bend around the right of both boxes.
                    int bend = Math.max(a[0], b[0]) + W + 20 + Math.abs(b[1] - a[1]) / (H + GAP_Y) * 8;
                    d = "M" + (a[0] + W) + "," + (a[1] + H / 2) + " C" + bend + "," + (a[1] + H / 2) + " " + bend + ","
                            + (b[1] + H / 2) + " " + (b[0] + W) + "," + (b[1] + H / 2);
                }
                svg.append("<path class=\"").append(cls).append("\" d=\"").append(d)
                        .append("\" marker-end=\"url(#arrow)\"><title>").append(esc(edge.from() + " \u2192 " + edge.to()))
                        .append(edge.isCatch() ? " (Catch)" : "").append("</title></path>\n");
            }
            position.forEach((name, p) -> {
                List<StateVisit> seen = byName.getOrDefault(name, List.of());
                String cls = "node";
                if (!seen.isEmpty()) {
                    String last = seen.get(seen.size() - 1).outcome();
                    cls += last.equals("exited") ? " visited" : " " + last;
                }
                int retries = seen.stream().mapToInt(StateVisit::retries).sum();
                String type = states.path(name).path("Type").asText("?");
                svg.append("<g class=\"").append(cls).append("\" data-state=\"").append(esc(name)).append("\"><rect x=\"")
                        .append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W).append("\" height=\"")
                        .append(H).append("\" rx=\"8\"/><text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 19)
                        .append("\" font-weight=\"600\">").append(esc(shorten(name))).append("</text><text x=\"")
                        .append(p[0] + 10).append("\" y=\"").append(p[1] + 36).append("\" fill=\"#52606d\">")
                        .append(esc(type + (seen.size() > 1 ? " \u00d7" + seen.size() : "")
                                + (retries > 0 ? " \u00b7 " + retries + (retries == 1 ? " retry" : " retries") : "")))
                        .append("</text><title>").append(esc(name)).append("</title></g>\n");
            });
            return svg.append("</svg>\n").toString();
        }

        private static String shorten(String name) {
            return name.length() <= 26 ? name : name.substring(0, 25) + "\u2026";
        }
    }
}
