#!/usr/bin/env bash
# Project-local Postgres and Redis for `npm run dev` and `npm test`.
# Source it, then: services_up <profile>; trap services_down EXIT
# DATABASE_URL / REDIS_URL that are already set are used as they are and never stopped.
# Data lives under .data/<profile> (git-ignored); ports are picked free each run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
_STARTED_PG=""
_STARTED_REDIS=""
_THROWAWAY=""

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

ensure_node_modules() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    # npm ci: exactly the lock, as CI and the Dockerfile install it (docs/adr/0231).
    log "installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund) >&2 || die "npm ci failed (a lock out of step with package.json: run 'npm run lock')"
  fi
}

ensure_redis_binary() {
  command -v redis-server >/dev/null && return
  [ "$(id -u)" = 0 ] || die "redis-server is missing: install it with 'sudo apt-get install -y redis-server' or set REDIS_URL"
  log "installing Debian's redis-server"
  (apt-get install -y redis-server >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y redis-server >/dev/null; }) \
    || die "could not install redis-server; set REDIS_URL to an existing Redis"
  # The package may start a system-wide server; we run our own on a free port instead.
  (service redis-server stop >/dev/null 2>&1 || true)
}

# Postgres refuses to run as root: as root we run it as the `postgres` user.
_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local dir="$1/pg" run="$1/run" fsync="$2"
  [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin); set DATABASE_URL"
  mkdir -p "$dir" "$run"
  chmod 755 "$ROOT/.data" "$(dirname "$1")" "$1"
  [ "$(id -u)" = 0 ] && chown postgres "$dir" "$run"
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initialising a project-local Postgres in ${dir#$ROOT/}"
    _pg "$PG_BIN/initdb" -D "$dir" -U pes --auth=trust -E UTF8 --locale=C.UTF-8 >"$1/initdb.log" 2>&1 \
      || die "initdb failed, see $1/initdb.log"
  fi
  # A server left running by an interrupted earlier run is stopped, then started afresh.
  if _pg "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    _pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
  fi
  local port; port=$(free_port)
  _pg "$PG_BIN/pg_ctl" -D "$dir" -l "$run/postgres.log" -w -t 60 \
    -o "-p $port -k $run -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null || die "Postgres did not start, see $run/postgres.log"
  _STARTED_PG="$dir"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U pes -d postgres -tAc "select 1 from pg_database where datname='pes'" | grep -q 1 \
    || "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U pes pes
  export DATABASE_URL="postgres://pes@127.0.0.1:$port/pes"
  log "Postgres on 127.0.0.1:$port"
}

start_redis() {
  local dir="$1/redis" persist="$2"
  ensure_redis_binary
  mkdir -p "$dir"
  if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    kill "$(cat "$dir/redis.pid")" 2>/dev/null; sleep 0.5
  fi
  local port; port=$(free_port)
  local save=(--save "" --appendonly no)
  [ "$persist" = yes ] && save=(--appendonly yes)
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --maxmemory-policy noeviction "${save[@]}" \
    || die "Redis did not start, see $dir/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  _STARTED_REDIS="$dir"
  export REDIS_URL="redis://127.0.0.1:$port"
  log "Redis on 127.0.0.1:$port"
}

# services_up <profile: dev|test>
services_up() {
  local profile="$1" data="$ROOT/.data/$1"
  # Test runs get a throw-away data folder each, so parallel runs never touch each other's servers.
  if [ "$profile" = test ]; then
    for old in "$ROOT"/.data/test/*/; do
      [ -d "$old" ] || continue
      pid=$(basename "$old"); kill -0 "$pid" 2>/dev/null || rm -rf "$old"
    done
    data="$ROOT/.data/test/$$"
    _THROWAWAY="$data"
  fi
  mkdir -p "$data"
  local fsync=on persist=yes
  [ "$profile" = test ] && fsync=off && persist=no
  if [ -n "${DATABASE_URL:-}" ]; then log "using DATABASE_URL as given"; else start_postgres "$data" "$fsync"; fi
  if [ -n "${REDIS_URL:-}" ]; then log "using REDIS_URL as given"; else start_redis "$data" "$persist"; fi
}

services_down() {
  if [ -n "$_STARTED_REDIS" ] && [ -f "$_STARTED_REDIS/redis.pid" ]; then
    kill "$(cat "$_STARTED_REDIS/redis.pid")" 2>/dev/null || true
    _STARTED_REDIS=""
  fi
  if [ -n "$_STARTED_PG" ]; then
    _pg "$PG_BIN/pg_ctl" -D "$_STARTED_PG" -m fast -w stop >/dev/null 2>&1 || true
    _STARTED_PG=""
  fi
  if [ -n "$_THROWAWAY" ]; then rm -rf "$_THROWAWAY"; _THROWAWAY=""; fi
}
