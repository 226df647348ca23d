#!/usr/bin/env bash
# `npm run demo`: headless tour. Builds the pack, then runs every example workflow that starts with a Manual
# Trigger in a real n8n (temporary user folder) against the local sandbox, printing one line per result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/n8n-env.sh
build_pack
exec node scripts/demo.js
