"""Heap after GC of the local stack while it runs many orders (issue 11, bounded memory). Not a test: it prints figures.

Starts local/target/local-stack.jar (build it with ./mvnw -q -o -pl local -am package -DskipTests) with -Xmx256m on
a free loopback port and a temporary data folder, places orders over HTTP from a few threads (each order runs the
PlaceOrder workflow), and every --every orders forces a GC in the stack (jcmd GC.run) and prints the heap in use
after it (jcmd GC.heap_info), with the stack's count of held executions. Stops the stack at the end.

usage: python3 bench/memory/executions_heap.py [--orders 100000] [--every 10000] [--threads 8] [--xmx 256m]
                                               [--in-memory] [--kept N] [--kept-for 24h]
"""
import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ORDER = json.dumps({"amount": 42.50, "items": [{"sku": "A-1", "qty": 2}]})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jcmd(pid, *args):
    return subprocess.run(["jcmd", str(pid), *args], capture_output=True, text=True, timeout=120).stdout


def heap_used_mb(pid):
    jcmd(pid, "GC.run")
    info = jcmd(pid, "GC.heap_info")
    m = re.search(r"total (\d+)K, used (\d+)K", info)
    return (int(m.group(2)) / 1024.0, int(m.group(1)) / 1024.0) if m else (float("nan"), float("nan"))


def held_executions(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", "/_local/executions?format=json")
    body = json.loads(c.getresponse().read())
    c.close()
    return len(body) if isinstance(body, list) else len(body.get("executions", []))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--orders", type=int, default=100000)
    p.add_argument("--every", type=int, default=10000)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--xmx", default="256m")
    p.add_argument("--in-memory", action="store_true")
    p.add_argument("--kept", type=int)
    p.add_argument("--kept-for")
    a = p.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    jar = os.path.join(root, "local", "target", "local-stack.jar")
    if not os.path.isfile(jar):
        sys.exit("skipped: %s is not built (./mvnw -q -o -pl local -am package -DskipTests)" % jar)
    if shutil.which("jcmd") is None:
        sys.exit("skipped: jcmd (JDK) not on PATH")
    data = tempfile.mkdtemp(prefix="executions-heap-")
    port = free_port()
    cmd = ["java", "-Xmx" + a.xmx, "-jar", jar, "--port", str(port), "--data-dir", data,
           "--template", os.path.join(root, "sam", "template.yaml"),
           "--param", "ApiThrottlingRateLimit=100000", "--param", "ApiThrottlingBurstLimit=100000",
           "--param", "OrdersCreateReservedConcurrency=1000"]
    if a.in_memory:
        cmd.append("--in-memory")
    if a.kept is not None:
        cmd += ["--executions-kept", str(a.kept)]
    if a.kept_for:
        cmd += ["--executions-kept-for", a.kept_for]
    log = open(os.path.join(data, "stack.log"), "w")
    stack = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    try:
        deadline = time.time() + 180
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                if time.time() > deadline or stack.poll() is not None:
                    sys.exit("the stack did not start; see " + log.name)
                time.sleep(0.2)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("POST", "/_local/token", json.dumps({"username": "heap-bench"}), {"Content-Type": "application/json"})
        token = json.loads(c.getresponse().read())["id_token"]
        c.close()
        print(json.dumps({"xmx": a.xmx, "orders": a.orders, "threads": a.threads, "in_memory": a.in_memory,
                          "kept": a.kept, "kept_for": a.kept_for}))
        used, total = heap_used_mb(stack.pid)
        print(json.dumps({"orders": 0, "heap_used_after_gc_mb": round(used, 1), "heap_total_mb": round(total, 1)}))
        lock = threading.Lock()
        counter = {"next": 0, "accepted": 0, "errors": 0}
        start = time.time()

        def worker(limit):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while True:
                with lock:
                    if counter["next"] >= limit:
                        break
                    counter["next"] += 1
                try:
                    conn.request("POST", "/orders", ORDER, {"Content-Type": "application/json",
                                                            "Authorization": "Bearer " + token})
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == 202
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    ok = False
                with lock:
                    counter["accepted" if ok else "errors"] += 1
            conn.close()

        for mark in range(a.every, a.orders + 1, a.every):
            threads = [threading.Thread(target=worker, args=(mark,)) for _ in range(a.threads)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            used, total = heap_used_mb(stack.pid)
            print(json.dumps({"orders": mark, "accepted": counter["accepted"], "errors": counter["errors"],
                              "seconds": round(time.time() - start, 1), "heap_used_after_gc_mb": round(used, 1),
                              "heap_total_mb": round(total, 1), "executions_held": held_executions(port)}),
                  flush=True)
    finally:
        stack.terminate()
        try:
            stack.wait(60)
        except subprocess.TimeoutExpired:
            stack.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
