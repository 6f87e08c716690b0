"""Runs one Python handler as a fresh Lambda process would: import the module (init), then invoke it with the
event JSON, serialise the result. Usage: lambda_sim.py <function> <event.json> [invocations].
Prints timings as one JSON line on stderr; exits 2 when the response's statusCode is >= 400."""
import os
import sys
import time

_start = time.perf_counter()
import json  # noqa: E402

import reference_handlers  # noqa: E402  (the init phase: boto3 import + client creation)

_init_done = time.perf_counter()


class _Context:
    aws_request_id = "bench"
    function_name = "bench"


def main():
    function = getattr(reference_handlers, sys.argv[1])
    with open(sys.argv[2], "rb") as f:
        raw = f.read()
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    times, worst = [], 0
    for _ in range(n):
        t = time.perf_counter()
        result = function(json.loads(raw), _Context())
        out = json.dumps(result)
        times.append(time.perf_counter() - t)
        worst = max(worst, result.get("statusCode", 0))
    latencies = os.environ.get("BENCH_LATENCIES")
    if latencies:  # every invocation's latency in ms, in order (as LambdaSim writes them)
        with open(latencies, "w") as f:
            f.write("".join(f"{t * 1000:.3f}\n" for t in times))
    line = {"handler": sys.argv[1], "initMs": round((_init_done - _start) * 1000, 3),
            "firstInvokeMs": round(times[0] * 1000, 3), "worstStatus": worst}
    if n > 1:
        warm = sorted(times[1:])
        pct = lambda p: warm[max(0, min(len(warm) - 1, -(-p * len(warm) // 100) - 1))] * 1000  # noqa: E731
        line.update(warmInvocations=len(warm), warmP50Ms=round(pct(50), 3), warmP90Ms=round(pct(90), 3),
                    warmP99Ms=round(pct(99), 3), warmMaxMs=round(warm[-1] * 1000, 3))
    sys.stderr.write(json.dumps(line) + "\n")
    sys.exit(2 if worst >= 400 else 0)


main()
