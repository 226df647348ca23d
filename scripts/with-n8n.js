'use strict';
/**
 * `node scripts/with-n8n.js <script.js> [args…]`: what every command that runs a real n8n does first, then the
 * script (npm start, npm run demo, test:e2e, test:queue, screenshot). Without a script: the install only.
 *
 * 1. Node 24 and n8n 2.41.1 in the cache (N8N_CACHE_DIR, default ~/.cache/n8n-nodes-twocaptcha): installed on the
 *    first run, a half-finished install redone, concurrent commands sharing one install (lib/n8nInstall.js).
 * 2. The pack built and packed (`npm pack`, as `npm publish` would upload it): PACK_TARBALL, which
 *    test/e2e/lib/n8n.js installs into each n8n user folder the way n8n installs a community package.
 * 3. NODE24 and N8N_BIN exported (run n8n as "$NODE24" "$N8N_BIN" …), then the script runs in this process.
 * Every n8n the script starts is stopped when it ends, also on failure (lib/children.js).
 */
const path = require('node:path');
const { ensureN8n, N8N_VERSION, log } = require('./lib/n8nInstall');
const { runMain } = require('./lib/main');

async function main() {
	const [script, ...args] = process.argv.slice(2);
	const { node, n8nBin } = await ensureN8n();
	Object.assign(process.env, { NODE24: node, N8N_BIN: n8nBin });
	if (!script) {
		log(`n8n ${N8N_VERSION} ready (${node})`);
		return true;
	}
	log('building and packing the pack (npm pack)');
	require('../test/e2e/lib/n8n').packTarball({ fresh: true });
	const target = path.resolve(script);
	process.argv = [process.argv[0], target, ...args];
	require(target);
	return undefined; // the script decides how this process ends
}

runMain('with-n8n', main);
