#!/usr/bin/env bash
# The soak: steady sign-in load for a long while, then three questions. Were there errors? Did the
# services' live heap grow (measured after a full collection, before and after)? Are Redis keys left
# behind once their time to live has passed (every key the load made has one)?
#
# Settings (environment): SOAK_SECONDS (600), SOAK_RATE (sign-ins per second offered, open model: 20),
# SOAK_SCENARIO (totp-question), SOAK_USERS (2000; a TOTP user signs in once per 30 s step),
# SOAK_TTL_WAIT (330 s: the sliding 5 min of a sign-in transaction, plus a margin), REDIS_DB (0), SOAK_POOL
# (bench/target/soak-pool.json; bench/run.sh's bench/target/pool.json is reused when it holds SOAK_USERS users).
# Starts the suite like bench/run.sh when it is not running; writes bench/target/results/soak.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT_DIR="$ROOT/bench/target/results"
RUN_DIR="${SEQUENT_RUN_DIR:-/var/tmp/sequent}"
SECONDS_LOAD="${SOAK_SECONDS:-600}"
RATE="${SOAK_RATE:-20}"
SCENARIO="${SOAK_SCENARIO:-totp-question}"
USERS="${SOAK_USERS:-2000}"
POOL="${SOAK_POOL:-bench/target/soak-pool.json}"
TTL_WAIT="${SOAK_TTL_WAIT:-330}"
DB="${REDIS_DB:-0}"
mkdir -p "$OUT_DIR"

export SEQUENT_AUTHN_RATE_LIMIT_PER_USERNAME="${SEQUENT_AUTHN_RATE_LIMIT_PER_USERNAME:-100000}"
deploy/local/services.sh status > /dev/null 2>&1 || deploy/local/up.sh > "$OUT_DIR/up.log" 2>&1
if [[ ! -f bench/target/sequent-bench.jar || -n "$(find bench/src -newer bench/target/sequent-bench.jar -print -quit)" ]]; then
  ./mvnw -B -q -pl bench -am package -DskipTests
fi
JAR=bench/target/sequent-bench.jar
JCMD="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"

# live heap of each service: a full collection, then the heap in use (KiB)
live_heap() {
  local module pid
  for module in auth-flow-service factor-service directory-sync-service policy-service; do
    pid="$(cat "$RUN_DIR/pids/$module.pid")"
    "$JCMD" "$pid" GC.run > /dev/null
    # every generation's (or G1's whole heap's) "used", not Metaspace's
    printf '%s %s\n' "$module" "$("$JCMD" "$pid" GC.heap_info | awk '/generation|heap/ {
      for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); gsub(/[^0-9]/, "", v); sum += v } } END { print sum + 0 }')"
  done
}

# keys by prefix (the key without its last part), and how many of them have no time to live
keys_by_prefix() {
  redis-cli -n "$DB" --scan | while read -r key; do
    ttl="$(redis-cli -n "$DB" ttl "$key")"
    printf '%s %s\n' "${key%:*}" "$([[ "$ttl" == -1 ]] && echo persistent || echo expiring)"
  done | sort | uniq -c | awk '{printf "%s %s %s\n", $2, $3, $1}'
}

rm -f "$OUT_DIR/soak-warmup.md" # the generator appends to its report
echo "warm-up and pool: $USERS users"
java -cp "$JAR" io.sequent.bench.load.SignInLoad --scenarios="$SCENARIO" --models="open:$RATE" --duration=20 --warmup=10 \
  --users="$USERS" --password-users=0 --push-users=0 --setup-threads=8 --pool="$POOL" --out="$OUT_DIR/soak-warmup.md" \
  > "$OUT_DIR/soak-warmup.log" 2>&1
live_heap > "$OUT_DIR/soak-heap-before.txt"
keys_by_prefix > "$OUT_DIR/soak-keys-before.txt"

echo "soak: $SCENARIO at $RATE/s for $SECONDS_LOAD s"
rm -f "$OUT_DIR/soak-load.md"
java -cp "$JAR" io.sequent.bench.load.SignInLoad --scenarios="$SCENARIO" --models="open:$RATE" --duration="$SECONDS_LOAD" \
  --warmup=0 --users="$USERS" --password-users=0 --push-users=0 --pool="$POOL" \
  --out="$OUT_DIR/soak-load.md" > "$OUT_DIR/soak-load.log" 2>&1
live_heap > "$OUT_DIR/soak-heap-after.txt"
keys_by_prefix > "$OUT_DIR/soak-keys-right-after.txt"
echo "waiting $TTL_WAIT s for the load's keys to expire"
sleep "$TTL_WAIT"
keys_by_prefix > "$OUT_DIR/soak-keys-after-ttl.txt"

{
  echo "### Soak: $SCENARIO, open model at $RATE sign-ins/s for $SECONDS_LOAD s"
  echo
  echo "Written by \`bench/soak.sh\` on $(date -u +%Y-%m-%dT%H:%MZ); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  sed -n '3p' "$OUT_DIR/soak-load.md"
  echo
  echo "| service | live heap before (MiB) | live heap after (MiB) |"
  echo "|---|---:|---:|"
  join "$OUT_DIR/soak-heap-before.txt" "$OUT_DIR/soak-heap-after.txt" |
    awk '{printf "| %s | %.1f | %.1f |\n", $1, $2 / 1024, $3 / 1024}'
  echo
  echo "Redis keys (database $DB) by prefix: before the soak, right after it, and $TTL_WAIT s later."
  echo
  echo "| prefix | kind | before | right after | after the TTL |"
  echo "|---|---|---:|---:|---:|"
  cat "$OUT_DIR"/soak-keys-{before,right-after,after-ttl}.txt | awk '{print $1, $2}' | sort -u | while read -r p k; do
    b="$(awk -v p="$p" -v k="$k" '$1 == p && $2 == k {print $3}' "$OUT_DIR/soak-keys-before.txt")"
    r="$(awk -v p="$p" -v k="$k" '$1 == p && $2 == k {print $3}' "$OUT_DIR/soak-keys-right-after.txt")"
    a="$(awk -v p="$p" -v k="$k" '$1 == p && $2 == k {print $3}' "$OUT_DIR/soak-keys-after-ttl.txt")"
    echo "| \`$p\` | $k | ${b:-0} | ${r:-0} | ${a:-0} |"
  done
  echo
  echo "Whole-run figures:"
  echo
  sed -n '5,$p' "$OUT_DIR/soak-load.md"
} > "$OUT_DIR/soak.md"
cat "$OUT_DIR/soak.md"
