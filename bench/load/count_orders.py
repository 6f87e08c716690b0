"""Counts the orders whose ids the POST load wrote (one Location per line in ids-*.txt): polls GET /orders/{id}
until every order is terminal (or the deadline passes) and prints a JSON summary of their statuses."""
import glob
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, token, ids_dir, deadline_s = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
locations = []
for name in sorted(glob.glob(ids_dir + "/ids-*.txt")):
    with open(name) as f:
        locations += [line.strip() for line in f if line.strip()]
TERMINAL = {"CONFIRMED", "FAILED", "EXPIRED"}


def status_of(location):
    req = urllib.request.Request(base + location, headers={"Authorization": token})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)["status"]
    except urllib.error.HTTPError as e:
        return "HTTP_%d" % e.code
    except Exception as e:  # noqa: BLE001 - a count, not a test: report the failure class
        return "ERROR_" + type(e).__name__


statuses = {}
pending = list(dict.fromkeys(locations))
duplicates = len(locations) - len(pending)
started = time.time()
with ThreadPoolExecutor(8) as pool:
    while True:
        results = list(pool.map(status_of, pending))
        for loc, st in zip(pending, results):
            statuses[loc] = st
        pending = [loc for loc in pending if statuses[loc] not in TERMINAL]
        if not pending or time.time() - started > deadline_s:
            break
        time.sleep(0.5)
summary = {}
for st in statuses.values():
    summary[st] = summary.get(st, 0) + 1
print(json.dumps({"accepted": len(locations), "distinct": len(statuses), "duplicateIds": duplicates,
                  "statuses": summary, "notTerminal": len(pending),
                  "notConfirmed": len(statuses) - summary.get("CONFIRMED", 0),
                  "countSeconds": round(time.time() - started, 1)}))
