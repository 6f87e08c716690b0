package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.local.asl.Execution;
import dev.ordersprofiles.local.asl.HistoryEvent;
import dev.ordersprofiles.local.asl.view.StateVisit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's server-rendered pages: no script, no external resource, so they work offline; lists that change
 * refresh themselves (a meta refresh) while something is running or when follow mode is on. Every value is
 * HTML-escaped.
 */
final class ConsoleViews {
    static final String CSS = "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:90rem;padding:.5rem 1.2rem 3rem;"
            + "color:#1d232a}nav a{margin-right:1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
            + "th,td{text-align:left;border-bottom:1px solid #d8dde3;padding:.3rem .45rem;vertical-align:top}"
            + "td.text,pre,small,.wrap{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}"
            + "code,pre,td.text{font:.85em/1.35 ui-monospace,Menlo,Consolas,monospace}.status{font-weight:700}"
            + ".SUCCEEDED,.CONFIRMED{color:#1d7a35}.FAILED,.TIMED_OUT,.ABORTED,.ERROR{color:#b00020}"
            + ".RUNNING,.WARN{color:#9a6700}form.filters{background:#f4f6f8;padding:.5rem;border-radius:4px}"
            + "form.filters label{margin-right:.8rem}svg{background:#fafbfc;border:1px solid #e1e4e8}"
            + ".chart{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ConsoleViews() {
    }

    static String page(String title, String body, boolean refresh) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width,initial-scale=1\">" + (refresh ? "<meta http-equiv=\"refresh\" content=\"2\">" : "")
                + "<title>" + esc(title) + " — local console</title><style>" + CSS + "</style></head><body>"
                + "<nav><a href=\"/_local/\">console</a><a href=\"/_local/executions\">executions</a>"
                + "<a href=\"/_local/logs\">logs</a><a href=\"/_local/metrics\">metrics</a>"
                + "<a href=\"/_local/tables\">tables</a><a href=\"/docs/try.html\">Try it</a></nav>"
                + body + "</body></html>";
    }

    static String index(List<String> tables) {
        return page("Console", "<h1>Local console</h1><ul>"
                + "<li><a href=\"/_local/executions\">Executions</a>: every workflow run, live, with durations; each"
                + " run state by state with its diagram</li>"
                + "<li><a href=\"/_local/logs\">Logs</a>: every function's structured lines and the API access log,"
                + " filtered by function, level or request id, with a follow mode</li>"
                + "<li><a href=\"/_local/metrics\">Metrics</a>: the Embedded Metric Format metrics the functions"
                + " emit, per minute</li>"
                + "<li><a href=\"/_local/tables\">Tables</a>: the items of " + tables.size() + " tables, read-only</li>"
                + "<li><a href=\"/docs/try.html\">Try it</a>: sign in through the local Hosted UI and place an order</li>"
                + "</ul>", false);
    }

    // ------------------------------------------------------------------ executions

    static String executions(List<Execution> executions, Instant now) {
        boolean running = executions.stream().anyMatch(e -> e.stopDate() == null);
        StringBuilder html = new StringBuilder("<h1>Executions</h1><p>").append(executions.size())
                .append(" runs, newest first").append(running ? "; refreshing every 2 s while one runs" : "")
                .append(".</p><table id=\"executions\"><thead><tr><th>name</th><th>state machine</th><th>status</th>"
                        + "<th>state now / last</th><th>its status</th><th>started</th><th>duration</th><th>error</th></tr></thead>"
                        + "<tbody>");
        List<Execution> newestFirst = new ArrayList<>(executions);
        newestFirst.sort((a, b) -> b.startDate().compareTo(a.startDate()));
        for (Execution e : newestFirst) {
            html.append("<tr class=\"execution\"><td><a href=\"/_local/executions/").append(esc(url(e.name())))
                    .append("\">").append(esc(e.name())).append("</a></td><td>").append(esc(e.stateMachine().name()))
                    .append("</td><td class=\"status ").append(esc(e.status().name())).append("\">")
                    .append(esc(e.status().name())).append("</td><td>").append(esc(lastState(e)))
                    .append("</td><td class=\"output-status\">").append(esc(outputStatus(e))).append("</td><td>")
                    .append(esc(TIME.format(e.startDate()))).append("</td><td class=\"duration\">")
                    .append(esc(duration(e.startDate(), e.stopDate() == null ? now : e.stopDate())))
                    .append(e.stopDate() == null ? " (running)" : "").append("</td><td class=\"wrap\">")
                    .append(esc(e.error() == null ? "" : e.error())).append("</td></tr>");
        }
        return page("Executions", html.append("</tbody></table>").toString(), running);
    }

    /**
     * The detail page of the view in local-asl, with the console's navigation, wrapped long lines, a table of
     * per-state durations, and refreshing while the run goes on.
     */
    static String execution(String detailHtml, Execution e, Instant now) {
        StringBuilder durations = new StringBuilder("<h2>Durations</h2><table id=\"durations\"><thead><tr><th>#</th>"
                + "<th>state</th><th>type</th><th>outcome</th><th>duration</th></tr></thead><tbody>");
        for (StateVisit v : StateVisit.of(e)) {
            durations.append("<tr><td>").append(v.id()).append("</td><td>").append(esc(v.name())).append("</td><td>")
                    .append(esc(v.type())).append("</td><td>").append(esc(v.outcome())).append("</td><td class=\"duration\">")
                    .append(esc(v.entered() == null ? "" : duration(v.entered(), v.exited() == null ? now : v.exited())))
                    .append(v.exited() == null ? " (running)" : "").append("</td></tr>");
        }
        durations.append("<tr><td></td><td><b>whole run</b></td><td></td><td>").append(esc(e.status().name()))
                .append("</td><td class=\"duration\">").append(esc(duration(e.startDate(),
                        e.stopDate() == null ? now : e.stopDate()))).append("</td></tr></tbody></table>");
        String head = "<style>" + CSS + "</style>" + (e.stopDate() == null ? "<meta http-equiv=\"refresh\" content=\"2\">" : "");
        String html = detailHtml.replace("</head>", head + "</head>");
        int states = html.indexOf("<h2>States</h2>");
        html = states < 0 ? html.replace("</body>", durations + "</body>")
                : html.substring(0, states) + durations + html.substring(states);
        int body = html.indexOf("<body>");
        return body < 0 ? html : html.substring(0, body + 6) + "<nav><a href=\"/_local/\">console</a><a href=\"/_local/executions\">"
                + "executions</a><a href=\"/_local/logs?requestId=" + esc(url(e.name())) + "\">this run's log lines</a>"
                + "<a href=\"/_local/metrics\">metrics</a>"
                + "<a href=\"/_local/tables\">tables</a></nav>" + html.substring(body + 6);
    }

    /**
     * The {@code status} field of the latest state output that has one (the PlaceOrder tasks return the order's
     * status: PENDING ... CONFIRMED), or of the run's output; empty when none has.
     */
    static String outputStatus(Execution e) {
        if (e.output() != null && e.output().path("status").isTextual()) {
            return e.output().get("status").asText();
        }
        String status = "";
        for (StateVisit v : StateVisit.of(e)) {
            if (v.output() != null && v.output().path("status").isTextual()) {
                status = v.output().get("status").asText();
            }
        }
        return status;
    }

    private static String lastState(Execution e) {
        String last = "";
        for (HistoryEvent h : e.history()) {
            if (h.stateName() != null && !h.stateName().isEmpty()) {
                last = h.stateName();
            }
        }
        return last;
    }

    static String duration(Instant from, Instant to) {
        long ms = Math.max(0, Duration.between(from, to).toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }

    // ------------------------------------------------------------------ logs

    static String logs(List<ConsoleRecords.Line> lines, List<String> sources, String function, String level,
                       String requestId, boolean follow) {
        StringBuilder html = new StringBuilder("<h1>Logs</h1><form class=\"filters\" method=\"get\" action=\"/_local/logs\">"
                + "<label>function <select name=\"function\" id=\"function\"><option value=\"\">all</option>");
        for (String source : sources) {
            html.append("<option").append(source.equals(function) ? " selected" : "").append(">").append(esc(source))
                    .append("</option>");
        }
        html.append("</select></label><label>level <select name=\"level\" id=\"level\"><option value=\"\">all</option>");
        for (String l : List.of("ERROR", "WARN", "INFO", "DEBUG")) {
            html.append("<option").append(l.equals(level) ? " selected" : "").append(">").append(l).append("</option>");
        }
        html.append("</select></label><label>request id <input name=\"requestId\" id=\"requestId\" size=\"38\" value=\"")
                .append(esc(requestId)).append("\"></label><label><input type=\"checkbox\" name=\"follow\" value=\"1\"")
                .append(follow ? " checked" : "").append("> follow</label><button type=\"submit\">Show</button></form>")
                .append("<p>").append(lines.size()).append(" lines (the newest last").append(follow ? "; following" : "")
                .append("). JSON: <code>?format=json&amp;after=&lt;seq&gt;</code></p><table id=\"logs\"><thead><tr>"
                        + "<th>#</th><th>time (UTC)</th><th>function</th><th>level</th><th>request id</th><th>line</th>"
                        + "</tr></thead><tbody>");
        for (ConsoleRecords.Line line : lines) {
            html.append("<tr class=\"line\"><td>").append(line.seq()).append("</td><td>").append(TIME.format(line.time()))
                    .append("</td><td>").append(esc(line.source())).append("</td><td class=\"").append(esc(line.level()))
                    .append("\">").append(esc(line.level())).append("</td><td><a href=\"/_local/logs?requestId=")
                    .append(esc(url(line.requestId()))).append("\">").append(esc(line.requestId()))
                    .append("</a></td><td class=\"text\">").append(esc(line.text())).append("</td></tr>");
        }
        return page("Logs", html.append("</tbody></table>").toString(), follow);
    }

    // ------------------------------------------------------------------ metrics

    static String metrics(List<ConsoleRecords.Series> series, long nowMinute, int minutes) {
        StringBuilder html = new StringBuilder("<h1>Metrics</h1><p>The Embedded Metric Format metrics of the functions,"
                + " summed per minute (UTC) over the last ").append(minutes).append(" minutes. JSON: <code>?format=json"
                + "</code></p>");
        List<ConsoleRecords.Series> totals = series.stream().filter(s -> s.function().equals("*")).toList();
        if (totals.isEmpty()) {
            html.append("<p>No metric yet: place an order.</p>");
        }
        for (ConsoleRecords.Series s : totals) {
            html.append("<div class=\"chart\" id=\"metric-").append(esc(s.name())).append("\"><h3>")
                    .append(esc(s.namespace())).append(" / ").append(esc(s.name())).append("</h3>")
                    .append(chart(s, nowMinute, minutes)).append("</div>");
        }
        html.append("<h2>Per function</h2><table id=\"metrics\"><thead><tr><th>namespace</th><th>metric</th>"
                + "<th>function</th><th>last ").append(minutes).append(" min</th><th>per minute (newest last)</th>"
                + "</tr></thead><tbody>");
        for (ConsoleRecords.Series s : series) {
            if (s.function().equals("*")) {
                continue;
            }
            double sum = 0;
            StringBuilder perMinute = new StringBuilder();
            for (Map.Entry<Long, Double> e : s.perMinute().tailMap(nowMinute - minutes + 1).entrySet()) {
                sum += e.getValue();
                perMinute.append(MINUTE.format(Instant.ofEpochSecond(e.getKey() * 60))).append(' ')
                        .append(number(e.getValue())).append("  ");
            }
            html.append("<tr><td>").append(esc(s.namespace())).append("</td><td>").append(esc(s.name()))
                    .append("</td><td>").append(esc(s.function())).append("</td><td class=\"sum\">").append(number(sum))
                    .append("</td><td class=\"text\">").append(esc(perMinute.toString().trim())).append("</td></tr>");
        }
        return page("Metrics", html.append("</tbody></table>").toString(), false);
    }

    /** A bar per minute, inline SVG. */
    private static String chart(ConsoleRecords.Series s, long nowMinute, int minutes) {
        int width = 360;
        int height = 120;
        double max = 1;
        for (long m = nowMinute - minutes + 1; m <= nowMinute; m++) {
            max = Math.max(max, s.perMinute().getOrDefault(m, 0.0));
        }
        double bar = (double) width / minutes;
        StringBuilder svg = new StringBuilder("<svg width=\"" + width + "\" height=\"" + (height + 16)
                + "\" role=\"img\" aria-label=\"" + esc(s.name()) + " per minute\">");
        for (int i = 0; i < minutes; i++) {
            long m = nowMinute - minutes + 1 + i;
            double v = s.perMinute().getOrDefault(m, 0.0);
            double h = v / max * (height - 10);
            svg.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2c6db5\"><title>%s %s</title></rect>",
                    i * bar + 1, height - h, Math.max(1, bar - 2), h, MINUTE.format(Instant.ofEpochSecond(m * 60)),
                    number(v)));
        }
        svg.append("<text x=\"2\" y=\"12\" font-size=\"11\">max ").append(number(max)).append("/min</text>")
                .append("<text x=\"2\" y=\"").append(height + 13).append("\" font-size=\"11\">")
                .append(MINUTE.format(Instant.ofEpochSecond((nowMinute - minutes + 1) * 60))).append("</text>")
                .append("<text x=\"").append(width - 34).append("\" y=\"").append(height + 13)
                .append("\" font-size=\"11\">").append(MINUTE.format(Instant.ofEpochSecond(nowMinute * 60)))
                .append("</text></svg>");
        return svg.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    // ------------------------------------------------------------------ tables

    static String tables(List<String> names, Map<String, Long> counts) {
        StringBuilder html = new StringBuilder("<h1>Tables</h1><table id=\"tables\"><thead><tr><th>table</th>"
                + "<th>items</th></tr></thead><tbody>");
        for (String name : names) {
            Long count = counts.get(name);
            html.append("<tr><td><a href=\"/_local/tables/").append(esc(url(name))).append("\">").append(esc(name))
                    .append("</a></td><td>").append(count == null ? "?" : count).append("</td></tr>");
        }
        return page("Tables", html.append("</tbody></table><p>Read-only; the DynamoDB API on the stack's port writes."
                + "</p>").toString(), false);
    }

    static String table(String name, List<JsonNode> items, String nextStart) {
        Set<String> columns = new LinkedHashSet<>();
        items.forEach(item -> item.fieldNames().forEachRemaining(columns::add));
        StringBuilder html = new StringBuilder("<h1>Table <code>").append(esc(name)).append("</code></h1><p>")
                .append(items.size()).append(" items on this page (read-only, a Scan).</p><table id=\"items\"><thead><tr>");
        columns.forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (JsonNode item : items) {
            html.append("<tr class=\"item\">");
            for (String c : columns) {
                html.append("<td class=\"text\">").append(esc(item.has(c) ? plain(item.get(c)) : "")).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (nextStart != null) {
            html.append("<p><a id=\"next\" href=\"/_local/tables/").append(esc(url(name))).append("?start=")
                    .append(esc(url(nextStart))).append("\">next page</a></p>");
        }
        return page("Table " + name, html.toString(), false);
    }

    /** A DynamoDB attribute value as text: {"S":"x"} is x, {"N":"1"} is 1, lists and maps as compact JSON. */
    static String plain(JsonNode value) {
        if (value.has("S")) {
            return value.get("S").asText();
        }
        if (value.has("N")) {
            return value.get("N").asText();
        }
        if (value.has("BOOL")) {
            return value.get("BOOL").asText();
        }
        if (value.has("NULL")) {
            return "null";
        }
        return value.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
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

    static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
