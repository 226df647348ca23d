'use strict';
/**
 * The 2Captcha node where AI agents live, in a real n8n against its own sandbox (all cases or none):
 * - the Tool Executor (tools without an AI Agent) runs the "2Captcha Tool" node's Solve Any Captcha headless;
 * - `n8n start` with the example examples/mcp-server-captcha-tools.json active: an MCP client (the MCP SDK over
 *   Streamable HTTP) lists its tools and solves a token type and an image type through them, then Temu (four named
 *   images) and Yandex (a type known from 2Captcha's libraries); a client over the older SSE transport solves a
 *   Grid image and Hunt; a call with a missing field comes back as a tool error naming it, nothing sent to 2Captcha.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const { assert } = require('../lib/harness');
const n8n = require('../lib/n8n');
const { startSandbox } = require('../../sandbox');
const { png } = require('../../sandbox/fixtures');
const { startServer, setUpOwnerAndApiKey, waitFor } = require('../lib/server');
const { loadExamples, adaptExample } = require('../lib/examples');
const wf = require('../lib/workflows');

const TOOL_NODE_TYPE = `${wf.SOLVE_NODE_TYPE}Tool`;
const EXAMPLE = 'mcp-server-captcha-tools.json';
const SITE_KEY = '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-';
const PAGE = 'https://example.com/login';
// 2Captcha seconds × 0.01: a token in 0.1–0.45 s; polls from 0.2 s, every 1 s (the minimum).
const SANDBOX = { timeScale: 0.01, seed: 22 };
const FAST_SOLVER = { firstPollSeconds: 0.2, pollIntervalSeconds: 1 };

/** The example with the sandbox credential and fast polls on its tool nodes. */
function mcpExample(credential) {
	const example = loadExamples().find(({ file }) => file === EXAMPLE);
	assert.ok(example, `examples/${EXAMPLE} is missing`);
	const workflow = adaptExample(example.workflow, { credential });
	for (const node of workflow.nodes) {
		if (node.type === TOOL_NODE_TYPE && node.parameters.operation !== 'listCaptchaTypes') {
			node.parameters.solverSettings = { ...node.parameters.solverSettings, ...FAST_SOLVER };
		}
	}
	return workflow;
}

/** Manual Trigger → Tool Executor, with the example's Solve Captcha node as its tool, asked for a Turnstile token. */
function toolExecutorWorkflow(credential) {
	const solve = mcpExample(credential).nodes.find((node) => node.name === 'Solve Captcha');
	const query = { Solve_Captcha: { captchaType: 'turnstile', captchaParameters: { siteKey: '0x4AAAAAAAC3DHQFLr1GavRN', pageUrl: PAGE } } };
	const executor = wf.node('Tool Executor', '@n8n/n8n-nodes-langchain.toolExecutor', { query: JSON.stringify(query), toolName: '', node: '' }, [240, 0]);
	return wf.workflow({
		key: 'agents-tool-executor',
		name: 'e2e agents: Tool Executor runs Solve Any Captcha',
		nodes: [wf.manualTrigger(), executor, { ...solve, id: crypto.randomUUID(), position: [240, 200] }],
		connections: {
			...wf.chain(wf.MANUAL_TRIGGER, 'Tool Executor'),
			'Solve Captcha': { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
	});
}

/**
 * The MCP SDK ships ES modules and CommonJS; its client over Streamable HTTP, or over the older SSE transport that
 * many desktop clients still use: n8n's MCP Server Trigger (v2) serves both at the same URL (SSE: a GET, then POSTs).
 */
async function connectMcpClient(url, { sse = false } = {}) {
	const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
	const client = new Client({ name: `n8n-nodes-twocaptcha e2e${sse ? ' (SSE)' : ''}`, version: '1.0.0' });
	if (sse) {
		const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
		await client.connect(new SSEClientTransport(new URL(url)));
	} else {
		const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
		await client.connect(new StreamableHTTPClientTransport(new URL(url)));
	}
	return client;
}

/** A tool result's text content, parsed when it is JSON. */
function resultText(result) {
	return (result.content ?? []).map((part) => part.text ?? '').join('');
}

/** context: { port, brokerPortBase }. */
function agentCases(context) {
	const state = {};
	const inPhp = () => state.sandbox.log.filter((e) => e.endpoint === 'in.php');
	const call = async (name, args, client = state.client) => await client.callTool({ name, arguments: args });
	/**
	 * One solved call; `raw`: the answer's format is unconfirmed, so the sandbox's answer is compared with rawAnswer;
	 * `expected`: the solution the sandbox's answer must come out as (default: the answer itself).
	 */
	const solved = async (args, { raw = false, client = state.client, expected = (answer) => answer } = {}) => {
		const before = inPhp().length;
		const result = await call('Solve_Captcha', args, client);
		const text = resultText(result);
		assert.ok(!result.isError, `the tool answered an error: ${text.slice(0, 400)}`);
		const output = JSON.parse(text);
		assert.ok(Array.isArray(output) && output.length === 1, `not one item: ${text.slice(0, 300)}`);
		const [item] = output;
		assert.equal(Object.keys(item)[0], 'solution', `the solution is not first: ${text.slice(0, 200)}`);
		const captcha = state.sandbox.captchas.get(String(item.captchaId));
		assert.ok(captcha, `no captcha ${item.captchaId} in the sandbox`);
		assert.deepEqual(raw ? item.rawAnswer : item.solution, raw ? captcha.answer : expected(captcha.answer));
		assert.equal(inPhp().length, before + 1, 'not exactly one submission');
		return item;
	};

	return [
		{
			name: 'agents: Tool Executor runs the 2Captcha Tool (Solve Any Captcha, a Turnstile token) headless',
			run: async (slot = 0) => {
				state.sandbox = await startSandbox(SANDBOX);
				state.userFolder = n8n.prepareUserFolder();
				state.credential = wf.twoCaptchaCredential({ apiKey: state.sandbox.apiKey, customUrl: state.sandbox.url, name: 'agents sandbox' });
				await n8n.importCredentials(state.userFolder, [state.credential]);
				const workflow = toolExecutorWorkflow(state.credential);
				await n8n.importWorkflows(state.userFolder, [workflow]);
				const run = await n8n.executeWorkflow(state.userFolder, workflow.id, { brokerPort: context.brokerPortBase + slot });
				assert.ok(run.ok, `failed: ${run.reason}`);
				const [result] = run.runData['Tool Executor'] ?? [];
				// The tool answers JSON text: n8n's Tool Executor outputs it as the item.
				const text = typeof result === 'string' ? result : JSON.stringify(result);
				const captcha = [...state.sandbox.captchas.values()].find((c) => c.method === 'turnstile');
				assert.ok(captcha, 'nothing was submitted');
				assert.ok(text.includes(JSON.stringify(captcha.answer)), `the output lacks the solution: ${text.slice(0, 300)}`);
				return text.slice(0, 120);
			},
		},
		{
			name: `agents: n8n start with the example ${EXAMPLE} active`,
			run: async () => {
				assert.ok(state.userFolder, 'no user folder');
				state.server = await startServer(state.userFolder, { port: context.port });
				state.api = await setUpOwnerAndApiKey(state.server.baseUrl);
				const { name, nodes, connections, settings } = mcpExample(state.credential);
				const created = await state.api.createWorkflow({ name, nodes, connections, settings });
				await state.api.activateWorkflow(created.id);
				const path = nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger').parameters.path;
				state.mcpUrl = `${state.server.baseUrl}/mcp/${path}`;
				// Activation finishes in the background: until then the endpoint answers 404.
				state.client = await waitFor(async () => await connectMcpClient(state.mcpUrl), { timeoutMs: 15_000, what: `the MCP endpoint ${state.mcpUrl}` });
				return state.mcpUrl;
			},
		},
		{
			name: 'agents: an MCP client lists the two tools, their descriptions and arguments',
			run: async () => {
				assert.ok(state.client, 'no MCP client');
				const { tools } = await state.client.listTools();
				const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
				assert.deepEqual(Object.keys(byName).sort(), ['List_Captcha_Types', 'Solve_Captcha']);
				const solve = byName.Solve_Captcha;
				assert.match(solve.description, /paid/);
				assert.deepEqual(Object.keys(solve.inputSchema.properties).sort(), ['captchaParameters', 'captchaType']);
				assert.deepEqual([...solve.inputSchema.required].sort(), ['captchaParameters', 'captchaType']);
				const before = inPhp().length;
				const list = await call('List_Captcha_Types', { types: '' });
				const [{ types }] = JSON.parse(resultText(list));
				const recaptcha = types.find((t) => t.type === 'recaptchaV2');
				assert.deepEqual(Object.keys(recaptcha.required), ['siteKey', 'pageUrl']);
				const temu = types.find((t) => t.type === 'temu');
				assert.deepEqual(Object.keys(temu.required), ['image', 'piece1', 'piece2', 'piece3']);
				assert.match(temu.solution, /unconfirmed/);
				assert.ok(types.some((t) => t.type === 'customMethod'), 'Custom Method is not listed');
				assert.equal(inPhp().length, before, 'listing sent something to 2Captcha');
				return `${tools.length} tools; ${types.length} captcha types listed`;
			},
		},
		{
			name: 'agents: MCP solves a token type (reCAPTCHA V2)',
			run: async () => {
				assert.ok(state.client, 'no MCP client');
				const item = await solved({ captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITE_KEY, pageUrl: PAGE } });
				assert.equal(inPhp().at(-1).params.googlekey, SITE_KEY);
				return `captcha ${item.captchaId}: ${String(item.solution).slice(0, 40)}…`;
			},
		},
		{
			name: 'agents: MCP solves an image type (Normal Captcha, a PNG as a data: URI)',
			run: async () => {
				assert.ok(state.client, 'no MCP client');
				const image = `data:image/png;base64,${png().toString('base64')}`;
				const item = await solved({ captchaType: 'normal', captchaParameters: { image, caseSensitive: true } });
				const sent = inPhp().at(-1);
				assert.equal(sent.params.method, 'base64');
				assert.equal(sent.params.regsense, '1');
				return `captcha ${item.captchaId}: "${item.solution}"`;
			},
		},
		{
			name: 'agents: MCP solves the new types through Solve Any Captcha (Temu by its named images, Yandex by its name)',
			run: async () => {
				assert.ok(state.client, 'no MCP client');
				const piece = png(60, 60, 400).toString('base64');
				const temu = await solved({
					captchaType: 'temu',
					captchaParameters: { image: `data:image/png;base64,${png(300, 300).toString('base64')}`, piece1: piece, piece2: piece, piece3: piece },
				}, { raw: true });
				const sent = inPhp().at(-1);
				assert.equal(sent.params.method, 'temuimage');
				for (const part of ['body', 'part1', 'part2', 'part3']) assert.ok(sent.params[part], `${part} was not sent`);
				assert.ok(Array.isArray(temu.solution) && temu.solution.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)), 'not {x, y} points');
				const yandex = await solved({ captchaType: 'Yandex Smart Captcha', captchaParameters: { siteKey: 'ysc1_0QcrEcM2vXWYTXwnNhhTxXv1Gx0Ayx3pDnj3uPtiQ55', pageUrl: PAGE } });
				assert.equal(yandex.method, 'yandex');
				assert.equal(inPhp().at(-1).params.sitekey, 'ysc1_0QcrEcM2vXWYTXwnNhhTxXv1Gx0Ayx3pDnj3uPtiQ55');
				return `temu ${temu.captchaId}: ${JSON.stringify(temu.solution).slice(0, 60)}; yandex ${yandex.captchaId}`;
			},
		},
		{
			name: 'agents: an MCP client over SSE lists the tools and solves a Grid image and Hunt',
			run: async () => {
				assert.ok(state.mcpUrl, 'no MCP endpoint');
				const client = await connectMcpClient(state.mcpUrl, { sse: true });
				try {
					const { tools } = await client.listTools();
					assert.deepEqual(tools.map((tool) => tool.name).sort(), ['List_Captcha_Types', 'Solve_Captcha']);
					const grid = await solved(
						{ captchaType: 'grid', captchaParameters: { image: png(300, 300).toString('base64'), textInstructions: 'Select all images with trees', rows: 3, columns: 3 } },
						// The sandbox answers click:3/5/9 (or No_matching_images, not asked for here): the cells as numbers.
						{ client, expected: (answer) => answer.replace(/^click:/, '').split('/').map(Number) },
					);
					const sentGrid = inPhp().at(-1).params;
					assert.equal(sentGrid.recaptcha, '1');
					assert.equal(sentGrid.textinstructions, 'Select all images with trees');
					assert.ok(Array.isArray(grid.solution) && grid.solution.every((cell) => Number.isInteger(cell) && cell >= 1 && cell <= 9), `not cells 1–9: ${JSON.stringify(grid.solution)}`);
					const apiGetLib = 'https://example.com/hd-api/external/apps/0a1b2c3d/api.js';
					const hunt = await solved({ captchaType: 'hunt', captchaParameters: { pageUrl: PAGE, apiGetLib } }, { client });
					assert.equal(inPhp().at(-1).params.api_get_lib, apiGetLib);
					return `grid ${grid.captchaId}: ${JSON.stringify(grid.solution)}; hunt ${hunt.captchaId}`;
				} finally {
					await client.close().catch(() => undefined);
				}
			},
		},
		{
			name: 'agents: MCP call with a missing field is a tool error naming it; nothing is sent',
			run: async () => {
				assert.ok(state.client, 'no MCP client');
				const before = inPhp().length;
				const result = await call('Solve_Captcha', { captchaType: 'turnstile', captchaParameters: { siteKey: '0x4AAAAAAAC3DHQFLr1GavRN' } });
				const text = resultText(result);
				assert.equal(result.isError, true, `not an error: ${text.slice(0, 300)}`);
				assert.match(text, /pageUrl missing: Cloudflare Turnstile \(turnstile\) takes required: siteKey, pageUrl/);
				assert.equal(inPhp().length, before, 'something was sent');
				return text.split('\n')[0].slice(0, 140);
			},
		},
		{
			name: 'agents: through the MCP Server Trigger every tool call counts alone against Max Captchas Per Execution',
			run: async () => {
				assert.ok(state.api, 'n8n is not set up');
				// The same tools at another path, capped at 1: n8n runs each MCP tool call before (or as) its own execution.
				const { name, nodes, connections, settings } = mcpExample(state.credential);
				const trigger = nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
				Object.assign(trigger, { webhookId: crypto.randomUUID(), parameters: { ...trigger.parameters, path: '2captcha-cap-one' } });
				const solve = nodes.find((node) => node.name === 'Solve Captcha');
				solve.parameters.solverSettings = { ...solve.parameters.solverSettings, maxCaptchasPerExecution: 1 };
				const created = await state.api.createWorkflow({ name: `${name} (cap 1)`, nodes, connections, settings });
				await state.api.activateWorkflow(created.id);
				const url = `${state.server.baseUrl}/mcp/2captcha-cap-one`;
				const client = await waitFor(async () => await connectMcpClient(url), { timeoutMs: 15_000, what: `the MCP endpoint ${url}` });
				try {
					const args = { captchaType: 'turnstile', captchaParameters: { siteKey: '0x4AAAAAAAC3DHQFLr1GavRN', pageUrl: PAGE } };
					for (let n = 0; n < 2; n++) {
						const result = await client.callTool({ name: 'Solve_Captcha', arguments: args });
						assert.ok(!result.isError, `call ${n + 1} failed: ${resultText(result).slice(0, 300)}`);
					}
				} finally {
					await client.close().catch(() => undefined);
				}
				return 'two calls of one session, each solved';
			},
		},
		{
			name: 'agents: n8n stops cleanly',
			run: async () => {
				await state.client?.close().catch(() => undefined);
				await state.server?.stop();
				await state.sandbox?.close();
				if (state.userFolder && !process.env.E2E_KEEP) fs.rmSync(state.userFolder, { recursive: true, force: true });
				return 'stopped';
			},
		},
	];
}

module.exports = { agentCases };
