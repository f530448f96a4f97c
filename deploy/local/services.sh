#!/usr/bin/env bash
# services.sh start|stop|status : the four Sequent services as background JVMs on this machine.
#
#   start   builds the services when a jar is missing or older than its sources, starts each one
#           that is not running (logs in $RUN_DIR/logs/<service>.log, pid files in $RUN_DIR/pids),
#           and waits until every /q/health/ready answers UP.
#   stop    stops them (TERM, then KILL after 20 s).
#   status  one line per service; exit status 0 when all are ready.
#
# SEQUENT_JAVA_OPTS (default: -Xmx256m -XX:+UseSerialGC), JAVA_HOME.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
SCRIPT_NAME=services

SERVICES=( # module port
  "auth-flow-service 8080"
  "policy-service 8081"
  "factor-service 8082"
  "directory-sync-service 8083"
)
JAVA_OPTS="${SEQUENT_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
# factor-service's key for secrets at rest. This fixed value is for local runs only (the local
# databases keep rows sealed under it); set SEQUENT_FACTOR_KEY to your own anywhere else.
export SEQUENT_FACTOR_KEY="${SEQUENT_FACTOR_KEY:-bG9jYWwtcnVuLW9ubHktZmFjdG9yLWtleS0wMDAwMDA=}"
# directory-sync's key ring for directory bind secrets (keyId:base64), likewise local-only.
export SEQUENT_DIRECTORY_SECRET_KEYS="${SEQUENT_DIRECTORY_SECRET_KEYS:-local1:bG9jYWwtcnVuLW9ubHktZGlyZWN0b3J5LWtleS0wMDA=}"
export SEQUENT_DIRECTORY_SECRET_KEY_ID="${SEQUENT_DIRECTORY_SECRET_KEY_ID:-local1}"

jar_of() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

ready() { curl -fsS -m 3 "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }

needs_build() {
  local entry module jar
  for entry in "${SERVICES[@]}"; do
    module="${entry% *}"; jar="$(jar_of "$module")"
    [[ -f "$jar" ]] || return 0
    [[ -z "$(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "$ROOT/event-contracts/src/main" "$ROOT/outbox/src/main" \
              -newer "$jar" -type f -print -quit 2>/dev/null)" ]] || return 0
  done
  return 1
}

build() {
  local t0 logf="$LOG_DIR/build.log"
  t0="$(now_us)"
  say "build      packaging the services (log: $logf)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests > "$logf" 2>&1 9>&-) ||
    die "the build failed; see $logf"
  say "build      done in $(secs_since "$t0") s"
}

start_one() {
  local module="$1" port="$2" pid logf jar
  logf="$LOG_DIR/$module.log"; jar="$(jar_of "$module")"
  if pid="$(pid_of "$module" "$jar")"; then
    echo "$pid"; return 0
  fi
  if port_open 127.0.0.1 "$port"; then
    die "$module: something else already listens on 127.0.0.1:$port (stop it, or run deploy/local/down.sh)"
  fi
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  setsid "$(java_bin)" $JAVA_OPTS -jar "$jar" >> "$logf" 2>&1 < /dev/null 9>&- &
  echo $! > "$PID_DIR/$module.pid"
  echo $!
}

await_ready() {
  local module="$1" port="$2" pid="$3" secs="${4:-120}" i
  for ((i = 0; i < secs * 4; i++)); do
    ready "$port" && return 0
    alive "$pid" || { tail -n 20 "$LOG_DIR/$module.log" >&2; die "$module exited during start-up; see $LOG_DIR/$module.log"; }
    sleep 0.25
  done
  curl -sS -m 3 "http://127.0.0.1:$port/q/health/ready" >&2 || true
  die "$module is not ready after $secs s (the health answer is above); see $LOG_DIR/$module.log"
}

start() {
  take_lock
  command -v curl >/dev/null || apt_install curl
  # factor-service hashes passwords with libsodium where it is installed: the same Argon2id as libargon2's, in 40 %
  # less CPU. Optional: without it (or without root to install it) the service uses libargon2.
  if command -v dpkg-query >/dev/null && [[ "$(id -u)" == 0 ]]; then
    (apt_install libsodium23) || say "libsodium23 did not install; factor-service hashes with libargon2"
  fi
  if needs_build; then build; fi
  local entry module port t0 pids=()
  t0="$(now_us)"
  for entry in "${SERVICES[@]}"; do
    module="${entry% *}"; port="${entry#* }"
    pids+=("$(start_one "$module" "$port")")
  done
  local i=0
  for entry in "${SERVICES[@]}"; do
    module="${entry% *}"; port="${entry#* }"
    await_ready "$module" "$port" "${pids[$i]}"
    printf '%-23s ready on http://127.0.0.1:%s (pid %s)\n' "$module" "$port" "${pids[$i]}"
    i=$((i + 1))
  done
  say "services   all ready in $(secs_since "$t0") s"
}

stop() {
  take_lock
  local entry module
  for entry in "${SERVICES[@]}"; do
    module="${entry% *}"
    printf '%-23s %s\n' "$module" "$(stop_pid "$module" "$(jar_of "$module")")"
  done
}

status() {
  local entry module port pid rc=0
  for entry in "${SERVICES[@]}"; do
    module="${entry% *}"; port="${entry#* }"
    if pid="$(pid_of "$module" "$(jar_of "$module")")"; then
      if ready "$port"; then printf '%-23s ready on :%s (pid %s)\n' "$module" "$port" "$pid"
      else printf '%-23s running, not ready (pid %s)\n' "$module" "$pid"; rc=1; fi
    else
      printf '%-23s stopped\n' "$module"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
