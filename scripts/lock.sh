#!/usr/bin/env bash
# `npm run lock`: rewrites package-lock.json from package.json so that `npm ci` accepts it on
# every platform (the Docker image's linux, a developer's macOS or Windows, arm64 servers).
#
# Why a script: npm writes a lock from the tree it resolves. Run where node_modules already
# exists, it can drop the optional native builds of other platforms (@node-rs/jieba-darwin-arm64,
# @rollup/rollup-win32-x64-msvc, ...) that this machine never installed, and `npm ci` then
# refuses the lock ("Missing: ... from lock file"). Resolving in an empty folder keeps every
# platform's entry. Versions already in the lock stay as they are when package.json still
# allows them (nothing is upgraded); only new or changed dependencies are resolved afresh.
#
#   npm run lock            regenerate (after a merge, also when the lock has conflict markers:
#                           npm resolves them), then check it
#   npm run lock -- --check only check the committed lock (offline; CI runs this)
# Docs: docs/adr/0231-lock-file-platform-packages.md
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--check" ]; then
  exec node scripts/check-lock.mjs package-lock.json
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp package.json "$tmp/"
[ -f package-lock.json ] && cp package-lock.json "$tmp/"
# --ignore-scripts: no postinstall (patch-package) in the empty folder; nothing is installed.
(cd "$tmp" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error)
node scripts/check-lock.mjs "$tmp/package-lock.json"
cp "$tmp/package-lock.json" package-lock.json
echo "package-lock.json rewritten; run 'npm ci' (or 'npm install') to bring node_modules in line"
