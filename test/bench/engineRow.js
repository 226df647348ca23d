'use strict';
/**
 * Our engine, driven the way the node's execute() drives it: one engine per key from getEngine(), every item
 * handed to solveAll() at once, each task with its catalogue method's polling schedule.
 */
const { getEngine, setEngineClock } = require('../../dist/nodes/TwoCaptcha/engine/registry');
const { scaledClock } = require('../helpers/scaledClock');
const { solveAll } = require('../../dist/nodes/TwoCaptcha/engine/solver');
const { normal } = require('../../dist/nodes/TwoCaptcha/catalogue/methods/normal');
const { recaptchaV2 } = require('../../dist/nodes/TwoCaptcha/catalogue/methods/recaptchaV2');
const { itemParams, isTokenItem } = require('./workload');

function taskFor(index, extraParams) {
	const method = isTokenItem(index) ? recaptchaV2 : normal;
	const { firstPollSec, pollIntervalSec, timeoutSec } = method.timings;
	return {
		params: { ...itemParams(index), ...extraParams },
		firstPollMs: firstPollSec * 1000,
		pollIntervalMs: pollIntervalSec * 1000,
		timeoutMs: timeoutSec * 1000,
		multiGetAnswer: method.multiGetAnswer,
	};
}

/** The engine on the row's time scale, warmed up by one getbalance so the first timed request is not its first. */
async function createEngine({ url, apiKey, timeScale }) {
	setEngineClock(scaledClock(timeScale));
	const engine = getEngine({ apiKey, baseUrl: url });
	await engine.client.call('res.php', { action: 'getbalance' });
	return engine;
}

/**
 * The engine with its poller's wait() timed (the moment each answer reaches the client); every other member of the
 * poller is the real one, so whatever the solver asks of it (has(), …) behaves as in the node.
 */
function withDeliveryTimes(engine, deliveries) {
	const wait = async (request) => {
		const answer = await engine.poller.wait(request);
		deliveries.push([request.captchaId, Date.now()]);
		return answer;
	};
	const poller = new Proxy(engine.poller, {
		get: (target, property) => {
			if (property === 'wait') return wait;
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	return { ...engine, poller };
}

/** Wait-for-result mode: the row is done when every item has its answer. */
async function runEngine({ n, url, apiKey, timeScale, maxInFlight }) {
	const engine = await createEngine({ url, apiKey, timeScale });
	const tasks = Array.from({ length: n }, (_, index) => taskFor(index));
	const deliveries = [];
	const startedAt = Date.now();
	const outcomes = await solveAll(tasks, withDeliveryTimes(engine, deliveries), { mode: 'wait', maxInFlight, unsolvableRetries: 0 });
	return { startedAt, finishedAt: Date.now(), deliveries, failures: outcomes.filter((o) => o.error).map((o) => o.error.message) };
}

/**
 * Sparse load, as webhook pipelines make it: one execution per `everySec`, each solving ONE captcha, for
 * `durationSec`, all on the one shared engine (as executions of one n8n process share it).
 */
async function runSparse({ url, apiKey, timeScale, n, everySec }) {
	const engine = await createEngine({ url, apiKey, timeScale });
	const deliveries = [];
	const failures = [];
	const startedAt = Date.now();
	const executions = [];
	for (let index = 0; index < n; index++) {
		if (index > 0) await new Promise((resolve) => setTimeout(resolve, everySec * 1000 * timeScale));
		executions.push(
			solveAll([taskFor(index)], withDeliveryTimes(engine, deliveries), { mode: 'wait', maxInFlight: 1000, unsolvableRetries: 0 }).then(
				(outcomes) => failures.push(...outcomes.filter((o) => o.error).map((o) => o.error.message)),
			),
		);
	}
	await Promise.all(executions);
	return { startedAt, finishedAt: Date.now(), deliveries, failures };
}

module.exports = { runEngine, runSparse, createEngine, taskFor };
