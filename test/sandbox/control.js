'use strict';
/**
 * A small control API for scripts that run the sandbox as a separate process (`npm run sandbox`):
 *   GET  /sandbox/log              → the request log (keys redacted)
 *   GET  /sandbox/faults           → current faults;  POST /sandbox/faults {faults} → replace them
 *   POST /sandbox/keys {key, balance} → add a key with a balance
 */

function sendJson(res, status, value) {
	const body = JSON.stringify(value);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

async function readJson(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : {};
}

const ROUTES = {
	'GET /sandbox/log': (services) => services.logEntries,
	'GET /sandbox/faults': (services) => services.faults.current,
	'POST /sandbox/faults': (services, body) => {
		services.faults.set(body);
		return services.faults.current;
	},
	'POST /sandbox/keys': (services, body) => {
		services.accounts.add(body.key, body.balance ?? 100);
		return { added: true };
	},
};

async function handleControl(req, res, url, services) {
	const route = ROUTES[`${req.method} ${url.pathname}`];
	if (!route) return sendJson(res, 404, { error: 'unknown sandbox control route' });
	try {
		const body = req.method === 'POST' ? await readJson(req) : undefined;
		sendJson(res, 200, route(services, body));
	} catch (error) {
		sendJson(res, 400, { error: error.message });
	}
}

module.exports = { handleControl };
