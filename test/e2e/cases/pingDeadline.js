'use strict';
/**
 * Wait for Pingback's deadline in a running `n8n start`, over HTTP and over HTTPS (a self-signed certificate: the
 * node rings its own doorbell at the local address, where no public certificate can match): three captchas, two
 * answered while the execution waits (the sandbox delivers their pingbacks, the doorbell fetches the answers and
 * keeps waiting), one never answered. At the item's Timeout the doorbell's process resumes the execution itself —
 * long before n8n's own deadline (a minute later) — with the two answers and only the third `unanswered`, once.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { assert } = require('../lib/harness');
const n8n = require('../lib/n8n');
const { startSandbox } = require('../../sandbox');
const { startServer, setUpOwnerAndApiKey, waitFor, sleep } = require('../lib/server');
const wf = require('../lib/workflows');
const { pingbackWorkflow } = require('./pingwait');

// 2Captcha seconds × 0.1: reCAPTCHA solves in 3–6 s; the Timeout (real seconds in n8n) comes after them.
const SANDBOX = {
	timeScale: 0.1,
	seed: 23,
	solveTimes: { userrecaptcha: { min: 30, max: 60 } },
};
const TIMEOUT_SECONDS = 20;
/** n8n's own deadline comes 60 s after the Timeout: a resume before this is the doorbell's process's own. */
const BEFORE_N8N_DEADLINE_MS = (TIMEOUT_SECONDS + 40) * 1000;

/** A throwaway self-signed certificate for 127.0.0.1 (openssl), in `dir`. */
function selfSignedCertificate(dir) {
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
		],
		{
			stdio: 'ignore',
		},
	);
	return { key, cert };
}

/** context: { port }. One n8n at a time on `port`: HTTP first, then HTTPS. */
function pingDeadlineCases(context) {
	const state = {};
	const mine = (since) => [...state.sandbox.captchas.values()].filter((c) => c.method === 'userrecaptcha' && c.submittedAt >= since);

	/** n8n start with WEBHOOK_URL at itself (http or https), the owner, the credential and one active workflow. */
	const startN8n = async (protocol) => {
		const extraEnv = {
			WEBHOOK_URL: `${protocol}://127.0.0.1:${context.port}/`,
		};
		if (protocol === 'https') {
			state.certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-twocaptcha-tls-'));
			const { key, cert } = selfSignedCertificate(state.certDir);
			// n8n itself checks certificates as usual; only this test's own clients (the API calls, the sandbox's
			// pingbacks) accept the self-signed one.
			Object.assign(extraEnv, {
				N8N_PROTOCOL: 'https',
				N8N_SSL_KEY: key,
				N8N_SSL_CERT: cert,
				NODE_TLS_REJECT_UNAUTHORIZED: undefined,
			});
		}
		const baseUrl = `${protocol}://127.0.0.1:${context.port}`;
		state.userFolder = n8n.prepareUserFolder();
		await n8n.importCredentials(state.userFolder, [state.credential]);
		if (protocol === 'https') {
			state.tlsBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
			process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
		}
		state.server = await startServer(state.userFolder, {
			port: context.port,
			extraEnv,
			isReady: async () => {
				const response = await fetch(`${baseUrl}/rest/settings`);
				return response.ok && response.headers.get('content-type')?.includes('application/json');
			},
		});
		state.baseUrl = baseUrl;
		state.api = await setUpOwnerAndApiKey(baseUrl);
		const created = await state.api.createWorkflow(
			pingbackWorkflow(state.credential, {
				path: `pingdeadline-${protocol}`,
				operation: 'recaptchaV2',
				solverSettings: { timeoutSeconds: TIMEOUT_SECONDS },
			}),
		);
		await state.api.activateWorkflow(created.id);
		state.workflowId = created.id;
		return `n8n over ${protocol}, workflow ${created.id}`;
	};

	const stopN8n = async () => {
		await state.server?.stop();
		state.server = undefined;
		if (state.userFolder && !process.env.E2E_KEEP) fs.rmSync(state.userFolder, { recursive: true, force: true });
		if (state.certDir) fs.rmSync(state.certDir, { recursive: true, force: true });
		state.certDir = undefined;
		if ('tlsBefore' in state) {
			if (state.tlsBefore === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
			else process.env.NODE_TLS_REJECT_UNAUTHORIZED = state.tlsBefore;
			delete state.tlsBefore;
		}
	};

	const deadlineCase = async (protocol) => {
		assert.ok(state.api, 'n8n is not set up');
		const startedAt = Date.now();
		const executions = async () => await state.api.listExecutions(state.workflowId);
		// The first captcha of this run never gets an answer (nor a pingback); the other two are solved as usual.
		let held;
		const hold = setInterval(() => {
			const [first] = mine(startedAt);
			if (!first || held) return;
			held = first;
			first.pingback = null;
			Object.defineProperty(first, 'status', {
				configurable: true,
				enumerable: true,
				get: () => 'pending',
				set: () => undefined,
			});
		}, 2);
		let waiting;
		try {
			const response = await waitFor(
				async () => {
					const r = await fetch(`${state.baseUrl}/webhook/pingdeadline-${protocol}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ items: [0, 1, 2] }),
					});
					return r.status !== 404 && r;
				},
				{ timeoutMs: 15_000, what: 'the webhook' },
			);
			assert.equal(response.status, 200);
			await waitFor(async () => mine(startedAt).length === 3 && held, {
				timeoutMs: 15_000,
				intervalMs: 20,
				what: 'three submissions',
			});
		} finally {
			clearInterval(hold);
		}
		waiting = await waitFor(async () => (await executions())[0]?.status === 'waiting' && (await executions())[0], {
			timeoutMs: 30_000,
			what: 'the execution waiting',
		});
		const answered = mine(startedAt).filter((c) => c !== held);
		// The two answers arrive as pingbacks at the waiting execution, which fetches them and keeps waiting.
		await waitFor(async () => answered.every((c) => state.sandbox.log.some((e) => e.endpoint === 'pingback' && e.params.id === c.id && e.delivered)), {
			timeoutMs: 30_000,
			what: 'the two pingbacks delivered',
		});
		const fetched = state.sandbox.log.filter((e) => e.endpoint === 'res.php' && e.params.action === 'get' && e.at >= startedAt);
		for (const c of answered)
			assert.ok(
				fetched.some((e) =>
					String(e.params.ids ?? e.params.id)
						.split(',')
						.includes(c.id),
				),
				`no doorbell asked for ${c.id}`,
			);
		assert.equal((await executions())[0].status, 'waiting', 'the execution resumed before the deadline with a captcha pending');

		const done = await waitFor(async () => (await executions())[0]?.finished && (await executions())[0], {
			timeoutMs: BEFORE_N8N_DEADLINE_MS + 60_000,
			intervalMs: 500,
			what: 'the deadline resuming the execution',
		});
		assert.equal(done.id, waiting.id);
		const tookMs = new Date(done.stoppedAt).getTime() - new Date(done.startedAt).getTime();
		assert.ok(tookMs >= TIMEOUT_SECONDS * 1000, `resumed after ${tookMs} ms, before the Timeout`);
		assert.ok(tookMs < BEFORE_N8N_DEADLINE_MS, `resumed after ${tookMs} ms: n8n's own deadline, not the doorbell's process`);
		const runs = done.data.resultData.runData['2Captcha'];
		assert.equal(runs.length, 1, `the 2Captcha node ran ${runs.length} times`);
		const items = runs[0].data.main[0];
		assert.equal(items.length, 3, `resumed with ${items.length} items`);
		items.forEach((item, i) => {
			assert.equal(item.pairedItem.item, i);
			const captcha = state.sandbox.captchas.get(String(item.json.captchaId));
			assert.ok(captcha, `item ${i} lacks its captcha ID: ${JSON.stringify(item.json).slice(0, 200)}`);
			if (captcha === held) assert.equal(item.json.status, 'unanswered', JSON.stringify(item.json));
			else assert.equal(item.json.solution, captcha.answer, `item ${i}: ${JSON.stringify(item.json).slice(0, 200)}`);
		});
		assert.deepEqual(
			items.map((item) => String(item.json.captchaId)).sort(),
			mine(startedAt)
				.map((c) => c.id)
				.sort(),
		);
		// Once: one execution of the workflow, finished, no longer waiting; a later ring or pingback is refused.
		await sleep(2000);
		const all = await executions();
		assert.equal(all.length, 1, `${all.length} executions`);
		assert.equal(all[0].data.resultData.runData['2Captcha'].length, 1);
		assert.ok(!all[0].waitTill, `still has waitTill ${all[0].waitTill}`);
		const resumeUrl = state.sandbox.log.find((e) => e.endpoint === 'in.php' && e.at >= startedAt && e.params.pingback)?.params.pingback;
		const late = await fetch(resumeUrl, {
			method: 'POST',
			body: new URLSearchParams({ id: held.id, code: 'late' }),
		});
		assert.equal(late.status, 409, `a pingback after the resume got ${late.status}`);
		return `execution ${done.id}: resumed after ${(tookMs / 1000).toFixed(1)} s (Timeout ${TIMEOUT_SECONDS} s) with 2 answers and 1 unanswered; one run`;
	};

	return [
		{
			name: 'pingdeadline: sandbox and n8n start over HTTP',
			run: async () => {
				state.sandbox = await startSandbox(SANDBOX);
				state.credential = wf.twoCaptchaCredential({
					apiKey: state.sandbox.apiKey,
					customUrl: state.sandbox.url,
					name: 'pingdeadline sandbox',
				});
				return await startN8n('http');
			},
		},
		{
			name: 'pingdeadline: HTTP: 2 answered while waiting, 1 never → at the Timeout 2 answers + 1 unanswered, resumed once',
			run: async () => await deadlineCase('http'),
		},
		{
			name: 'pingdeadline: n8n start over HTTPS (self-signed certificate)',
			run: async () => {
				await stopN8n();
				return await startN8n('https');
			},
		},
		{
			name: 'pingdeadline: HTTPS: 2 answered while waiting, 1 never → at the Timeout 2 answers + 1 unanswered, resumed once',
			run: async () => await deadlineCase('https'),
		},
		{
			name: 'pingdeadline: n8n stops cleanly',
			run: async () => {
				await stopN8n();
				await state.sandbox?.close();
				return 'stopped';
			},
		},
	];
}

module.exports = { pingDeadlineCases };
