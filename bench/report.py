"""Turns one bench/run.sh result folder into summary.md (printed): figures, and the issue's targets as ratios."""
import glob
import json
import os
import re
import sys

out = sys.argv[1]
lines = []
p = lines.append


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


def jsonl(name):
    path = os.path.join(out, name)
    return [json.loads(l) for l in open(path) if l.strip()] if os.path.exists(path) else []


def pct(sorted_values, q):
    """The q-th percentile as LambdaSim and lambda_sim.py compute it (nearest rank)."""
    rank = -(-q * len(sorted_values) // 100)
    return sorted_values[max(0, min(len(sorted_values) - 1, rank - 1))]


env = dict(l.rstrip("\n").split("=", 1) for l in open(os.path.join(out, "env.txt")) if "=" in l)
p(f"# Benchmark run {os.path.basename(out)}")
p("")
p(f"- machine: {env.get('nproc')} cores; `{env.get('uptime', '').strip()}`")
p(f"- {env.get('java')}; {env.get('python')}")
p(f"- template JAVA_TOOL_OPTIONS: `{env.get('template_java_tool_options')}`")
if env.get("runtime_java_opts"):
    p(f"- the Lambda runtime's own JVM flags, on every Java command: `{env.get('runtime_java_opts')}`")
p("")
targets = []

cold = load("cold.json")
if cold:
    by = {r["command"]: r for r in cold["results"]}
    p("## Cold start (fresh process: init + first invocation, against dynalite; hyperfine)")
    p("")
    p("| command | runs | median s | min s | max s | mean s |")
    p("|---|---|---|---|---|---|")
    for name, r in by.items():
        p(f"| {name} | {len(r['times'])} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {r['mean']:.3f} |")
    p("")
    for fn in ("profiles-get", "profiles-upsert"):
        py = by.get(f"python:{fn}")
        for v in ("java-typed", "java", "java+cds", "java-sdk"):
            j = by.get(f"{v}:{fn}")
            if py and j:
                ratio = j["median"] / py["median"]
                targets.append((f"cold start {fn} ({v}) / Python, medians", f"{ratio:.2f}", "<= 1.00",
                                "met" if ratio <= 1.0 else f"missed by {ratio - 1:.0%}"))
        pyt = by.get(f"python-tls:{fn}")
        for v in ("java-tls", "java-sdk-tls"):
            j = by.get(f"{v}:{fn}")
            if pyt and j:
                ratio = j["median"] / pyt["median"]
                targets.append((f"cold start {fn} over TLS ({v}) / Python over TLS, medians", f"{ratio:.2f}",
                                "<= 1.00", "met" if ratio <= 1.0 else f"missed by {ratio - 1:.0%}"))
    tls_rows = [(fn, v, by[f"{v}:{fn}"], by[f"{v}-tls:{fn}"]) for fn in ("profiles-get", "profiles-upsert")
                for v in ("java", "java-sdk", "python") if f"{v}:{fn}" in by and f"{v}-tls:{fn}" in by]
    if tls_rows:
        p("What TLS costs each side (HTTPS dynalite with this run's certificate against the plain one, medians):")
        p("")
        p("| function | variant | plain HTTP s | TLS s | TLS - plain s |")
        p("|---|---|---|---|---|")
        for fn, v, plain, tls in tls_rows:
            p(f"| {fn} | {v} | {plain['median']:.3f} | {tls['median']:.3f} | {tls['median'] - plain['median']:+.3f} |")
        p("")
    sdk_rows = [(fn, by[f"java-sdk:{fn}"], by[f"java:{fn}"]) for fn in ("profiles-get", "profiles-upsert")
                if f"java-sdk:{fn}" in by and f"java:{fn}" in by]
    if sdk_rows:
        p("The price of the AWS SDK v2 (java-sdk: the same handler, its profiles port on DynamoDbClient with the "
          "URLConnection client, explicit region and static credentials) against our own client (java), medians:")
        p("")
        p("| function | java s | java-sdk s | java-sdk / java | java-sdk - java s |")
        p("|---|---|---|---|---|")
        for fn, sdk, ours in sdk_rows:
            p(f"| {fn} | {ours['median']:.3f} | {sdk['median']:.3f} | {sdk['median'] / ours['median']:.2f} | "
              f"{sdk['median'] - ours['median']:+.3f} |")
        p("")
    bd = jsonl("cold-breakdown.jsonl")
    if bd:
        p("Breakdown of one extra run each (ms, from inside the process; the rest of the wall time is JVM/interpreter start):")
        p("")
        p("| function | variant | init | runtime serializer set-up | first invocation | status |")
        p("|---|---|---|---|---|---|")
        for b in bd:
            p(f"| {b['function']} | {b['variant']} | {b['initMs']:.0f} | {b.get('serializerSetupMs', 0):.0f} | "
              f"{b['firstInvokeMs']:.0f} | {b['worstStatus']} |")
        p("")

warm = jsonl("warm.jsonl")
if warm:
    p("## Warm path against dynalite (one process, invocations 2..n)")
    p("")
    p("| function | variant | n | p50 ms | p90 ms | p99 ms | max ms |")
    p("|---|---|---|---|---|---|---|")
    for w in warm:
        p(f"| {w['function']} | {w['variant']} | {w['warmInvocations']} | {w['warmP50Ms']:.2f} | {w['warmP90Ms']:.2f} | "
          f"{w['warmP99Ms']:.2f} | {w['warmMaxMs']:.2f} |")
    p("")
    phases = [(2, 200), (201, 1000), (1001, None)]
    rows = []
    for w in warm:
        path = os.path.join(out, f"warm-latencies-{w['function']}-{w['variant']}.txt")
        if os.path.exists(path):
            ms = [float(x) for x in open(path) if x.strip()]
            cells = []
            for lo, hi in phases:
                part = sorted(ms[lo - 1:hi])
                cells.append(f"{part[len(part) // 2]:.2f} / {pct(part, 99):.2f}" if part else "–")
            rows.append(f"| {w['function']} | {w['variant']} | " + " | ".join(cells) + " |")
    if rows:
        p("By phase of the process (p50 / p99 ms of invocations in that range; the JIT compiles during the first "
          "few hundred):")
        p("")
        p("| function | variant | " + " | ".join(f"{lo}..{hi or 'n'}" for lo, hi in phases) + " |")
        p("|---|---|" + "---|" * len(phases))
        lines.extend(rows)
        p("")
    for fn in ("profiles-get", "profiles-upsert"):
        j = next((w for w in warm if w["function"] == fn and w["variant"] == "java"), None)
        py = next((w for w in warm if w["function"] == fn and w["variant"] == "python"), None)
        if j and py:
            ratio = j["warmP99Ms"] / py["warmP99Ms"]
            targets.append((f"warm p99 {fn} Java / Python", f"{ratio:.2f}", "<= 1.00",
                            "met" if ratio <= 1.0 else f"missed by {ratio - 1:.0%}"))

jmh = load("jmh.json")
if jmh:
    p("## JMH: in-process handler path, in-memory adapters (event JSON in -> response JSON out)")
    p("")
    p("| benchmark | mode | score | error (99.9%) | unit |")
    p("|---|---|---|---|---|")
    def num(x):  # JMH writes "NaN" (a string) for the error of too few iterations, as with --quick
        return f"{x:.2f}" if isinstance(x, (int, float)) else str(x)

    for b in jmh:
        m = b["primaryMetric"]
        p(f"| {b['benchmark'].split('.')[-1]} | {b['mode']} | {num(m['score'])} | {num(m['scoreError'])} | "
          f"{m['scoreUnit']} |")
    p("")


def wrk(name):
    path = os.path.join(out, f"wrk-{name}.txt")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:(.*)", text)
    p50 = re.search(r"\s50%\s+([\d.]+\w+)", text)
    p99 = re.search(r"\s99%\s+([\d.]+\w+)", text)
    return {"rps": float(rps.group(1)) if rps else 0.0, "requests": int(total.group(1)) if total else 0,
            "non2xx": int(non2xx.group(1)) if non2xx else 0, "errors": errors.group(1).strip() if errors else "none",
            "p50": p50.group(1) if p50 else "?", "p99": p99.group(1) if p99 else "?"}


# Runs before the GET rounds (one wrk-bare.txt, one wrk-orders-get.txt) read as a single unnamed round.
rounds = sorted(m.group(1) for m in (re.match(r"wrk-bare-(\d+)\.txt$", f) for f in os.listdir(out)) if m)
suffix = {r: f"-{r}" for r in rounds} or {"": ""}
names = {}
for r, s_ in suffix.items():
    names[f"bare{s_}"] = "bare Jetty 12 server (ceiling)" + (f", round {r}" if r else "")
    names[f"orders-get{s_}"] = "GET /orders/{id}" + (f", round {r}" if r else "")
names.update({"health": "GET /health", "orders-post": "POST /orders"})
loads = {n: wrk(n) for n in names}
if any(loads.values()):
    p("## Load on the local stack (wrk -t2 -c32, loopback)")
    p("")
    p("| target | requests/s | requests | non-2xx | socket errors | p50 | p99 |")
    p("|---|---|---|---|---|---|---|")
    for n, w in loads.items():
        if w:
            p(f"| {names[n]} | {w['rps']:.0f} | {w['requests']} | {w['non2xx']} | {w['errors']} | {w['p50']} | {w['p99']} |")
    p("")
    count = load("orders-count.json")
    if count:
        p(f"Orders placed by the POST run, counted afterwards: `{json.dumps(count)}`")
        p("")
    ratios = [loads[f"orders-get{s_}"]["rps"] / loads[f"bare{s_}"]["rps"] for s_ in suffix.values()
              if loads.get(f"bare{s_}") and loads.get(f"orders-get{s_}") and loads[f"bare{s_}"]["rps"] > 0]
    if ratios:
        ratio = sorted(ratios)[len(ratios) // 2]
        each = ", ".join(f"{x:.2f}" for x in ratios)
        targets.append(("local GET /orders/{id} / bare server, requests/s (median of rounds)",
                        f"{ratio:.2f} (rounds: {each})", ">= 0.50",
                        "met" if ratio >= 0.5 else f"missed by {0.5 - ratio:.2f}"))
    if loads["orders-post"] and count:
        secs = float(re.search(r"-d(\d+)s", " ".join(sys.argv)).group(1)) if False else None
        text = open(os.path.join(out, "wrk-orders-post.txt")).read()
        dur = re.search(r"requests in ([\d.]+)s", text)
        confirmed = count["statuses"].get("CONFIRMED", 0)
        per_s = confirmed / float(dur.group(1)) if dur else 0.0
        ok = per_s >= 500 and count["notConfirmed"] == 0
        targets.append(("POST /orders -> CONFIRMED, orders/s (0 lost)", f"{per_s:.0f}/s, notConfirmed={count['notConfirmed']}",
                        ">= 500/s, 0 lost", "met" if ok else "missed"))

size = load("size.json")
if size:
    mb = size["bytes"] / 1e6
    p("## Deployment artifact")
    p("")
    p(f"`{size['artifact']}`: {size['bytes']} bytes ({mb:.2f} MB), {size['entries']} entries, {size['classes']} classes, "
      f"{size['uncompressedBytes'] / 1e6:.1f} MB unpacked")
    p("")
    targets.append(("deployment artifact (MB, 10^6 bytes)", f"{mb:.2f}", "<= 10", "met" if mb <= 10 else f"missed by {mb - 10:.2f} MB"))

if targets:
    p("## Targets (issue 7)")
    p("")
    p("| target | measured | goal | verdict |")
    p("|---|---|---|---|")
    for t in targets:
        p("| " + " | ".join(t) + " |")
print("\n".join(lines))
