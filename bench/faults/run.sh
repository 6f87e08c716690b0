#!/usr/bin/env bash
# Issue 12's census under faults, at scale (not a test; docs/faults.md has the figures):
#
#   bench/faults/run.sh [--orders 1000] [--error 0.1] [--throttle 0] [--seed 7] [--in-flight 16]
#                       [--kill-store-at 300] [--kill-jvm-at N] [--settle-minutes 20] [--keep-data]
#
# Starts the built local stack (local/target/local-stack.jar) as a child JVM on a free loopback port and a fresh
# data folder with --fault dynamodb:error=<error>, places <orders> orders <in-flight> at a time (every fifth
# above SimDeclineAbove, so declined and compensated), SIGKILLs the store (dynalite) once <kill-store-at> have
# been placed (and, with --kill-jvm-at, SIGKILLs the stack's JVM and starts it again on the same data), then
# reads every accepted order until all are terminal or the settle bound passes, and prints the census: counts
# per status, stuck, lost, broken invariants, the faults injected, and the time until the last order was
# terminal. --keep-data keeps the data folder and the stack's log (stack.log) for a look. Output also goes to bench/results/faults-<UTC time>.txt. Loopback only; kills only what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f local/target/local-stack.jar ] || [ ! -f handlers/target/function.jar ]; then
  echo "[bench] building the stack (./mvnw -q -DskipTests install)" >&2
  nice -n 10 ./mvnw -q -DskipTests install
fi
mkdir -p bench/results
OUT=bench/results/faults-$(date -u +%Y%m%dT%H%M%SZ).txt
nice -n 10 java -cp local/target/local-stack.jar bench/faults/FaultCensus.java "$@" | tee "$OUT"
echo "[bench] written to $OUT" >&2
