# shellcheck shell=bash
# Helpers sourced by the scripts in deploy/local. Sets ROOT, RUN_DIR, LOG_DIR, PID_DIR.
#
#   SEQUENT_RUN_DIR   where state, logs and pid files live (default: /var/tmp/sequent). One per
#                     machine by default: the infrastructure's ports (9092, 389, ...) exist once per
#                     machine, so every checkout shares one broker and one directory.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${SEQUENT_RUN_DIR:-/var/tmp/sequent}"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
SCRIPT_NAME="${SCRIPT_NAME:-$(basename "$0" .sh)}"

say() { printf '%s\n' "$*"; }
warn() { printf '%s: warning: %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { printf '%s: error: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

# Timing without forks: t0=$(now_us) ... "$(secs_since "$t0") s"
now_us() { local t="${EPOCHREALTIME/[.,]/}"; echo "${t#0}"; }
secs_since() { local d=$(($(now_us) - $1)); printf '%d.%02d' $((d / 1000000)) $((d % 1000000 / 10000)); }

# One start/stop at a time per run dir; a script called by another one that holds the lock
# (SEQUENT_LOCK_HELD=<run dir>) does not take it again. Children must not inherit fd 9 (use 9>&-).
take_lock() {
  [[ "${SEQUENT_LOCK_HELD:-}" == "$RUN_DIR" ]] && return 0
  exec 9>"$RUN_DIR/.lock"
  flock -w 900 9 || die "another start/stop in $RUN_DIR held the lock ($RUN_DIR/.lock) for 15 minutes"
  export SEQUENT_LOCK_HELD="$RUN_DIR"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_port HOST PORT SECONDS NAME [PID [LOGFILE]]: wait until HOST:PORT accepts connections;
# dies early when PID exits, naming LOGFILE.
wait_port() {
  local host="$1" port="$2" secs="$3" name="$4" pid="${5:-}" logf="${6:-}" i
  for ((i = 0; i < secs * 10; i++)); do
    port_open "$host" "$port" && return 0
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      die "$name exited before it opened $host:$port${logf:+; see $logf}"
    fi
    sleep 0.1
  done
  die "$name did not open $host:$port within $secs s${logf:+; see $logf}"
}

# A live (non-zombie) process?
alive() {
  local stat
  { read -r stat < "/proc/$1/stat"; } 2>/dev/null || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != Z ]]
}

# Does process group $1 have a live (non-zombie) member?
group_alive() { ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'; }

# pid_of NAME PATTERN: the pid in $PID_DIR/NAME.pid if that process lives and its command line
# contains PATTERN (so a recycled pid of someone else's process is never taken for ours).
pid_of() {
  local f="$PID_DIR/$1.pid" pid cmd
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' < "$f")"
  [[ -n "$pid" ]] && alive "$pid" || return 1
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *"$2"* ]] || return 1
  echo "$pid"
}

# stop_pid NAME PATTERN [TIMEOUT]: TERM the process of $PID_DIR/NAME.pid (its whole process group
# when it leads one, as daemons started with setsid do), KILL it after TIMEOUT s (default 20).
# Prints "stopped in N s" or "not running"; removes the pid file.
stop_pid() {
  local name="$1" pattern="$2" timeout="${3:-20}" pid pgid t0 target i
  if ! pid="$(pid_of "$name" "$pattern")"; then
    rm -f "$PID_DIR/$name.pid"; say "not running"; return 0
  fi
  t0="$(now_us)"
  pgid="$(ps -o pgid= -p "$pid" | tr -d ' ')"
  if [[ "$pgid" == "$pid" ]]; then target="-$pid"; else target="$pid"; fi
  kill -TERM -- "$target" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    warn "$name (pid $pid) did not stop within $timeout s; killing it"
    kill -KILL -- "$target" 2>/dev/null || true
  fi
  # workers of a process group leave with their leader; give them a moment, then KILL the rest
  if [[ "$target" == -* ]]; then
    for ((i = 0; i < 50; i++)); do
      group_alive "$pid" || break
      sleep 0.1
    done
    if group_alive "$pid"; then kill -KILL -- "$target" 2>/dev/null || true; fi
  fi
  rm -f "$PID_DIR/$name.pid"
  say "stopped in $(secs_since "$t0") s"
}

# apt_install PKG...: install the missing Debian packages. Package scripts may not start system
# services meanwhile (a temporary policy-rc.d); these scripts start what they need themselves.
apt_install() {
  local missing=() p added=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  [[ "$(id -u)" == 0 ]] || die "packages ${missing[*]} are missing; install them as root (apt-get install ${missing[*]})"
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && added=1
  fi
  local rc=0 logf="$LOG_DIR/apt.log"
  {
    if [[ -z "${SEQUENT_APT_UPDATED:-}" ]]; then apt-get update -q && export SEQUENT_APT_UPDATED=1; fi &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  } >> "$logf" 2>&1 9>&- || rc=$?
  [[ -z "$added" ]] || rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || die "apt-get install ${missing[*]} failed; see $logf"
}

# The java to run: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on PATH.
java_bin() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java || die "no java on PATH and JAVA_HOME is not set (Java 17 needed)"; fi
}
