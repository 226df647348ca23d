#!/usr/bin/env bash
# `npm run test:queue`: the pack in n8n queue mode (main + 2 workers + 1 webhook processor, PostgreSQL, Redis)
# against the sandbox. Installs Node 24 + n8n into the cache on first run (see n8n-env.sh), builds, runs
# test/queue/run.js. Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth; psql on PATH) and Redis at
# 127.0.0.1:6379. Env: see test/queue/run.js (QUEUE_PORT_BASE, QUEUE_WORKERS, QUEUE_ITEMS, QUEUE_KEEP…).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/n8n-env.sh

build_pack
pack_log "running the queue-mode suite"
exec node test/queue/run.js
