#!/usr/bin/env bash
# Real servers for integration and end-to-end tests, on one Debian machine, loopback only.
#
#   infra.sh up [--no-install]   install what is missing, start what is stopped, wait until
#                                each server answers, print `export DMS_...=...` lines
#   infra.sh env                 print the export lines only
#   infra.sh status              state of each server
#   infra.sh restart NAME        stop one server (kafka|ferretdb|redis|nats) and start it
#                                again on the same port, data kept; returns once it answers
#   infra.sh down [--wipe]       stop what this script started; --wipe also deletes .infra/
#   infra.sh install             install only (apt packages, Kafka jars, FerretDB binary)
#
# stdout carries only what the command is for (export lines, status); progress goes to
# stderr. Data, logs and pid files live under .infra/ at the repository root; downloads and
# builds are cached under ~/.cache/dms-infra so a second install takes seconds.
# A pid file is trusted only while that process's working directory is its server folder
# under .infra/, so this script never stops a process it did not start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/local"
INFRA_DIR="${DMS_INFRA_DIR:-$ROOT/.infra}"
CACHE_DIR="${DMS_INFRA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dms-infra}"

KAFKA_VERSION="${DMS_INFRA_KAFKA_VERSION:-4.1.1}"
FERRETDB_VERSION="${DMS_INFRA_FERRETDB_VERSION:-v1.24.2}"

KAFKA_PORT="${DMS_INFRA_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${DMS_INFRA_KAFKA_CONTROLLER_PORT:-19093}"
MONGO_PORT="${DMS_INFRA_MONGO_PORT:-27018}"
FERRETDB_DEBUG_PORT="${DMS_INFRA_FERRETDB_DEBUG_PORT:-27019}"
REDIS_PORT="${DMS_INFRA_REDIS_PORT:-16379}"
NATS_PORT="${DMS_INFRA_NATS_PORT:-14222}"

SERVERS=(kafka ferretdb redis nats)
# Kafka last: formatting its storage on a first start takes seconds the others need not wait.
START_ORDER=(redis nats ferretdb kafka)
START_TIMEOUT="${DMS_INFRA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${DMS_INFRA_STOP_TIMEOUT:-30}"

# apt package -> a file it installs, to see whether it is there without dpkg's database.
APT_PACKAGES=(redis-server nats-server kcat libwbxml2-utils libnet-smpp-perl)

KAFKA_HOME="$CACHE_DIR/kafka-$KAFKA_VERSION"
FERRETDB_BIN="$CACHE_DIR/ferretdb-$FERRETDB_VERSION/bin/ferretdb"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# ---------------------------------------------------------------- install

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else die "need root to run: $*"; fi
}

apt_missing() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  echo "${missing[@]+"${missing[@]}"}"
}

install_apt() {
  local wanted=("${APT_PACKAGES[@]}")
  command -v java >/dev/null || wanted+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || wanted+=(maven)
  local missing
  missing="$(apt_missing "${wanted[@]}")"
  [[ -z "$missing" ]] && return 0
  local t0; t0="$(now)"
  log "apt-get install $missing"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  # shellcheck disable=SC2086 # a list of package names
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
  log "apt packages installed in $(elapsed "$t0")"
}

find_go() {
  if command -v go >/dev/null; then command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then echo /usr/local/go/bin/go
  else return 1; fi
}

install_kafka() {
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  local t0 tmp; t0="$(now)"
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_HOME (once)"
  tmp="$KAFKA_HOME.tmp.$$"
  rm -rf "$tmp"
  mvn -B -q -Dstyle.color=never -f "$HERE/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DoutputDirectory="$tmp/libs" >&2 \
    || { rm -rf "$tmp"; die "fetching Kafka jars failed"; }
  rm -rf "$KAFKA_HOME"
  mv "$tmp" "$KAFKA_HOME"
  touch "$KAFKA_HOME/.complete"
  log "Kafka jars fetched in $(elapsed "$t0")"
}

# `go install .../cmd/ferretdb@v1.24.2` builds a binary that panics at start: the module
# zip lacks the generated build/version/version.txt, which the binary requires when its
# main module is FerretDB's. So: fetch the module with the Go toolchain, copy its source,
# write version.txt as `bin/task gen-version` would, and build cmd/ferretdb from there.
install_ferretdb() {
  [[ -x "$FERRETDB_BIN" ]] && return 0
  local go t0 src tmp; t0="$(now)"
  go="$(find_go)" || die "Go not found (needed to build FerretDB): put go on PATH or in /usr/local/go"
  log "building FerretDB $FERRETDB_VERSION into $(dirname "$FERRETDB_BIN") (once, 1-3 minutes)"
  src="$(GOTOOLCHAIN=local GOFLAGS=-mod=mod "$go" mod download -json \
    "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src" ]] || die "could not download the FerretDB $FERRETDB_VERSION module"
  tmp="$(mktemp -d)"
  cp -r "$src/." "$tmp/"
  chmod -R u+w "$tmp"
  echo "$FERRETDB_VERSION" >"$tmp/build/version/version.txt"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$tmp" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS= "$go" build -trimpath -buildvcs=false \
    -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb >&2) || { rm -rf "$tmp"; die "building FerretDB failed"; }
  rm -rf "$tmp"
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  log "FerretDB built in $(elapsed "$t0")"
}

install_all() {
  mkdir -p "$CACHE_DIR"
  install_apt
  # The two slow ones run side by side.
  local pk pf rc=0
  install_kafka & pk=$!
  install_ferretdb & pf=$!
  wait "$pk" || rc=1
  wait "$pf" || rc=1
  [[ $rc -eq 0 ]] || die "install failed"
}

# ---------------------------------------------------------------- processes

server_dir() { echo "$INFRA_DIR/$1"; }
pid_file() { echo "$INFRA_DIR/$1/$1.pid"; }
server_port() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;; ferretdb) echo "$MONGO_PORT" ;;
    redis) echo "$REDIS_PORT" ;; nats) echo "$NATS_PORT" ;;
    *) die "unknown server '$1' (one of: ${SERVERS[*]})" ;;
  esac
}

# Our pid, if the pid file names a live process whose working directory is our folder.
owned_pid() {
  local f pid cwd
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || return 1
  [[ "$cwd" == "$(server_dir "$1")" ]] || return 1
  grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port_holder() {
  command -v ss >/dev/null || { echo "unknown process"; return; }
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -1 || true
}

# Starts "$@" detached in the server's folder, with every output to its log file and no
# inherited descriptor (a caller reading our stdout, e.g. jest, must not wait for it).
spawn() {
  local name="$1"; shift
  local dir; dir="$(server_dir "$name")"
  (
    cd "$dir"
    exec setsid "$@" </dev/null >>"$dir/$name.out" 2>&1 9>&-
  ) &
  echo "$!" >"$(pid_file "$name")"
}

answers() {
  case "$1" in
    kafka)
      if command -v kcat >/dev/null; then
        kcat -L -b "127.0.0.1:$KAFKA_PORT" -m 3 2>/dev/null | grep -q 'broker 1 at'
      else
        port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$INFRA_DIR/kafka/logs/server.log" 2>/dev/null
      fi ;;
    ferretdb)
      port_open "$MONGO_PORT" && http_ok "$FERRETDB_DEBUG_PORT" /debug/readyz ;;
    redis)
      [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] ;;
    nats)
      local line
      line="$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$NATS_PORT; head -c 4 <&3" 2>/dev/null)" \
        && [[ "$line" == INFO ]] ;;
  esac
}

http_ok() {
  local status
  status="$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1
    printf 'GET $2 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3; head -1 <&3" 2>/dev/null)" || return 1
  [[ "$status" == *" 200 "* ]]
}

prepare_kafka() {
  local dir="$1"
  mkdir -p "$dir/data" "$dir/logs"
  sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
    -e "s#@DATA_DIR@#$dir/data#g" "$HERE/kafka/server.properties.tmpl" >"$dir/server.properties"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local cid
    # A KRaft cluster id is 16 random bytes in URL-safe base64 without padding. It may start
    # with '-' (1 start in 64): given as `-t <id>` the tool then reads it as an option and fails,
    # so it goes in the `--cluster-id=<id>` form.
    cid="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    log "kafka: formatting KRaft storage (cluster $cid)"
    (cd "$dir" && java "${KAFKA_JAVA_BASE[@]}" -cp "$KAFKA_HOME/libs/*" kafka.tools.StorageTool \
      format --cluster-id="$cid" -c "$dir/server.properties" >>"$dir/kafka.out" 2>&1 9>&-) \
      || die "kafka: storage format failed, see $dir/kafka.out"
  fi
}

start_server() {
  local name="$1" dir port holder
  dir="$(server_dir "$name")"
  port="$(server_port "$name")"
  if owned_pid "$name" >/dev/null; then return 0; fi
  if port_open "$port"; then
    holder="$(port_holder "$port")"
    die "$name: 127.0.0.1:$port is already in use by a process infra.sh did not start ($holder). Stop it, or run infra.sh with DMS_INFRA_$(tr '[:lower:]' '[:upper:]' <<<"${name/ferretdb/mongo}")_PORT set to a free port."
  fi
  mkdir -p "$dir"
  case "$name" in
    kafka)
      [[ -f "$KAFKA_HOME/.complete" ]] || die "kafka is not installed (run infra.sh up)"
      prepare_kafka "$dir"
      spawn kafka java "${KAFKA_JAVA_OPTS[@]}" -Dkafka.logs.dir="$dir/logs" \
        -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$dir/server.properties" ;;
    ferretdb)
      [[ -x "$FERRETDB_BIN" ]] || die "ferretdb is not installed (run infra.sh up)"
      port_open "$FERRETDB_DEBUG_PORT" && die "ferretdb: debug port 127.0.0.1:$FERRETDB_DEBUG_PORT is in use ($(port_holder "$FERRETDB_DEBUG_PORT")); set DMS_INFRA_FERRETDB_DEBUG_PORT"
      mkdir -p "$dir/data"
      spawn ferretdb "$FERRETDB_BIN" --listen-addr="127.0.0.1:$MONGO_PORT" \
        --handler=sqlite --sqlite-url="file:$dir/data/" --state-dir="$dir" \
        --debug-addr="127.0.0.1:$FERRETDB_DEBUG_PORT" --telemetry=disable \
        --log-level=warn --no-log-uuid ;;
    redis)
      sed -e "s#@PORT@#$REDIS_PORT#g" -e "s#@DIR@#$dir#g" "$HERE/redis/redis.conf.tmpl" >"$dir/redis.conf"
      spawn redis redis-server "$dir/redis.conf" ;;
    nats)
      spawn nats nats-server -a 127.0.0.1 -p "$NATS_PORT" -m 0 -l "$dir/nats.log" ;;
  esac
}

wait_answers() {
  local name="$1" t0="$2" deadline=$((SECONDS + START_TIMEOUT))
  until answers "$name"; do
    if ! owned_pid "$name" >/dev/null; then
      tail -n 20 "$(server_dir "$name")/$name.out" >&2 2>/dev/null || true
      die "$name exited while starting; logs under $(server_dir "$name")"
    fi
    ((SECONDS < deadline)) || die "$name did not answer within ${START_TIMEOUT}s; logs under $(server_dir "$name")"
    sleep 0.2
  done
  log "$name answers on 127.0.0.1:$(server_port "$name") ($(elapsed "$t0"))"
}

# On a new cluster the first consumer group creates __consumer_offsets, which takes a few
# seconds that the first test would otherwise spend; pay them once here instead.
warm_kafka() {
  local dir; dir="$(server_dir kafka)"
  [[ -f "$dir/.warmed" ]] && return 0
  command -v kcat >/dev/null || return 0
  local t0; t0="$(now)"
  if echo warm | kcat -b "127.0.0.1:$KAFKA_PORT" -P -t dms-infra-warmup 2>/dev/null \
    && timeout 60 kcat -b "127.0.0.1:$KAFKA_PORT" -G dms-infra-warmup -o beginning -e -q \
      -X topic.auto.offset.reset=earliest dms-infra-warmup >/dev/null 2>&1; then
    touch "$dir/.warmed"
    log "kafka: group coordinator ready ($(elapsed "$t0"))"
  else
    log "kafka: warm-up with kcat failed; the first consumer group will be slower"
  fi
}

stop_server() {
  local name="$1" pid deadline
  pid="$(owned_pid "$name")" || { rm -f "$(pid_file "$name")"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while owned_pid "$name" >/dev/null; do
    if ((SECONDS >= deadline)); then
      log "$name did not stop within ${STOP_TIMEOUT}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$(pid_file "$name")"
}

print_env() {
  echo "export DMS_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  echo "export DMS_MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT"
  echo "export DMS_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
  echo "export DMS_NATS_URL=nats://127.0.0.1:$NATS_PORT"
}

# One infra.sh at a time per data folder (two jest runs may call `up` together).
take_lock() {
  mkdir -p "$INFRA_DIR"
  exec 9>"$INFRA_DIR/.lock"
  flock -w "${DMS_INFRA_LOCK_TIMEOUT:-900}" 9 \
    || die "another infra.sh has held $INFRA_DIR/.lock for too long (a cold install? see ps)"
}

KAFKA_JAVA_BASE=(-Xmx256m -Dkafka.logs.dir="$INFRA_DIR/kafka/logs" -Dlog4j2.configurationFile="$HERE/kafka/log4j2.xml" -Djava.awt.headless=true)
KAFKA_JAVA_OPTS=(-Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$HERE/kafka/log4j2.xml")

cmd_up() {
  local install=1 t0 name
  [[ "${1:-}" == --no-install ]] && install=0
  t0="$(now)"
  take_lock
  ((install)) && install_all
  declare -A started=()
  for name in "${START_ORDER[@]}"; do
    started[$name]="$(now)"
    if ! owned_pid "$name" >/dev/null; then log "starting $name"; fi
    start_server "$name"
  done
  for name in "${START_ORDER[@]}"; do wait_answers "$name" "${started[$name]}"; done
  warm_kafka
  log "all servers answer ($(elapsed "$t0") in all); data and logs under $INFRA_DIR"
  print_env
}

cmd_down() {
  local name
  [[ -d "$INFRA_DIR" ]] || return 0
  take_lock
  for name in "${SERVERS[@]}"; do stop_server "$name"; done
  if [[ "${1:-}" == --wipe ]]; then
    log "deleting $INFRA_DIR"
    exec 9>&-
    rm -rf "$INFRA_DIR"
  fi
}

cmd_restart() {
  local name="${1:-}" t0
  [[ -n "$name" ]] || die "usage: infra.sh restart kafka|ferretdb|redis|nats"
  server_port "$name" >/dev/null
  take_lock
  t0="$(now)"
  stop_server "$name"
  start_server "$name"
  wait_answers "$name" "$t0"
}

cmd_status() {
  local name pid port state
  for name in "${SERVERS[@]}"; do
    port="$(server_port "$name")"
    if pid="$(owned_pid "$name")"; then
      if answers "$name"; then state="running  pid $pid, answers"
      else state="starting pid $pid, not answering yet"; fi
    elif port_open "$port"; then state="foreign  port in use by a process infra.sh did not start ($(port_holder "$port"))"
    else state="stopped"; fi
    printf '%-9s 127.0.0.1:%-6s %s\n' "$name" "$port" "$state"
  done
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  status) cmd_status ;;
  env) print_env ;;
  install) take_lock; install_all ;;
  *) echo "usage: infra.sh up [--no-install] | down [--wipe] | status | restart NAME | env | install" >&2; exit 2 ;;
esac
