'use strict';
/**
 * The 2Captcha Trigger in a running `n8n start`: a workflow with the trigger is created and activated over the
 * public API (activation registers the webhook host with the sandbox), a captcha submitted with the trigger's
 * production URL as its pingback is delivered by the sandbox and starts an execution; a wrong secret starts none.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { assert } = require('../lib/harness');
const { PACK_ROOT, executeWorkflow } = require('../lib/n8n');
const { loadExamples, isHeadless, adaptExample } = require('../lib/examples');
const { startServer, setUpOwnerAndApiKey, waitFor, sleep } = require('../lib/server');
const wf = require('../lib/workflows');

/**
 * The trigger's production URL path for a secret, after `/webhook/<webhookId>/`: the path the built node listens at
 * on the server, with the Secret as `?secret=` (the editor shows `<your Secret>` there).
 */
function pingbackPath(secret) {
	const { PINGBACK_PATH } = require(path.join(PACK_ROOT, 'dist/nodes/TwoCaptchaTrigger/webhookPath.js'));
	const { SECRET_QUERY_PARAM } = require(path.join(PACK_ROOT, 'dist/nodes/TwoCaptcha/shared/pingbackSecret.js'));
	return `${PINGBACK_PATH}?${SECRET_QUERY_PARAM}=${encodeURIComponent(secret)}`;
}

/** Executions are listed as soon as they start; their data is there once they have finished. */
function isFinished(execution) {
	return Boolean(execution && execution.finished && execution.data?.resultData?.runData);
}

/** The first output item of each node that ran in a finished execution. */
function firstItems(execution) {
	return Object.values(execution.data.resultData.runData)
		.map((runs) => runs[0]?.data?.main?.[0]?.[0]?.json)
		.filter(Boolean);
}

/**
 * The finished execution of a workflow whose output carries `captchaId`: chosen by the captcha it carries, never by
 * its place in the list (other captchas' executions of the same workflow may be there too, in any order).
 */
async function executionCarrying(api, workflowId, captchaId, what) {
	const carries = (execution) => isFinished(execution) && firstItems(execution).some((json) => String(json.captchaId) === String(captchaId));
	return await waitFor(async () => (await api.listExecutions(workflowId)).find(carries), { timeoutMs: 30_000, what });
}

function triggerWorkflow(credential, secret) {
	const webhookId = crypto.randomUUID();
	const trigger = wf.node(
		'2Captcha Trigger',
		wf.TRIGGER_NODE_TYPE,
		{ secret, registerAddress: true },
		[0, 0],
		{ webhookId, credentials: wf.credentialRef(credential) },
	);
	// The public API accepts only these fields on create.
	const workflow = {
		name: 'e2e 2Captcha Trigger',
		nodes: [trigger],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	return { workflow, webhookId };
}

/** Submits a reCAPTCHA straight to the sandbox's in.php with a pingback URL; resolves the captcha ID. */
async function submitWithPingback(sandbox, pingback) {
	const body = new URLSearchParams({
		key: sandbox.apiKey,
		method: 'userrecaptcha',
		googlekey: '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-',
		pageurl: 'https://example.com/login',
		pingback,
		json: '1',
	});
	const response = await fetch(`${sandbox.url}/in.php`, { method: 'POST', body });
	const answer = await response.json();
	assert.equal(answer.status, 1, `in.php refused the submission: ${answer.request}`);
	return answer.request;
}

/** The public API takes only these fields when creating a workflow. */
const creatable = ({ name, nodes, connections, settings }) => ({ name, nodes, connections, settings });

/** The async example pair: the trigger workflow and the Submit Only workflow whose Pingback URL points at it. */
function asyncExamplePair(credential, n8nUrl) {
	const examples = loadExamples().map(({ workflow }) => adaptExample(workflow, { credential, n8nUrl }));
	const trigger = examples.find((workflow) => !isHeadless(workflow));
	const submit = examples.find((workflow) => workflow.nodes.some((n) => n.parameters.mode === 'submitOnly'));
	assert.ok(trigger && submit, 'examples/ lacks the async pair (a trigger workflow and a Submit Only workflow)');
	return { trigger, submit };
}

const pingbackLog = (sandbox) =>
	sandbox.log.filter((entry) => entry.endpoint === 'pingback').map(({ url, delivered, reason, status, error }) => ({ url, delivered, reason, status, error }));

async function postPingback(url, fields) {
	const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
	return response.status;
}

/**
 * Activation reports success even when n8n could not register the webhook (its public API activates in the
 * background): probe the Pingback URL with a body that is no pingback. The trigger answers 400 and starts
 * nothing; 404 means no webhook is registered there, e.g. because another active 2Captcha Trigger holds the
 * same webhook path (n8n keys dynamic webhook paths without their webhook ID).
 */
async function expectWebhookRegistered(url) {
	let status;
	await waitFor(async () => (status = await postPingback(url, { probe: '1' })) !== 404, { timeoutMs: 5000, what: 'the webhook' }).catch(
		() => {
			throw new Error(`the pingback URL answers 404 after activation: no webhook registered there (${url.replace(/[^/]+$/, '<secret>')})`);
		},
	);
	assert.equal(status, 400, `a non-pingback body should be refused with 400, got ${status}`);
}

/** context: { userFolder, credential, sandbox, port }. */
function triggerCases(context) {
	const secret = crypto.randomBytes(18).toString('base64url');
	const state = {};

	const withServer = async (body) => {
		state.server ??= await startServer(context.userFolder, { port: context.port });
		return await body(state.server);
	};

	return [
		{
			name: 'trigger: activation registers the pingback host with 2Captcha',
			run: () =>
				withServer(async (server) => {
					const api = await setUpOwnerAndApiKey(server.baseUrl);
					const { workflow, webhookId } = triggerWorkflow(context.credential, secret);
					const created = await api.createWorkflow(workflow);
					await api.activateWorkflow(created.id);
					Object.assign(state, { api, workflowId: created.id, webhookBase: `${server.baseUrl}/webhook/${webhookId}` });
					const registered = (entry) =>
						entry.endpoint === 'res.php' && entry.params.action === 'add_pingback' && entry.response?.request === 'OK';
					await waitFor(async () => context.sandbox.log.some(registered), {
						timeoutMs: 10_000,
						what: 'a successful add_pingback from the activation',
					});
					// The sandbox delivers a pingback within moments (its retries are time-scaled too): the webhook must be there first.
					await expectWebhookRegistered(`${state.webhookBase}/${pingbackPath(secret)}`);
					return `workflow ${created.id} active`;
				}),
		},
		{
			name: 'trigger: a pingback from the sandbox starts an execution with the answer',
			run: async () => {
				assert.ok(state.workflowId, 'the trigger workflow is not active');
				const url = `${state.webhookBase}/${pingbackPath(secret)}`;
				const captchaId = await submitWithPingback(context.sandbox, url);
				const execution = await executionCarrying(state.api, state.workflowId, captchaId, `a finished execution carrying captcha ${captchaId}`).catch(
					(error) => {
						throw new Error(`${error.message}; sandbox pingbacks: ${JSON.stringify(pingbackLog(context.sandbox))}`);
					},
				);
				const json = execution.data.resultData.runData['2Captcha Trigger'][0].data.main[0][0].json;
				const captcha = context.sandbox.captchas.get(String(captchaId));
				assert.equal(json.captchaId, captchaId);
				assert.equal(json.code, captcha.answer);
				assert.equal(json.solved, true);
				assert.equal(json.solution, captcha.answer);
				return `captcha ${captchaId} → execution ${execution.id}`;
			},
		},
		{
			name: 'trigger: one captcha ID delivered 10 times at the same moment starts one execution (regular mode)',
			run: async () => {
				assert.ok(state.workflowId, 'the trigger workflow is not active');
				const url = `${state.webhookBase}/${pingbackPath(secret)}`;
				const before = (await state.api.listExecutions(state.workflowId)).length;
				const captchaId = String(70_000_000_000 + crypto.randomInt(1_000_000_000));
				const statuses = await Promise.all(Array.from({ length: 10 }, async () => await postPingback(url, { id: captchaId, code: 'burst-token' })));
				assert.deepEqual(statuses, Array(10).fill(200), `the deliveries got ${statuses.join(', ')}`);
				await waitFor(async () => (await state.api.listExecutions(state.workflowId)).length > before, { timeoutMs: 15_000, what: 'the execution' });
				await sleep(2000); // a second execution would be stored well within this
				const started = (await state.api.listExecutions(state.workflowId)).length - before;
				assert.equal(started, 1, `${started} executions for one captcha ID delivered 10 times at once`);
				return `10 × HTTP 200, 1 execution`;
			},
		},
		{
			name: 'trigger: a wrong secret is refused and starts no execution',
			run: async () => {
				assert.ok(state.workflowId, 'the trigger workflow is not active');
				const before = (await state.api.listExecutions(state.workflowId)).length;
				const status = await postPingback(`${state.webhookBase}/${pingbackPath(`${secret}x`)}`, { id: '123456', code: 'forged' });
				assert.equal(status, 401, `a wrong secret got HTTP ${status}`);
				await sleep(1500); // an execution would be stored well within this
				const after = (await state.api.listExecutions(state.workflowId)).length;
				assert.equal(after, before, 'the forged pingback started an execution');
				return `HTTP ${status}, executions still ${after}`;
			},
		},
		{
			name: 'trigger: a pingback without the secret is refused and starts no execution',
			run: async () => {
				assert.ok(state.workflowId, 'the trigger workflow is not active');
				const before = (await state.api.listExecutions(state.workflowId)).length;
				const status = await postPingback(`${state.webhookBase}/pingback`, { id: '123456', code: 'forged' });
				assert.equal(status, 401, `a pingback without the secret got HTTP ${status}`);
				await sleep(1500);
				assert.equal((await state.api.listExecutions(state.workflowId)).length, before, 'it started an execution');
				return `HTTP ${status}`;
			},
		},
		{
			name: 'trigger: the async example pair: Submit Only in one workflow, the answer arrives in the other',
			run: async () => {
				assert.ok(state.api, 'n8n is not set up');
				const pair = asyncExamplePair(context.credential, state.server.baseUrl);
				const trigger = await state.api.createWorkflow(creatable(pair.trigger));
				await state.api.activateWorkflow(trigger.id);
				await expectWebhookRegistered(pair.submit.nodes.find((n) => n.parameters.pingbackUrl).parameters.pingbackUrl);
				const submit = await state.api.createWorkflow(creatable(pair.submit));
				// `n8n execute` next to the running server: both use the same database.
				const run = await executeWorkflow(context.userFolder, submit.id, { brokerPort: context.port + 10 });
				assert.ok(run.ok, `Submit Only workflow failed: ${run.reason}`);
				const submitted = Object.values(run.runData).flat().find((json) => json.status === 'submitted');
				assert.ok(submitted, 'no submitted captcha in the Submit Only output');
				const execution = await executionCarrying(
					state.api,
					trigger.id,
					submitted.captchaId,
					`the trigger example's execution carrying captcha ${submitted.captchaId}`,
				).catch((error) => {
					throw new Error(`${error.message}; sandbox pingbacks: ${JSON.stringify(pingbackLog(context.sandbox))}`);
				});
				const outputs = firstItems(execution);
				const answer = context.sandbox.captchas.get(String(submitted.captchaId)).answer;
				assert.ok(
					outputs.some((json) => json.captchaId === submitted.captchaId && json.token === answer),
					`no output carries captcha ${submitted.captchaId} with its answer: ${JSON.stringify(outputs).slice(0, 300)}`,
				);
				return `captcha ${submitted.captchaId} → execution ${execution.id} of "${pair.trigger.name}"`;
			},
		},
		{
			name: 'trigger: n8n stops cleanly',
			run: async () => {
				if (!state.server) return 'not started';
				await state.server.stop();
				return 'stopped';
			},
		},
	];
}

module.exports = { triggerCases };
