#!/usr/bin/env bash
# `npm run dev`: installs what is missing, starts project-local Postgres and Redis (unless
# DATABASE_URL / REDIS_URL are set), migrates, loads demo data, runs the API and the workers
# with the default search engine (Meilisearch when MEILI_URL is set), and prints the URLs.
# Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/services.sh"
cd "$ROOT"
ensure_node_modules
trap 'kill ${WORKER_PID:-} ${API_PID:-} 2>/dev/null; wait 2>/dev/null; services_down' EXIT
trap 'exit 130' INT TERM
services_up dev

export NODE_ENV="${NODE_ENV:-development}"
export PORT="${PORT:-3000}"
if ! node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($PORT,'127.0.0.1',()=>s.close())"; then
  PORT=$(free_port); export PORT
fi
# QR codes and JSON-LD carry the public base URL to phones: on a dev machine that is its address on
# the local network (the API listens on 0.0.0.0), so a phone on the same Wi-Fi can open a scanned link.
LAN_IP=$(node -e "const n=require('os').networkInterfaces();const a=Object.values(n).flat().find(i=>i&&i.family==='IPv4'&&!i.internal);process.stdout.write(a?a.address:'localhost')")
export PES_PUBLIC_BASE_URL="${PES_PUBLIC_BASE_URL:-http://$LAN_IP:$PORT}"

log "applying migrations"
npx tsx src/cli/migrate.ts
log "loading reference and demo data (skipped when already present)"
npx tsx seeds/run.ts --demo
ADMIN_KEY=$(npx tsx src/cli/create-admin-key.ts --name "dev admin" --keep-in "$ROOT/.data/dev/admin-key" --quiet)
log "demo accounts (second factor off for the demo only; new one-time passwords on every start)"
DEMO_ACCOUNTS=$(npx tsx src/cli/demo-accounts.ts)

PES_MIGRATE_ON_START=false node --import tsx workers/main.ts &
WORKER_PID=$!
PES_MIGRATE_ON_START=false node --import tsx src/server.ts &
API_PID=$!
for _ in $(seq 1 100); do
  node -e "fetch('http://127.0.0.1:$PORT/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 0.2
done

cat <<MSG

  PES job service is running / 服务已启动
    Kiosk 触摸屏        http://localhost:$PORT/kiosk
    Phone 手机 (same network 同一网络)  $PES_PUBLIC_BASE_URL/kiosk   (QR codes point here 二维码指向此地址)
    API docs 接口文档   http://localhost:$PORT/docs
    Queues 队列面板     http://localhost:$PORT/admin/queues   (user: admin, password: the key below)
    Readiness 就绪检查  http://localhost:$PORT/health/ready
    Workbench 工作台    http://localhost:$PORT/app
    Sign in as / 演示账户 (role, user name, one-time password; a new password is chosen at first sign-in):
$DEMO_ACCOUNTS
    Admin API key 管理员密钥 (machine integrations and the queue dashboard only): $ADMIN_KEY
  Press Ctrl-C to stop / 按 Ctrl-C 停止

MSG
wait -n "$API_PID" "$WORKER_PID"
