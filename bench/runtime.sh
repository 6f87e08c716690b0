#!/usr/bin/env bash
# Issue 17, items 1 and 5: cold start of profiles-get and profiles-upsert over plain HTTP and over TLS, on JDK 17
# (as deployed, and with an AppCDS archive) and JDK 25 (without and with an AOT cache), against Python + boto3,
# measured in alternating rounds (bench/ab.py) rather than hyperfine's one-command-after-the-other, because the
# machine is shared and its speed drifts within minutes.
#
#   bench/runtime.sh [--rounds N] [--java25 /path/to/jdk25/bin/java] [--only get,upsert] [--no-plain]
#
# Needs what bench/run.sh needs and builds the same way (handlers' function.jar, bench/jmh). The caches are made
# by this run, for this machine's JVMs and this run's copy of the jars, by a training run that makes the first
# invocation of both functions over TLS in one JVM: -XX:ArchiveClassesAtExit (JDK 17 AppCDS, dynamic archive) and
# -XX:AOTCacheOutput (JDK 25, JEP 483/514/515). Each cache is checked to map (-Xshare:on / -XX:AOTMode=on) before
# it is measured, since a cache that does not match is otherwise ignored with a warning. Results and the exact
# commands go to bench/results/runtime-<UTC time>/ (ab-<function>.txt, env.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=10
J25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
FUNCS_WANTED=get,upsert
PLAIN=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --java25) J25=$2; shift 2 ;;
    --only) FUNCS_WANTED=$2; shift 2 ;;
    --no-plain) PLAIN=0; shift ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
log() { echo "[runtime] $*" >&2; }
PY=/usr/bin/python3
OUT=$ROOT/bench/results/runtime-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/cp" "$OUT/tls"
PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

mvn_quiet() { ./mvnw -q -o "$@" || ./mvnw -q "$@"; }
log "building handlers (function.jar) and the bench project"
mvn_quiet -pl handlers -am install -DskipTests
mvn_quiet -f bench/jmh/pom.xml package
cp handlers/target/function.jar bench/jmh/target/runtime/aws-lambda-java-serialization.jar \
   bench/jmh/target/bench-0.1.0-SNAPSHOT.jar "$OUT/cp/"
CP=$OUT/cp/function.jar:$OUT/cp/aws-lambda-java-serialization.jar:$OUT/cp/bench-0.1.0-SNAPSHOT.jar

# TLS as in bench/run.sh: a certificate for this run, the JDK's default CAs plus it (Java), Debian's bundle plus
# it (Python); certificate and host name checks on.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$OUT/tls/key.pem" -out "$OUT/tls/cert.pem" >/dev/null 2>&1
JDK_CACERTS=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.home/{print $2}')/lib/security/cacerts
keytool -importkeystore -noprompt -srckeystore "$JDK_CACERTS" -srcstorepass changeit \
  -destkeystore "$OUT/tls/truststore.jks" -deststoretype JKS -deststorepass changeit >/dev/null 2>&1
keytool -importcert -noprompt -alias bench-dynalite -file "$OUT/tls/cert.pem" \
  -keystore "$OUT/tls/truststore.jks" -storepass changeit >/dev/null 2>&1
cat "$($PY -c 'import botocore.httpsession as h; print(h.get_cert_path(True))')" "$OUT/tls/cert.pem" >"$OUT/tls/ca-bundle.pem"

free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 150); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
P_PLAIN=$(free_port)
node tools/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$P_PLAIN" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$OUT/dynalite.log" 2>&1 &
PIDS+=($!)
P_TLS=$(free_port)
node tools/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$P_TLS" --ssl \
  --key="$(cat "$OUT/tls/key.pem")" --cert="$(cat "$OUT/tls/cert.pem")" --ca="$(cat "$OUT/tls/cert.pem")" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$OUT/dynalite-tls.log" 2>&1 &
PIDS+=($!)
wait_port "$P_PLAIN" && wait_port "$P_TLS" || { log "dynalite did not start"; exit 1; }

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export ORDERS_TABLE=bench-orders PROFILES_TABLE=bench-profiles IDEMPOTENCY_TABLE=bench-idempotency
TRUST=-Djavax.net.ssl.trustStore=$OUT/tls/truststore.jks
E=$ROOT/contracts/events
for ep in "http://127.0.0.1:$P_PLAIN" "https://127.0.0.1:$P_TLS"; do
  for p in bench py; do
    AWS_ENDPOINT_URL_DYNAMODB=$ep ORDERS_TABLE=$p-orders PROFILES_TABLE=$p-profiles IDEMPOTENCY_TABLE=$p-idempotency \
      JAVA_TOOL_OPTIONS= java $TRUST -cp "$CP" dev.ordersprofiles.bench.BenchSetup
  done
  AWS_ENDPOINT_URL_DYNAMODB=$ep JAVA_TOOL_OPTIONS= java $TRUST -cp "$CP" dev.ordersprofiles.bench.LambdaSim \
    dev.ordersprofiles.handlers.http.UpsertProfileHandler "$E/api-profiles-post.json" >>"$OUT/seed.log" 2>&1
  AWS_ENDPOINT_URL_DYNAMODB=$ep AWS_CA_BUNDLE=$OUT/tls/ca-bundle.pem PROFILES_TABLE=py-profiles \
    $PY bench/python/lambda_sim.py profiles_upsert "$E/api-profiles-post.json" 1 >>"$OUT/seed.log" 2>&1
done

# The template's JVM options and the flags Lambda's runtime adds (as bench/run.sh).
TEMPLATE_OPTS=$(grep -m1 'JAVA_TOOL_OPTIONS:' sam/template.yaml | sed -e 's/.*JAVA_TOOL_OPTIONS: *//' -e "s/^['\"]//" -e "s/['\"]$//")
MEMORY_MB=$(grep -m1 -E '^ +MemorySize:' sam/template.yaml | sed -E 's/.*MemorySize: *([0-9]+).*/\1/')
RUNTIME_OPTS="-XX:MaxHeapSize=$((MEMORY_MB * 1024 * 85 / 100))k -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true"
jcmd_of() { # java binary, extra flags, mode (plain|tls), handler class, event [, extra launcher words]
  local ep=http://127.0.0.1:$P_PLAIN trust=
  [ "$3" = tls ] && { ep=https://127.0.0.1:$P_TLS; trust=$TRUST; }
  echo "env AWS_ENDPOINT_URL_DYNAMODB=$ep JAVA_TOOL_OPTIONS='$TEMPLATE_OPTS' $1 $RUNTIME_OPTS $trust $2 -cp $CP $6 $4 $5"
}
pycmd_of() { # mode, python function, event
  local ep=http://127.0.0.1:$P_PLAIN
  [ "$1" = tls ] && ep=https://127.0.0.1:$P_TLS
  echo "env AWS_ENDPOINT_URL_DYNAMODB=$ep AWS_CA_BUNDLE=$OUT/tls/ca-bundle.pem PROFILES_TABLE=py-profiles $PY $ROOT/bench/python/lambda_sim.py $2 $3 1"
}
GET=dev.ordersprofiles.handlers.http.GetProfileHandler
UPSERT=dev.ordersprofiles.handlers.http.UpsertProfileHandler
TRAIN="dev.ordersprofiles.bench.Train $GET $E/api-profiles-get.json $UPSERT $E/api-profiles-post.json"

log "training the caches (first invocation of both functions over TLS, one JVM each)"
eval "$(jcmd_of java "-XX:ArchiveClassesAtExit=$OUT/cds17.jsa" tls "" "" "$TRAIN")" >"$OUT/train-cds17.log" 2>&1
HAVE25=0
if [ -x "$J25" ]; then
  HAVE25=1
  eval "$(jcmd_of "$J25" "-XX:AOTCacheOutput=$OUT/aot25.aot" tls "" "" "$TRAIN")" >"$OUT/train-aot25.log" 2>&1
fi
SIM=dev.ordersprofiles.bench.LambdaSim
eval "$(jcmd_of java "-XX:SharedArchiveFile=$OUT/cds17.jsa -Xshare:on" tls $GET "$E/api-profiles-get.json" $SIM)" \
  >>"$OUT/train-cds17.log" 2>&1 || { log "the AppCDS archive does not map"; exit 1; }
if [ "$HAVE25" = 1 ]; then
  eval "$(jcmd_of "$J25" "-XX:AOTCache=$OUT/aot25.aot -XX:AOTMode=on" tls $GET "$E/api-profiles-get.json" $SIM)" \
    >>"$OUT/train-aot25.log" 2>&1 || { log "the AOT cache does not map"; exit 1; }
fi
{
  echo "date_utc=$(date -u +%FT%TZ)"
  echo "uptime=$(uptime)"
  echo "java17=$(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
  [ "$HAVE25" = 1 ] && echo "java25=$("$J25" -version 2>&1 | head -n 2 | tr '\n' ' ')"
  echo "python=$($PY --version 2>&1) boto3=$($PY -c 'import boto3; print(boto3.__version__)')"
  echo "template_java_tool_options=$TEMPLATE_OPTS"
  echo "runtime_java_opts=$RUNTIME_OPTS"
  ls -l "$OUT"/*.jsa "$OUT"/*.aot 2>/dev/null
} >"$OUT/env.txt"

for f in ${FUNCS_WANTED//,/ }; do
  case $f in
    get) cls=$GET; ev=$E/api-profiles-get.json; pyf=profiles_get ;;
    upsert) cls=$UPSERT; ev=$E/api-profiles-post.json; pyf=profiles_upsert ;;
    *) log "unknown function $f"; exit 64 ;;
  esac
  args=("python-tls=$(pycmd_of tls $pyf "$ev")"
        "java17-tls=$(jcmd_of java "" tls $cls "$ev" $SIM)"
        "java17+cds-tls=$(jcmd_of java "-XX:SharedArchiveFile=$OUT/cds17.jsa" tls $cls "$ev" $SIM)")
  [ "$HAVE25" = 1 ] && args+=("java25-tls=$(jcmd_of "$J25" "" tls $cls "$ev" $SIM)"
                              "java25+aot-tls=$(jcmd_of "$J25" "-XX:AOTCache=$OUT/aot25.aot" tls $cls "$ev" $SIM)")
  if [ "$PLAIN" = 1 ]; then
    args+=("python=$(pycmd_of plain $pyf "$ev")" "java17=$(jcmd_of java "" plain $cls "$ev" $SIM)")
    [ "$HAVE25" = 1 ] && args+=("java25+aot=$(jcmd_of "$J25" "-XX:AOTCache=$OUT/aot25.aot" plain $cls "$ev" $SIM)")
  fi
  printf '%s\n' "${args[@]}" >"$OUT/commands-$f.txt"
  log "profiles-$f: ${#args[@]} commands, $ROUNDS alternating rounds"
  $PY bench/ab.py --rounds "$ROUNDS" "${args[@]}" | tee "$OUT/ab-$f.txt"
done
log "results in $OUT"
