#!/usr/bin/env bash
# `npm start`: builds the pack and runs n8n on http://127.0.0.1:5678 with it installed as a community package,
# a 2Captcha credential (the local sandbox, or 2captcha.com when TWOCAPTCHA_API_KEY is set) and the example
# workflows. The n8n user folder persists in .cache/n8n-user (override: N8N_START_USER_FOLDER).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/n8n-env.sh
build_pack
exec node scripts/start.js
