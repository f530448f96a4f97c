#!/usr/bin/env bash
# infra.sh start|stop|status : the infrastructure Sequent runs on, on this machine.
#
#   start   PostgreSQL (127.0.0.1:5432, roles and databases), Redis (127.0.0.1:6379), a Kafka
#           broker in KRaft mode (127.0.0.1:9092, controller 9093, topics) and the sample directory
#           (Samba AD on 127.0.0.1:389/636, demo users). Idempotent; one line per component.
#   stop    stops Kafka and the directory, and PostgreSQL/Redis only if this script started them.
#   status  one line per component; exit status 0 when everything is up.
#   test-kafka start|stop
#           an empty broker of its own for a test run on 127.0.0.1:29092 (test.sh uses it).
#
# SEQUENT_RUN_DIR (default /var/tmp/sequent), SEQUENT_NO_DIRECTORY=1 (no directory), JAVA_HOME.
# See deploy/local/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/directory/common.sh
source "$HERE/directory/common.sh"   # lib.sh and the directory's settings
# shellcheck disable=SC2034  # read by die and warn
SCRIPT_NAME=infra

DATABASES=(sequent_policy sequent_factor sequent_directory)   # each: role = owner, password = name; plus <name>_test and <name>_e2e
KAFKA_DIR="$RUN_DIR/kafka"
KAFKA_LIBS="$RUN_DIR/kafka/libs"   # the jars, shared by the broker and the test broker
KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093
KAFKA_LOG="$LOG_DIR/kafka.log"
TOPICS=( # name partitions cleanup.policy
  "sequent.directory.users 6 compact"
  "sequent.policy.changes 1 compact"
  "sequent.factor.events 6 delete"
  "sequent.auth.events 6 delete"
  "sequent.notifications.outbound 3 delete"
)

line() { printf '%-11s %s\n' "$1" "$2"; }

# ------------------------------------------------------------------ PostgreSQL
pg_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres; }
pg_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -1; }

start_postgres() {
  local t0 how="already running" v
  t0="$(now_us)"
  if ! port_open 127.0.0.1 5432; then
    apt_install postgresql
    v="$(pg_version)"
    [[ -n "$v" ]] || die "PostgreSQL: no cluster in /etc/postgresql after installing; see $LOG_DIR/apt.log"
    pg_ctlcluster --skip-systemctl-redirect "$v" main start >> "$LOG_DIR/postgresql.log" 2>&1 9>&- ||
      die "PostgreSQL $v/main did not start; see $LOG_DIR/postgresql.log and /var/log/postgresql/postgresql-$v-main.log"
    echo "$v" > "$PID_DIR/postgresql.started-here"
    wait_port 127.0.0.1 5432 60 PostgreSQL "" "/var/log/postgresql/postgresql-$v-main.log"
    how="started in $(secs_since "$t0") s"
  fi
  local roles="" dbs="" d
  for d in "${DATABASES[@]}"; do roles+="${roles:+,}'$d'" dbs+="${dbs:+,}('$d','$d'),('${d}_test','$d'),('${d}_e2e','$d')"; done
  pg_admin >> "$LOG_DIR/postgresql.log" 2>&1 <<SQL || die "PostgreSQL: creating the roles and databases failed; see $LOG_DIR/postgresql.log"
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', r, r) FROM unnest(ARRAY[$roles]) r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, o) FROM (VALUES $dbs) v(d, o)
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SQL
  line PostgreSQL "$how on 127.0.0.1:5432; databases ${DATABASES[*]} and their _test and _e2e twins ready"
}

# ------------------------------------------------------------------ Redis
redis_ping() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && IFS= read -r -t 3 l <&3 && [[ "$l" == +PONG* ]]) 2>/dev/null; }

start_redis() {
  local t0
  t0="$(now_us)"
  if redis_ping; then line Redis "already running on 127.0.0.1:6379"; return; fi
  port_open 127.0.0.1 6379 && die "Redis: something listens on 127.0.0.1:6379 but does not answer PING (a password?); Sequent needs an open local Redis there"
  apt_install redis-server
  mkdir -p "$RUN_DIR/redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir "$RUN_DIR/redis" --logfile "$LOG_DIR/redis.log" --pidfile "$PID_DIR/redis.pid" 9>&- ||
    die "Redis did not start; see $LOG_DIR/redis.log"
  for ((i = 0; i < 100; i++)); do redis_ping && break; sleep 0.1; done
  redis_ping || die "Redis did not answer PING on 127.0.0.1:6379 within 10 s; see $LOG_DIR/redis.log"
  line Redis "started in $(secs_since "$t0") s on 127.0.0.1:6379"
}

# ------------------------------------------------------------------ Kafka
kafka_tool() { # kafka_tool MAIN-CLASS ARGS...: a Kafka command-line tool from the copied jars
  timeout 120 "$(java_bin)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" -cp "$KAFKA_LIBS/*" "$@"
}

kafka_libs() { # the jars of deploy/local/kafka/pom.xml in $KAFKA_LIBS, fetched once per pom
  local want stamp="$KAFKA_LIBS/.pom.sha256" mvn=(mvn)
  want="$(sha256sum < "$HERE/kafka/pom.xml")"
  [[ -f "$stamp" && "$(< "$stamp")" == "$want" ]] && return 0
  if [[ -x "$ROOT/mvnw" ]]; then mvn=("$ROOT/mvnw"); else command -v mvn >/dev/null || apt_install maven; fi
  rm -rf "$KAFKA_LIBS"
  (cd "$ROOT" && "${mvn[@]}" -q -B -f deploy/local/kafka/pom.xml -Dkafka.libs="$KAFKA_LIBS" package) \
    > "$LOG_DIR/kafka-libs.log" 2>&1 9>&- || die "Kafka: fetching the jars with Maven failed; see $LOG_DIR/kafka-libs.log"
  echo "$want" > "$stamp"
}

kafka_config() {
  mkdir -p "$KAFKA_DIR/data"
  cat > "$KAFKA_DIR/server.properties" <<EOF
# Written by deploy/local/infra.sh at every start: one node, broker and controller (KRaft).
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
log.dirs=$KAFKA_DIR/data
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  local f level
  for f in log4j2 log4j2-tools; do
    if [[ "$f" == log4j2 ]]; then level=INFO; else level=WARN; fi
    cat > "$KAFKA_DIR/$f.properties" <<EOF
rootLogger.level=$level
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.target=SYSTEM_ERR
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=[%d] %p %m (%c)%n
logger.statechange.name=state.change.logger
logger.statechange.level=WARN
logger.configdump.name=org.apache.kafka.common.config.AbstractConfig
logger.configdump.level=WARN
EOF
  done
}

ensure_topics() { # creates the missing topics; with "quick", trusts the stamp of an earlier run
  local cluster spec stamp="$KAFKA_DIR/topics.ok" desc t name parts policy pids=() created=() got
  cluster="$(sed -n 's/^cluster.id=//p' "$KAFKA_DIR/data/meta.properties" 2>/dev/null || true)"
  spec="$cluster ${TOPICS[*]}"
  if [[ "${1:-}" == quick && -f "$stamp" && "$(< "$stamp")" == "$spec" ]]; then return 0; fi
  # also the proof that the broker serves metadata
  desc="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --describe --exclude-internal 2>> "$KAFKA_LOG")" ||
    die "Kafka: the broker on 127.0.0.1:$KAFKA_PORT did not answer a metadata request; see $KAFKA_LOG"
  for t in "${TOPICS[@]}"; do
    read -r name parts policy <<<"$t"
    if got="$(grep -P "^Topic: \Q$name\E\t" <<<"$desc")"; then
      [[ "$got" == *"PartitionCount: $parts"$'\t'* ]] || warn "Kafka: topic $name exists with other than $parts partitions: $got"
      [[ "$policy" == delete || "$got" == *"cleanup.policy=$policy"* ]] || warn "Kafka: topic $name exists without cleanup.policy=$policy: $got"
      continue
    fi
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create --if-not-exists \
      --topic "$name" --partitions "$parts" --replication-factor 1 --config "cleanup.policy=$policy" \
      >> "$KAFKA_LOG" 2>&1 &
    pids+=($!) created+=("$name")
  done
  for t in "${pids[@]}"; do wait "$t" || die "Kafka: creating the topics failed; see $KAFKA_LOG"; done
  echo "$spec" > "$stamp"
  ((${#created[@]} == 0)) || echo "topics created: ${created[*]}"
}

start_kafka() {
  local t0 pid note
  t0="$(now_us)"
  if pid="$(pid_of kafka "$KAFKA_DIR/server.properties")"; then
    port_open 127.0.0.1 9092 || wait_port 127.0.0.1 9092 120 Kafka "$pid" "$KAFKA_LOG"
    note="$(ensure_topics quick)"
    line Kafka "already running (pid $pid) on 127.0.0.1:9092${note:+; $note}"
    return
  fi
  if port_open 127.0.0.1 9092; then
    # one broker per machine: a broker started from another checkout (or by hand) serves as well,
    # provided it answers metadata requests; its topics are completed like ours
    kafka_libs
    kafka_config
    note="$(ensure_topics)"
    line Kafka "reusing the broker already on 127.0.0.1:9092 (not started from $RUN_DIR)${note:+; $note}"
    return
  fi
  port_open 127.0.0.1 9093 && die "Kafka: another process listens on 127.0.0.1:9093 but no broker on 9092; stop it first"
  kafka_libs
  kafka_config
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    kafka_tool kafka.tools.StorageTool format --standalone -c "$KAFKA_DIR/server.properties" \
      -t "$(kafka_tool kafka.tools.StorageTool random-uuid)" >> "$KAFKA_LOG" 2>&1 ||
      die "Kafka: formatting the storage in $KAFKA_DIR/data failed; see $KAFKA_LOG"
  fi
  echo "---- $(date '+%F %T') infra.sh starts the broker" >> "$KAFKA_LOG"
  setsid "$(java_bin)" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.Kafka "$KAFKA_DIR/server.properties" >> "$KAFKA_LOG" 2>&1 < /dev/null 9>&- &
  pid=$!
  echo "$pid" > "$PID_DIR/kafka.pid"
  wait_port 127.0.0.1 9092 120 Kafka "$pid" "$KAFKA_LOG"
  note="$(ensure_topics)"
  line Kafka "started in $(secs_since "$t0") s (pid $pid) on 127.0.0.1:9092${note:+; $note}"
}

# ------------------------------------------------------------------ directory
demo_users_present() {
  [[ "$(ldap_admin ldapsearch -LLL -b "$AD_BASE_DN" \
    '(|(sAMAccountName=alice)(sAMAccountName=bob)(sAMAccountName=carol)(sAMAccountName=user00020))' 1.1 2>/dev/null |
    grep -c '^dn')" == 4 ]]
}

start_directory() {
  local msg t0
  if [[ "${SEQUENT_NO_DIRECTORY:-0}" == 1 ]]; then line Directory "skipped (SEQUENT_NO_DIRECTORY=1)"; return; fi
  msg="$("$HERE/directory/start.sh")" || die "Directory: the sample directory did not start (see the message above; samba logs to $SAMBA_LOG)"
  if ! demo_users_present; then
    t0="$(now_us)"
    "$HERE/directory/seed.sh" --demo 20 >> "$LOG_DIR/directory-seed.log" 2>&1 ||
      die "Directory: seeding the demo users failed; see $LOG_DIR/directory-seed.log"
    msg+="; demo users seeded in $(secs_since "$t0") s"
  fi
  line Directory "$msg"
}

write_env() {
  {
    echo "# Written by deploy/local/infra.sh start"
    echo "PG_HOST=127.0.0.1"
    echo "PG_PORT=5432"
    echo "REDIS_URL=redis://127.0.0.1:6379"
    echo "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092"
    [[ "${SEQUENT_NO_DIRECTORY:-0}" == 1 ]] || cat "$AD_ENV"
  } > "$RUN_DIR/infra.env.tmp"
  mv "$RUN_DIR/infra.env.tmp" "$RUN_DIR/infra.env"
}

# A broker of its own for a test run (127.0.0.1:29092), emptied at every start: the tests' users and
# events never pile up in the compacted topics the demo reads, and every run starts from nothing.
cmd_test_kafka() {
  KAFKA_DIR="$RUN_DIR/kafka-test" KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 KAFKA_LOG="$LOG_DIR/kafka-test.log"
  local t0 pid
  t0="$(now_us)"
  take_lock
  if pid="$(pid_of kafka-test "$KAFKA_DIR/server.properties")"; then
    stop_pid kafka-test "$KAFKA_DIR/server.properties" 60 > /dev/null
  fi
  [[ "${1:-start}" == stop ]] && { line "Test Kafka" "stopped"; return; }
  port_open 127.0.0.1 "$KAFKA_PORT" && die "Kafka: another process listens on 127.0.0.1:$KAFKA_PORT; stop it first"
  rm -rf "$KAFKA_DIR/data" "$KAFKA_DIR/topics.ok"
  mkdir -p "$KAFKA_DIR"
  kafka_libs
  kafka_config
  kafka_tool kafka.tools.StorageTool format --standalone -c "$KAFKA_DIR/server.properties" \
    -t "$(kafka_tool kafka.tools.StorageTool random-uuid)" >> "$KAFKA_LOG" 2>&1 ||
    die "Kafka: formatting the storage in $KAFKA_DIR/data failed; see $KAFKA_LOG"
  setsid "$(java_bin)" -Xms128m -Xmx384m -XX:+UseSerialGC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.Kafka "$KAFKA_DIR/server.properties" >> "$KAFKA_LOG" 2>&1 < /dev/null 9>&- &
  pid=$!
  echo "$pid" > "$PID_DIR/kafka-test.pid"
  wait_port 127.0.0.1 "$KAFKA_PORT" 120 "Test Kafka" "$pid" "$KAFKA_LOG"
  ensure_topics > /dev/null
  line "Test Kafka" "started empty in $(secs_since "$t0") s (pid $pid) on 127.0.0.1:$KAFKA_PORT"
}

# ------------------------------------------------------------------ commands
cmd_start() {
  local t0
  t0="$(now_us)"
  take_lock
  start_postgres
  start_redis
  start_kafka
  start_directory
  write_env
  line Ready "in $(secs_since "$t0") s; settings in $RUN_DIR/infra.env"
}

cmd_stop() {
  take_lock
  if [[ -e "$FOREIGN_MARK" ]] || samba_pid >/dev/null; then line Directory "$("$HERE/directory/stop.sh")"; fi
  if ! pid_of kafka "$KAFKA_DIR/server.properties" >/dev/null && port_open 127.0.0.1 9092; then
    line Kafka "not started here (another broker on 127.0.0.1:9092 was reused); left running"
  else
    line Kafka "$(stop_pid kafka "$KAFKA_DIR/server.properties" 60)"
  fi
  if [[ -f "$PID_DIR/redis.pid" ]]; then
    line Redis "$(stop_pid redis redis-server 20)"
  else
    line Redis "left running (not started by infra.sh)"
  fi
  local v
  if [[ -f "$PID_DIR/postgresql.started-here" ]]; then
    v="$(< "$PID_DIR/postgresql.started-here")"
    pg_ctlcluster --skip-systemctl-redirect "$v" main stop >> "$LOG_DIR/postgresql.log" 2>&1 ||
      die "PostgreSQL: stopping $v/main failed; see $LOG_DIR/postgresql.log"
    rm -f "$PID_DIR/postgresql.started-here"
    line PostgreSQL "stopped"
  else
    line PostgreSQL "left running (not started by infra.sh)"
  fi
}

cmd_status() {
  local down=0 pid
  if port_open 127.0.0.1 5432; then
    line PostgreSQL "running on 127.0.0.1:5432$([[ -f "$PID_DIR/postgresql.started-here" ]] && echo ' (started by infra.sh)')"
  else line PostgreSQL "not running"; down=1; fi
  if redis_ping; then
    line Redis "running on 127.0.0.1:6379$(pid_of redis redis-server >/dev/null && echo ' (started by infra.sh)')"
  else line Redis "not running"; down=1; fi
  if pid="$(pid_of kafka "$KAFKA_DIR/server.properties")"; then line Kafka "running (pid $pid) on 127.0.0.1:9092"
  elif port_open 127.0.0.1 9092; then line Kafka "not running here; another process listens on 127.0.0.1:9092"; down=1
  else line Kafka "not running"; down=1; fi
  if [[ "${SEQUENT_NO_DIRECTORY:-0}" == 1 ]]; then line Directory "skipped (SEQUENT_NO_DIRECTORY=1)"
  elif pid="$(samba_pid)"; then line Directory "running (pid $pid) on $AD_LDAP_URL"
  elif [[ -e "$FOREIGN_MARK" ]] && port_open 127.0.0.1 389; then line Directory "reusing another server on $AD_LDAP_URL"
  else line Directory "not running"; down=1; fi
  return $down
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  test-kafka) cmd_test_kafka "${2:-start}" ;;
  *) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
