'use strict';
/**
 * A running `n8n start` and its REST APIs: owner setup, an API key, then the public API for workflows
 * (create, activate) and executions.
 */
const { spawn } = require('node:child_process');
const { n8nEnv, requireEnv } = require('./n8n');
const { track } = require('../../../scripts/lib/children');

const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Captcha-Demo-2024',
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it resolves a truthy value or `timeoutMs` elapses. */
async function waitFor(probe, { timeoutMs, intervalMs = 200, what }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe().catch(() => undefined);
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

/**
 * Starts `n8n start` (or another n8n command: `args`, e.g. ['worker']) on 127.0.0.1:port; resolves once
 * `isReady(baseUrl)` (default: the REST API answers). `stop()` ends it (SIGTERM, then SIGKILL).
 */
async function startServer(userFolder, { port = 5678, extraEnv = {}, inheritOutput = false, args = ['start'], isReady = restApiReady } = {}) {
	const child = track(
		spawn(requireEnv('NODE24'), [requireEnv('N8N_BIN'), ...args], {
			// Its task broker takes the next port (n8n's defaults: 5678 and 5679), so servers on other ports can coexist.
			env: n8nEnv(userFolder, { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(port + 1), ...extraEnv }),
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	// Kept (for the error below and output()), and shown as it comes when `inheritOutput`.
	let output = '';
	child.stdout.on('data', (chunk) => ((output += chunk), inheritOutput && process.stdout.write(chunk)));
	child.stderr.on('data', (chunk) => ((output += chunk), inheritOutput && process.stderr.write(chunk)));
	let exited = false;
	const exit = new Promise((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
	const baseUrl = `http://127.0.0.1:${port}`;

	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exit;
		clearTimeout(timer);
	};

	try {
		await waitFor(
			async () => {
				if (exited) throw new Error('exited');
				return await isReady(baseUrl);
			},
			// A first start migrates a new database: minutes on a busy two-core machine.
			{ timeoutMs: 240_000, what: `n8n ${args[0]} to be ready` },
		);
	} catch (error) {
		await stop();
		throw new Error(`n8n ${args[0]} failed (${error.message}):\n${output.slice(-1500)}`);
	}
	return { baseUrl, stop, output: () => output, exit };
}

/** /healthz answers early, and until startup ends every /rest route answers 200 with the text "n8n is starting up": wait for real JSON. */
async function restApiReady(baseUrl) {
	const response = await fetch(`${baseUrl}/rest/settings`);
	return response.ok && response.headers.get('content-type')?.includes('application/json');
}

async function request(url, { method = 'GET', headers = {}, body } = {}) {
	const response = await fetch(url, {
		method,
		headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${new URL(url).pathname} → ${response.status}: ${text.slice(0, 300)}`);
	return { response, json: text ? JSON.parse(text) : undefined };
}

/** Whether the instance has its owner account already (n8n's public settings stop offering the setup page). */
async function hasOwner(baseUrl) {
	const { json } = await request(`${baseUrl}/rest/settings`);
	return json.data?.userManagement?.showSetupOnFirstLoad === false;
}

/** Sets up the owner account (OWNER); resolves the owner's session cookie. */
async function setUpOwner(baseUrl) {
	const { response } = await request(`${baseUrl}/rest/owner/setup`, { method: 'POST', body: OWNER });
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Sets up the owner account and creates a public-API key; returns a client for the public API. */
async function setUpOwnerAndApiKey(baseUrl) {
	const cookie = await setUpOwner(baseUrl);
	// The owner may grant every scope its role allows: ask for that list rather than hard-coding scope names.
	const scopes = (await request(`${baseUrl}/rest/api-keys/scopes`, { headers: { cookie } })).json.data;
	const { json } = await request(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { cookie },
		body: { label: 'e2e', expiresAt: null, scopes },
	});
	// `cookie` is the owner's session, for the internal REST API (e.g. POST /rest/workflows/<id>/run).
	return { ...publicApi(baseUrl, json.data.rawApiKey ?? json.data.apiKey), cookie };
}

function publicApi(baseUrl, apiKey) {
	const call = async (method, path, body) =>
		(await request(`${baseUrl}/api/v1${path}`, { method, body, headers: { 'x-n8n-api-key': apiKey } })).json;
	return {
		createWorkflow: (workflow) => call('POST', '/workflows', workflow),
		activateWorkflow: (id) => call('POST', `/workflows/${id}/activate`),
		listExecutions: async (workflowId) =>
			(await call('GET', `/executions?workflowId=${workflowId}&includeData=true`)).data,
		getExecution: (id) => call('GET', `/executions/${id}?includeData=true`),
	};
}

module.exports = { OWNER, startServer, hasOwner, setUpOwner, setUpOwnerAndApiKey, request, waitFor, sleep };
