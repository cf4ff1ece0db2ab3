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
# Lint (module boundaries and basic rules, docs/adr/0220) runs beside the type-check: two processes
# on two cores instead of one after the other. SKIP_LINT=1 skips it (like SKIP_TYPECHECK=1).
lint_pid=""
if [ -z "${SKIP_LINT:-}" ]; then
  log "linting (eslint, in parallel with the type-check)"
  mkdir -p .data
  npx eslint --max-warnings 0 --cache --cache-location .data/eslintcache . &
  lint_pid=$!
fi
if [ -z "${SKIP_TYPECHECK:-}" ]; then
  log "type-checking"
  npx tsc --noEmit
  # The workbench's browser modules (JSDoc-typed ES modules, served as written): docs/adr/0190.
  npx tsc -p tsconfig.web.json
fi
if [ -n "$lint_pid" ]; then
  wait "$lint_pid" || { log "lint failed (npx eslint . shows the findings)"; exit 1; }
fi
log "running tests"
npx vitest run "$@"
