#!/usr/bin/env bash
# `npm test`: installs what is missing, starts project-local Postgres and Redis (unless
# DATABASE_URL / REDIS_URL are set), type-checks, runs the whole vitest suite, stops services.
# Extra arguments go to vitest, e.g. `npm test -- tests/integration/health.test.ts`.
set -euo pipefail
source "$(dirname "$0")/services.sh"
cd "$ROOT"
ensure_node_modules
trap services_down EXIT
services_up test
export NODE_ENV=test
if [ -z "${SKIP_TYPECHECK:-}" ]; then
  log "type-checking"
  npx tsc --noEmit
fi
log "running tests"
npx vitest run "$@"
