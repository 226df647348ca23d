/**
 * The node as an AI tool, through n8n-core's createNodeAsTool (what the Tool Executor and the MCP Server Trigger
 * call) and as the AI Agent's engine runs a tool node: Solve Any Captcha with `$fromAI` values, List Captcha Types,
 * and the guard rails of a tool call, against the sandbox.
 */
import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { operationMethods } from '../../nodes/TwoCaptcha/catalogue';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { TOOL_MAX_CAPTCHAS_DEFAULT } from '../../nodes/TwoCaptcha/actions/captcha/solverSettings';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { connectTool, toolVariant } from '../helpers/toolNode';

const { startSandbox } = require('../sandbox');
const { PAGE, SITEKEY } = require('../sandbox/method-cases');
const { png } = require('../sandbox/fixtures');

const SCALE = 0.002;
/** The longest Timeout, 7.2 s real at this scale: the default (300 s = 0.6 s real) is less than a loaded machine may take. */
const LONGEST_TIMEOUT = { timeoutSeconds: 3600 };

/** Solve Any Captcha with the type and the parameters from the model, as a workflow builder sets it up. */
const solveAnyFromAi = (extra: Record<string, unknown> = {}) => ({
	resource: 'captcha',
	operation: 'solveAnyCaptcha',
	captchaType: "={{ $fromAI('captchaType', 'The captcha type, e.g. recaptchaV2 or normal (see List Captcha Types)', 'string') }}",
	captchaParameters: "={{ $fromAI('captchaParameters', 'The fields of that type as one JSON object', 'json') }}",
	solverSettings: LONGEST_TIMEOUT,
	...extra,
});

const dataUri = (buffer: Buffer) => `data:image/png;base64,${buffer.toString('base64')}`;

describe('The node as an AI tool', () => {
	let sandbox: any;
	beforeEach(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 31, solveTimes: { '*': { min: 5, max: 20 } } });
	});
	afterEach(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	const inPhp = () => sandbox.log.filter((e: any) => e.endpoint === 'in.php');
	const connect = (parameters: Record<string, unknown>, executionId?: string) =>
		connectTool(new TwoCaptcha(), { parameters: parameters as any, credentials: sandboxCredentials(sandbox), executionId });

	it('offers Solve Any Captcha as one tool whose arguments are the $fromAI keys, described for a model', async () => {
		const { tool } = await connect(solveAnyFromAi());
		expect(tool.name).toBe('Solve_Captcha');
		expect(Object.keys(tool.schema.shape).sort()).toEqual(['captchaParameters', 'captchaType']);
		// "Set Automatically": the operation's action.
		expect(tool.description).toBe('Solve any captcha in 2Captcha');
		// The tool variant's own description, n8n's default for a manual Tool Description, says what it costs and returns.
		const description = toolVariant(new TwoCaptcha()).description.description;
		expect(description).toMatch(/paid/);
		expect(description).toMatch(/returns its solution/);
	});

	it('solves a token type and an image type through one tool; the output leads with the solution', async () => {
		const { tool, runExecutionData } = await connect(solveAnyFromAi());
		const token = JSON.parse(await tool.invoke({ captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITEKEY, pageUrl: PAGE } }));
		expect(token).toHaveLength(1);
		expect(Object.keys(token[0])[0]).toBe('solution');
		expect(token[0]).toEqual({ solution: sandbox.captchas.get(token[0].captchaId).answer, captchaId: token[0].captchaId, method: 'recaptchaV2' });

		// The type by its name, the image as a data: URI, an option by its name.
		const image = JSON.parse(
			await tool.invoke({ captchaType: 'Normal Captcha', captchaParameters: { image: dataUri(png()), caseSensitive: true } }),
		);
		expect(image[0].method).toBe('normal');
		expect(image[0].solution).toBe(sandbox.captchas.get(image[0].captchaId).answer);
		const sent = inPhp();
		expect(sent.map((e: any) => e.params.method)).toEqual(['userrecaptcha', 'base64']);
		expect(sent[0].params).toMatchObject({ googlekey: SITEKEY, pageurl: PAGE });
		expect(sent[1].params.regsense).toBe('1');
		// Each call is one run of the tool node, its input the model's arguments.
		expect(runExecutionData.resultData.runData['Solve Captcha']).toHaveLength(2);
	});

	it('a missing field: the error names it and lists the required and optional fields; nothing is sent', async () => {
		const { tool } = await connect(solveAnyFromAi());
		await expect(tool.invoke({ captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITEKEY } })).rejects.toThrow(
			/pageUrl missing: reCAPTCHA V2 \(recaptchaV2\) takes required: siteKey, pageUrl; optional: .*userAgent/,
		);
		await expect(tool.invoke({ captchaType: 'normal', captchaParameters: { caseSensitive: true } })).rejects.toThrow(/image missing/);
		expect(inPhp()).toHaveLength(0);
	});

	it('an unknown type, an unknown field or a bad value: an error the model can act on; nothing is sent', async () => {
		const { tool } = await connect(solveAnyFromAi());
		await expect(tool.invoke({ captchaType: 'hcaptcha', captchaParameters: { siteKey: 'x' } })).rejects.toThrow(
			/"hcaptcha" is not a captcha type; use one of .*amazonWaf, .*turnstile.*recaptchaV2/,
		);
		await expect(
			tool.invoke({ captchaType: 'turnstile', captchaParameters: { siteKey: 'x', pageUrl: PAGE, sitekey2: 'y' } }),
		).rejects.toThrow(/"sitekey2" is not a field of Cloudflare Turnstile \(turnstile\) takes required: siteKey, pageUrl/);
		await expect(tool.invoke({ captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITEKEY, pageUrl: 'not a url' } })).rejects.toThrow(
			/pageUrl: /,
		);
		await expect(tool.invoke({ captchaType: 'normal', captchaParameters: { image: 'https://example.com/captcha.png' } })).rejects.toThrow(
			/image: must be the image itself as base64 text or a data: URI; the node does not download web addresses/,
		);
		await expect(tool.invoke({ captchaType: 'normal', captchaParameters: { image: 'bm90IGFuIGltYWdl' } })).rejects.toThrow(
			/image: is \d+ bytes; 2Captcha needs at least 100 bytes|image: is not a JPG, PNG or GIF image/,
		);
		expect(inPhp()).toHaveLength(0);
	});

	it('the in.php parameter names work too (googlekey, pageurl, body)', async () => {
		const { tool } = await connect(solveAnyFromAi());
		const [out] = JSON.parse(await tool.invoke({ captchaType: 'recaptchaV2', captchaParameters: { googlekey: SITEKEY, pageurl: PAGE } }));
		expect(out.solution).toBe(sandbox.captchas.get(out.captchaId).answer);
		const [image] = JSON.parse(await tool.invoke({ captchaType: 'normal', captchaParameters: { body: png().toString('base64') } }));
		expect(image.solution).toBe(sandbox.captchas.get(image.captchaId).answer);
	});

	it(`stops at Max Captchas Per Execution, ${TOOL_MAX_CAPTCHAS_DEFAULT} by default in a tool call: the next call fails, sending nothing`, async () => {
		const { tool } = await connect(solveAnyFromAi(), 'execution-cap-default');
		const args = { captchaType: 'turnstile', captchaParameters: { siteKey: '0x4AAAAAAAC3DHQFLr1GavRN', pageUrl: PAGE } };
		for (let call = 0; call < TOOL_MAX_CAPTCHAS_DEFAULT; call++) await tool.invoke(args);
		await expect(tool.invoke(args)).rejects.toThrow(
			new RegExp(`Max Captchas Per Execution \\(${TOOL_MAX_CAPTCHAS_DEFAULT}\\) reached: ${TOOL_MAX_CAPTCHAS_DEFAULT} captchas were already sent in this execution`),
		);
		expect(inPhp()).toHaveLength(TOOL_MAX_CAPTCHAS_DEFAULT);
		// Another execution has its own count.
		const other = await connect(solveAnyFromAi(), 'execution-cap-other');
		await expect(other.tool.invoke(args)).resolves.toMatch(/solution/);
	});

	it('Max Captchas Per Execution as set, for the per-type operations too', async () => {
		const { tool } = await connect(
			{ resource: 'captcha', operation: 'recaptchaV2', siteKey: SITEKEY, pageUrl: PAGE, solverSettings: { ...LONGEST_TIMEOUT, maxCaptchasPerExecution: 1 } },
			'execution-cap-one',
		);
		await tool.invoke({});
		await expect(tool.invoke({})).rejects.toThrow(/Max Captchas Per Execution \(1\) reached: 1 captcha was already sent/);
		expect(inPhp()).toHaveLength(1);
	});

	it.each([
		['waitForPingback', 'Wait for Pingback'],
		['submitOnly', 'Submit Only'],
	])('refuses Mode %s inside a tool call, naming the mode to use', async (mode, label) => {
		const { tool } = await connect(solveAnyFromAi({ mode }));
		await expect(tool.invoke({ captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITEKEY, pageUrl: PAGE } })).rejects.toThrow(
			`Mode "${label}" cannot run inside an AI tool call: set Mode to "Wait for Result"`,
		);
		expect(inPhp()).toHaveLength(0);
	});

	it('lists the captcha types through the tool, free', async () => {
		const { tool } = await connect({ resource: 'captcha', operation: 'listCaptchaTypes', onlyTypes: "={{ $fromAI('types', 'Types to describe, comma-separated; empty for all', 'string') }}" });
		const [out] = JSON.parse(await tool.invoke({ types: 'recaptchaV2, normal' }));
		expect(out.types.map((t: any) => t.type)).toEqual(['recaptchaV2', 'normal']);
		expect(Object.keys(out.types[0].required)).toEqual(['siteKey', 'pageUrl']);
		expect(Object.keys(out.types[1].required)).toEqual(['image']);
		expect(out.types[1].required.image).toMatch(/base64 text or a data: URI/);
		expect(sandbox.log).toHaveLength(0);
	});

	it('as the AI Agent runs a tool node (the "…Tool" type in an ordinary execute context): the same guard rails and output', async () => {
		const tool = toolVariant(new TwoCaptcha());
		const parameters = solveAnyFromAi() as any;
		const credentials = sandboxCredentials(sandbox);
		// The agent's engine request puts the model's arguments into the tool node's input item.
		const items = [{ json: { captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITEKEY, pageUrl: PAGE }, toolCallId: 'call_1' } }];
		const [out] = await runNode(tool, { parameters, credentials, items });
		expect(Object.keys(out.json)[0]).toBe('solution');
		expect(out.json.solution).toBe(sandbox.captchas.get(out.json.captchaId).answer);
		await expect(runNode(tool, { parameters: { ...parameters, mode: 'waitForPingback' }, credentials, items })).rejects.toThrow(/Wait for Result/);
	});
});

describe('The tool call deadline', () => {
	let sandbox: any;
	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 1, seed: 32, solveTimes: { '*': { min: 600, max: 600 } } });
	});
	afterEach(async () => await sandbox.close());

	it("returns by the item's Timeout with an error naming the captcha ID, whatever the poll schedule", async () => {
		const { tool } = await connectTool(new TwoCaptcha(), {
			parameters: { ...solveAnyFromAi(), solverSettings: { timeoutSeconds: 1, firstPollSeconds: 30 } } as any,
			credentials: sandboxCredentials(sandbox),
		});
		const started = Date.now();
		const call = tool.invoke({ captchaType: 'recaptchaV2', captchaParameters: { siteKey: SITEKEY, pageUrl: PAGE } });
		await expect(call).rejects.toThrow(/No answer within 1 s, this tool call's deadline \(the Timeout in Solver Settings\); captcha \d+ is no longer awaited/);
		// Deadline 1 s; the bound only guards against waiting for the 30 s first poll.
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe('Solve Any Captcha and List Captcha Types in a workflow', () => {
	let sandbox: any;
	beforeEach(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 33 });
	});
	afterEach(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	it('solves items of different types in one run, each by its own JSON; the output is the per-type shape', async () => {
		const items = [
			{ json: { type: 'recaptchaV2', parameters: JSON.stringify({ siteKey: SITEKEY, pageUrl: PAGE }) } },
			{ json: { type: 'normal', parameters: JSON.stringify({ image: png().toString('base64'), minLength: 2, maxLength: 8 }) } },
			{ json: { type: 'funCaptcha', parameters: JSON.stringify({ publicKey: '12AB34CD-56F7-AB8C-9D01-2EF3456789A0', pageUrl: PAGE, customData: { blob: 'abc' } }) } },
		];
		const out = await runNode(new TwoCaptcha(), {
			parameters: {
				resource: 'captcha',
				operation: 'solveAnyCaptcha',
				captchaType: '={{ $json.type }}',
				captchaParameters: '={{ $json.parameters }}',
				solverSettings: LONGEST_TIMEOUT,
			},
			credentials: sandboxCredentials(sandbox),
			items,
		});
		expect(out.map((o) => o.json.method)).toEqual(['recaptchaV2', 'normal', 'funCaptcha']);
		out.forEach((o, i) => {
			expect(o.pairedItem).toEqual({ item: i });
			expect(o.json.solution).toBe(sandbox.captchas.get(o.json.captchaId).answer);
			expect(Object.keys(o.json)[0]).toBe('captchaId');
		});
		const sent = sandbox.log.filter((e: any) => e.endpoint === 'in.php').map((e: any) => e.params);
		expect(sent.find((p: any) => p.method === 'base64')).toMatchObject({ min_len: '2', max_len: '8' });
		expect(sent.find((p: any) => p.method === 'funcaptcha')['data[blob]']).toBe('abc');
	});

	it('with continueOnFail a bad item fails alone, before anything is sent for it', async () => {
		const items = [
			{ json: { parameters: { siteKey: SITEKEY } } },
			{ json: { parameters: { siteKey: SITEKEY, pageUrl: PAGE } } },
		];
		const out = await runNode(new TwoCaptcha(), {
			parameters: {
				resource: 'captcha',
				operation: 'solveAnyCaptcha',
				captchaType: 'recaptchaV2',
				captchaParameters: '={{ $json.parameters }}',
				solverSettings: LONGEST_TIMEOUT,
			},
			credentials: sandboxCredentials(sandbox),
			continueOnFail: true,
			items,
		});
		expect(out[0].json.error).toMatch(/pageUrl missing/);
		expect(out[1].json.solution).toBeDefined();
		expect(sandbox.log.filter((e: any) => e.endpoint === 'in.php')).toHaveLength(1);
	});

	it('refuses Wait for Pingback, which takes one type per node', async () => {
		await expect(
			runNode(new TwoCaptcha(), {
				parameters: { resource: 'captcha', operation: 'solveAnyCaptcha', mode: 'waitForPingback', captchaParameters: JSON.stringify({ siteKey: SITEKEY, pageUrl: PAGE }) },
				credentials: sandboxCredentials(sandbox),
			}),
		).rejects.toThrow(/Wait for Pingback takes one captcha type per node/);
		expect(sandbox.log).toHaveLength(0);
	});

	it('lists every type of the catalogue with its fields, what each means and the solution shape', async () => {
		const [out] = await runNode(new TwoCaptcha(), { parameters: { resource: 'captcha', operation: 'listCaptchaTypes' } });
		const types = out.json.types as any[];
		// Every operation of the Captcha resource: the catalogue's types and Custom Method.
		expect(types.map((t) => t.type)).toEqual(operationMethods.map((m) => m.value));
		for (const [i, method] of operationMethods.entries()) {
			const listed = types[i];
			expect(listed.name).toBe(method.name);
			const required = [
				...(method.uploads ?? []).filter((u) => u.required).map((u) => u.namePrefix),
				...method.fields.filter((f) => f.required).map((f) => f.name),
			];
			expect(Object.keys(listed.required)).toEqual(required);
			expect(Object.keys(listed.optional)).toEqual(
				expect.arrayContaining(method.options.map((f) => f.name)),
			);
			for (const help of Object.values({ ...listed.required, ...listed.optional })) expect(help).toMatch(/\S+\. \S/);
			expect(listed.solution).toEqual(expect.any(String));
		}
		const turnstile = types.find((t) => t.type === 'turnstile');
		expect(turnstile.solution).toMatch(/token/);
		expect(types.find((t) => t.type === 'coordinates').solution).toMatch(/points \{x, y\}/);
	});

	it('a Max Captchas Per Execution that is not a whole number from 0 is refused before anything is sent', async () => {
		await expect(
			runNode(new TwoCaptcha(), {
				parameters: { resource: 'captcha', operation: 'recaptchaV2', siteKey: SITEKEY, pageUrl: PAGE, solverSettings: { maxCaptchasPerExecution: -1 } },
				credentials: sandboxCredentials(sandbox),
			}),
		).rejects.toThrow(/Max Captchas Per Execution: must be a whole number from 0 to 1000000 \(got -1\)/);
		expect(sandbox.log).toHaveLength(0);
	});

	it('List Captcha Types names an unknown type', async () => {
		await expect(
			runNode(new TwoCaptcha(), { parameters: { resource: 'captcha', operation: 'listCaptchaTypes', onlyTypes: 'recaptchaV2, nope' } }),
		).rejects.toThrow(/"nope" is not a captcha type; the types are .*amazonWaf/);
	});
});
