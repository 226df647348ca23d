'use strict';
/**
 * One workflow per operation of the 2Captcha node, executed headless by `n8n execute` against the sandbox.
 * Captcha operations run alone; task operations run on the output of a solve (captcha ID by expression);
 * the pingback operations run as one chain (add → list → delete → list) since they share the sandbox's state.
 */
const { assert } = require('../lib/harness');
const { executeWorkflow } = require('../lib/n8n');
const { allOperations } = require('../lib/operations');
const wf = require('../lib/workflows');

/** Polls quickly: the sandbox runs at a fast time scale, the node's defaults (5 s and more) are for the real service. */
const FAST_SOLVER = { firstPollSeconds: 0.2, pollIntervalSeconds: 1, timeoutSeconds: 60 }; // Poll Interval: 1 s at least
const SOLVE_FIRST = 'Solve';

function onlyItem(run, node) {
	const items = run.runData[node];
	assert.ok(items, `node "${node}" did not run`);
	assert.equal(items.length, 1, `node "${node}" output ${items.length} items`);
	return items[0];
}

/** Executes once and fails with n8n's own error message (or how the CLI ended) when the run did not succeed. */
async function execute(context, workflow, slot) {
	const run = await executeWorkflow(context.userFolder, workflow.id, { brokerPort: context.brokerPortBase + slot });
	if (!run.ok) throw new Error(`workflow "${workflow.name}" failed: ${run.reason}`);
	return run;
}

const compact = (value) => JSON.stringify(value).slice(0, 140);

function captchaCase(operation, context) {
	const workflow = wf.singleOperationWorkflow({
		key: `e2e:${operation.key}`,
		name: `e2e ${operation.key}`,
		parameters: { ...operation.parameters, solverSettings: { ...FAST_SOLVER, includeRawAnswer: true } },
		credential: context.credential,
	});
	return {
		name: operation.key,
		workflows: [workflow],
		async run(slot) {
			const json = onlyItem(await execute(context, workflow, slot), wf.SOLVE_NODE);
			assert.match(String(json.captchaId), /^\d+$/, `captchaId: ${compact(json)}`);
			assert.equal(json.method, operation.parameters.captchaType ?? operation.operation);
			const captcha = context.sandbox.captchas.get(String(json.captchaId));
			assert.ok(captcha, `the sandbox has no captcha ${json.captchaId}`);
			assert.deepEqual(json.rawAnswer, captcha.answer, 'rawAnswer differs from the answer the sandbox gave');
			assert.ok(json.solution !== undefined && json.solution !== '', `no solution: ${compact(json)}`);
			return `solution ${compact(json.solution)}`;
		},
	};
}

/** List Captcha Types: every type with its fields, nothing sent. */
function listTypesCase(operation, context) {
	const workflow = wf.singleOperationWorkflow({ key: `e2e:${operation.key}`, name: `e2e ${operation.key}`, parameters: operation.parameters, credential: context.credential });
	return {
		name: operation.key,
		workflows: [workflow],
		async run(slot) {
			const { types } = onlyItem(await execute(context, workflow, slot), wf.SOLVE_NODE);
			const recaptcha = types.find((t) => t.type === 'recaptchaV2');
			assert.deepEqual(Object.keys(recaptcha?.required ?? {}), ['siteKey', 'pageUrl'], compact(recaptcha));
			return `${types.length} types`;
		},
	};
}

/** The new methods run in Submit Only too (Wait for Pingback: cases/methodModes.js): one of each kind of request. */
const SUBMIT_ONLY = ['temu', 'dragDrop', 'vkImage', 'yandex', 'customMethod'];

function submitOnlyCase(operation, context) {
	const workflow = wf.singleOperationWorkflow({
		key: `e2e:${operation.key}:submitOnly`,
		name: `e2e ${operation.key} (Submit Only)`,
		// Nothing listens there: the sandbox's pingback attempts fail, which Submit Only does not wait for.
		parameters: { ...operation.parameters, mode: 'submitOnly', pingbackUrl: 'http://127.0.0.1:9/pingback?secret=e2e-submit-only', solverSettings: FAST_SOLVER },
		credential: context.credential,
	});
	return {
		name: `${operation.key} submitOnly`,
		workflows: [workflow],
		async run(slot) {
			const json = onlyItem(await execute(context, workflow, slot), wf.SOLVE_NODE);
			assert.equal(json.status, 'submitted', compact(json));
			assert.equal(json.method, operation.operation);
			const captcha = context.sandbox.captchas.get(String(json.captchaId));
			assert.ok(captcha, `the sandbox has no captcha ${json.captchaId}`);
			assert.ok(json.solution === undefined, 'Submit Only output a solution');
			assert.equal(json.pingbackUrl, 'http://127.0.0.1:9/pingback?secret=***');
			assert.equal(captcha.pingback, 'http://127.0.0.1:9/pingback?secret=e2e-submit-only');
			return `captcha ${json.captchaId} (${captcha.method}) submitted`;
		},
	};
}

function accountCase(operation, context) {
	const workflow = wf.singleOperationWorkflow({
		key: `e2e:${operation.key}`,
		name: `e2e ${operation.key}`,
		parameters: operation.parameters,
		credential: context.credential,
	});
	return {
		name: operation.key,
		workflows: [workflow],
		async run(slot) {
			const json = onlyItem(await execute(context, workflow, slot), wf.SOLVE_NODE);
			assert.equal(typeof json.balance, 'number', compact(json));
			assert.ok(json.balance > 0 && json.balance <= context.initialBalance, `balance ${json.balance}`);
			return `balance ${json.balance}`;
		},
	};
}

/** What each task operation must show about the captcha solved just before it. */
const TASK_CHECKS = {
	getResult: (json, solved) => assert.ok(compact(json).includes(compact(solved.solution).slice(1, 20)), compact(json)),
	getResultWithPrice: (json, solved, captcha) => {
		TASK_CHECKS.getResult(json, solved);
		assert.equal(Number(json.price), captcha.price, `price: ${compact(json)}`);
	},
	getResults: (json, solved) => TASK_CHECKS.getResult(json, solved),
	reportGood: (json, solved, captcha) => assert.equal(captcha.report, 'good', `sandbox report: ${captcha.report}`),
	reportBad: (json, solved, captcha) => assert.equal(captcha.report, 'bad', `sandbox report: ${captcha.report}`),
};

function taskCase(operation, context, normalSolve) {
	const workflow = wf.workflow({
		key: `e2e:${operation.key}`,
		name: `e2e ${operation.key}`,
		nodes: [
			wf.manualTrigger(),
			wf.solveNode({ ...normalSolve.parameters, solverSettings: FAST_SOLVER }, context.credential, SOLVE_FIRST, [240, 0]),
			wf.solveNode(operation.parameters, context.credential, wf.SOLVE_NODE, [480, 0]),
		],
		connections: wf.chain(wf.MANUAL_TRIGGER, SOLVE_FIRST, wf.SOLVE_NODE),
	});
	const check = TASK_CHECKS[operation.operation];
	if (!check) throw new Error(`no check for task operation ${operation.operation}: add one to TASK_CHECKS`);
	return {
		name: operation.key,
		workflows: [workflow],
		async run(slot) {
			const run = await execute(context, workflow, slot);
			const solved = onlyItem(run, SOLVE_FIRST);
			const json = onlyItem(run, wf.SOLVE_NODE);
			check(json, solved, context.sandbox.captchas.get(String(solved.captchaId)));
			return compact(json);
		},
	};
}

const PINGBACK_CHAIN = ['addAddress', 'listAddresses', 'deleteAddress'];

function pingbackCase(operations, context) {
	const byOperation = Object.fromEntries(operations.map((o) => [o.operation, o]));
	const missing = Object.keys(byOperation).filter((name) => !PINGBACK_CHAIN.includes(name));
	if (missing.length) throw new Error(`pingback operations without a case: ${missing.join(', ')}`);
	const steps = [...PINGBACK_CHAIN, 'listAddresses'].map((operation, index) => ({
		name: index === 3 ? 'List After Delete' : operation,
		parameters: byOperation[operation].parameters,
	}));
	const workflow = wf.workflow({
		key: 'e2e:pingback',
		name: 'e2e pingback add/list/delete',
		nodes: [
			wf.manualTrigger(),
			...steps.map((step, index) => wf.solveNode(step.parameters, context.credential, step.name, [240 * (index + 1), 0])),
		],
		connections: wf.chain(wf.MANUAL_TRIGGER, ...steps.map((step) => step.name)),
	});
	const address = byOperation.addAddress.parameters.address;
	return {
		name: `pingback.${PINGBACK_CHAIN.join(' → ')}`,
		workflows: [workflow],
		async run(slot) {
			const run = await execute(context, workflow, slot);
			onlyItem(run, 'addAddress');
			assert.ok(compact(onlyItem(run, 'listAddresses')).includes(address), 'the added address is not listed');
			onlyItem(run, 'deleteAddress');
			assert.ok(!compact(onlyItem(run, 'List After Delete')).includes(address), 'the deleted address is still listed');
			return compact(onlyItem(run, 'listAddresses'));
		},
	};
}

/** context: { userFolder, credential, sandbox, initialBalance, brokerPortBase }. Resolves cases with their workflows. */
function operationCases(context) {
	const operations = allOperations();
	const normalSolve = operations.find((o) => o.key === 'captcha.normal');
	const of = (resource) => operations.filter((o) => o.resource === resource);
	const covered = ['captcha', 'account', 'task', 'pingback'];
	const uncovered = operations.filter((o) => !covered.includes(o.resource));
	if (uncovered.length) throw new Error(`operations without a case: ${uncovered.map((o) => o.key).join(', ')}`);
	return [
		...of('captcha').map((o) => (o.operation === 'listCaptchaTypes' ? listTypesCase(o, context) : captchaCase(o, context))),
		...of('captcha')
			.filter((o) => SUBMIT_ONLY.includes(o.operation))
			.map((o) => submitOnlyCase(o, context)),
		...of('account').map((o) => accountCase(o, context)),
		...of('task').map((o) => taskCase(o, context, normalSolve)),
		pingbackCase(of('pingback'), context),
	];
}

module.exports = { operationCases, FAST_SOLVER };
