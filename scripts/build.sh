#!/usr/bin/env bash
# `npm run build`: compiles src/, workers/ and seeds/ to dist/ (same layout) and copies the
# files they read at run time (migrations, taxonomy, JSON data, web assets, demo postings).
# `npm start` and `npm run worker` then run plain JavaScript.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npx tsc -p tsconfig.build.json
cp -r migrations dist/migrations
# Every non-TypeScript file under the compiled folders, at the same relative path.
find src workers seeds -type f ! -name '*.ts' -print0 | while IFS= read -r -d '' f; do
  mkdir -p "dist/$(dirname "$f")"
  cp "$f" "dist/$f"
done
echo "built dist/ ($(find dist -name '*.js' | wc -l) modules)"
