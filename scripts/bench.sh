#!/usr/bin/env bash
# `npm run bench -- <name> [options]`: starts project-local Postgres and Redis (unless
# DATABASE_URL / REDIS_URL are set) and runs scripts/bench/<name>.ts. Names: search, freshness, import.
set -euo pipefail
source "$(dirname "$0")/services.sh"
cd "$ROOT"
ensure_node_modules
trap services_down EXIT
services_up test
name="${1:-search}"; shift || true
node --import tsx "scripts/bench/$name.ts" "$@"
