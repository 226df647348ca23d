#!/usr/bin/env bash
# `npm run test:e2e`: every operation of the 2Captcha node and the pingback trigger in a real n8n, against the
# local sandbox. Installs Node 24 + n8n into the cache on first run (see n8n-env.sh), builds, runs test/e2e/run.js.
# Env: E2E_ONLY=<substring> (only matching cases), E2E_KEEP=1 (keep the temporary n8n user folder).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/n8n-env.sh

build_pack
pack_log "running the end-to-end suite"
exec node test/e2e/run.js
