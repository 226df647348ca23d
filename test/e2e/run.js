'use strict';
/**
 * End-to-end suite in a real n8n (`npm run test:e2e`: scripts/with-n8n.js installs n8n and packs the pack first):
 * every operation of the 2Captcha node executed headless against the sandbox (a few newer methods in Submit Only
 * too), then the trigger, Wait for Pingback, and Wait for Pingback on newer methods, each in its own `n8n start`.
 * Prints one line per case and `N passed, M failed`; exits 1 when anything failed.
 *
 * Env: E2E_PORT_BASE=<port> (default 5688) moves all ports; E2E_ONLY=<substring> runs only matching cases (the trigger cases run as one group); E2E_KEEP=1 keeps the temporary n8n user folder.
 */
const fs = require('node:fs');
const { startSandbox } = require('../sandbox');
const { runCases } = require('./lib/harness');
const n8n = require('./lib/n8n');
const wf = require('./lib/workflows');
const { runMain, seconds } = require('../../scripts/lib/main');
const { operationCases } = require('./cases/operations');
const { exampleCases } = require('./cases/examples');
const { triggerCases } = require('./cases/trigger');
const { pingwaitCases } = require('./cases/pingwait');
const { pingDeadlineCases } = require('./cases/pingDeadline');
const { agentCases } = require('./cases/agents');
const { methodModeCases } = require('./cases/methodModes');

const SANDBOX_TIME_SCALE = 0.01; // a 5–45 s solve takes 50–450 ms
const INITIAL_BALANCE = 100;
const PARALLEL_EXECUTIONS = 2;
// E2E_PORT_BASE moves every port of the suite (default 5688: n8n server 5688/5689, trigger's execute broker 5698,
// execute lanes 5690+), so two suites can run on one machine.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 5688);
const BROKER_PORT_BASE = PORT_BASE + 2; // each `n8n execute` runs its own task broker: one port per parallel lane
const SERVER_PORT = Number(process.env.E2E_N8N_PORT ?? PORT_BASE);

async function main() {
	const sandbox = await startSandbox({ timeScale: SANDBOX_TIME_SCALE, seed: 7, balance: INITIAL_BALANCE });
	const userFolder = n8n.prepareUserFolder();
	console.log(`sandbox ${sandbox.url}, n8n user folder ${userFolder}`);
	try {
		const credential = wf.sandboxCredential(sandbox);
		const context = { userFolder, credential, sandbox, initialBalance: INITIAL_BALANCE, brokerPortBase: BROKER_PORT_BASE };
		const only = process.env.E2E_ONLY;
		const selected = (cases) => (only ? cases.filter((c) => c.name.includes(only)) : cases);

		const executed = selected([...operationCases(context), ...exampleCases(context)]);
		await n8n.importCredentials(userFolder, [credential]);
		await n8n.importWorkflows(userFolder, executed.flatMap((c) => c.workflows));
		console.log(`imported ${executed.length} workflows (${seconds()}); executing ${PARALLEL_EXECUTIONS} at a time`);
		const headless = await runCases(executed, { parallel: PARALLEL_EXECUTIONS });

		// The trigger cases build on each other (server, owner, active workflow): they run all or none.
		const triggerGroup = triggerCases({ ...context, port: SERVER_PORT });
		const live = await runCases(selected(triggerGroup).length ? triggerGroup : []);
		// Wait for Pingback, in its own n8n start on the same port once the trigger's has stopped: all or none.
		const pingwaitGroup = pingwaitCases({ port: SERVER_PORT });
		const pingwait = await runCases(selected(pingwaitGroup).length ? pingwaitGroup : []);
		// Wait for Pingback's deadline over HTTP and HTTPS, in its own n8n starts on the same port: all or none.
		const deadlineGroup = pingDeadlineCases({ port: SERVER_PORT });
		const deadline = await runCases(selected(deadlineGroup).length ? deadlineGroup : []);

		// Wait for Pingback on the newer methods, in its own n8n start on the same port afterwards: all or none.
		const modesGroup = methodModeCases({ port: SERVER_PORT });
		const modes = await runCases(selected(modesGroup).length ? modesGroup : []);

		// AI agents (Tool Executor, MCP Server Trigger), in their own n8n on the same port: all or none.
		const agentGroup = agentCases({ port: SERVER_PORT, brokerPortBase: BROKER_PORT_BASE });
		const agents = await runCases(selected(agentGroup).length ? agentGroup : []);

		const groups = [headless, live, pingwait, deadline, modes, agents];
		return { passed: groups.reduce((sum, g) => sum + g.passed, 0), failed: groups.reduce((sum, g) => sum + g.failed, 0) };
	} finally {
		await sandbox.close();
		if (process.env.E2E_KEEP) console.log(`kept ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

runMain('e2e', main, { suite: true });
