#!/usr/bin/env bash
# `npm run bench -- <name> [options]`: starts project-local Postgres and Redis (unless
# DATABASE_URL / REDIS_URL are set) and runs one benchmark. Names: import, freshness, search,
# supply-demand, wage-guidance, matching; `summary` prints the latest figure of each against its
# target (artifacts/bench/*.json); `all` runs every one at full scale, then the summary
# (`all --quick` runs them at small scales to check the scripts, not to measure).
set -euo pipefail
source "$(dirname "$0")/services.sh"
cd "$ROOT"
ensure_node_modules
name="${1:-summary}"; shift || true

run_one() {
  local bench="$1"; shift
  log "benchmark: $bench $*"
  if [ "$bench" = import ]; then node --import tsx scripts/bench-import.ts "$@"
  else node --import tsx "scripts/bench/$bench.ts" "$@"; fi
}

if [ "$name" = summary ]; then run_one summary; exit 0; fi
trap services_down EXIT
services_up test
if [ "$name" != all ]; then run_one "$name" "$@"; exit 0; fi

if [ "${1:-}" = --quick ]; then
  run_one import --rows 2000 --no-write
  run_one freshness --samples 10
  run_one search --vacancies 5000,10000 --seekers 10000 --base 5000 --queries 600 --seconds 3 --baseline-seconds 5
  run_one supply-demand --scales 0.01,0.03
  run_one wage-guidance --vacancies 20000 --placements 2000 --employers 2000
  run_one matching --seekers 20000 --vacancies 1000 --samples 20 --rematch 10 --scales 0.5,1
else
  run_one import
  run_one freshness --samples 40
  run_one search --vacancies 100000,1000000 --seekers 1000000 --queries 4000 --seconds 15
  run_one supply-demand
  run_one wage-guidance
  run_one matching
fi
run_one summary
