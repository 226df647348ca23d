/**
 * The editor, as n8n draws it: each mode's panel is resolved with n8n-workflow's own display rules (the functions
 * n8n's editor calls, with collection options seen from their path, so `/mode` reaches the node's root) and
 * compared with what the mode reads (MODE_READS), and with what a run in n8n-core's ExecuteContext reads.
 */
import { ExecuteContext } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { captchaMethods } from '../../nodes/TwoCaptcha/catalogue';
import { modeSettings } from '../../nodes/TwoCaptcha/actions/captcha/modes';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { MODE_NAMES, MODE_READS, shownFields, type ModeName } from '../helpers/editorPanel';
import { runNode, sandboxCredentials } from '../helpers/executeNode';

const { startSandbox } = require('../sandbox');
const { PAGE, SITEKEY } = require('../sandbox/method-cases');

const solveNode = new TwoCaptcha().description;

const captchaParameters = (operation: string, mode: ModeName): INodeParameters => ({ resource: 'captcha', operation, mode });
const ALWAYS = ['resource', 'operation', 'mode'];
const modeFields = (mode: ModeName) => [...MODE_READS[mode].parameters, ...MODE_READS[mode].settings.map((s) => `solverSettings.${s}`)];

describe('Each mode shows exactly what it reads (n8n display rules)', () => {
	it.each(captchaMethods.map((m) => [m.value]))('%s: mode fields and settings match MODE_READS; operation fields are the same in every mode', (operation) => {
		const byMode = Object.fromEntries(MODE_NAMES.map((mode) => [mode, shownFields(solveNode, captchaParameters(operation, mode))]));
		const ownOfSomeMode = new Set(MODE_NAMES.flatMap(modeFields));
		const operationPart = (mode: ModeName) => [...byMode[mode]].filter((name) => !ownOfSomeMode.has(name)).sort();
		for (const mode of MODE_NAMES) {
			const modePart = [...byMode[mode]].filter((name) => ownOfSomeMode.has(name)).sort();
			expect({ mode, shown: modePart }).toEqual({ mode, shown: [...modeFields(mode)].sort() });
			expect(operationPart(mode)).toEqual(operationPart(MODE_NAMES[0]));
			expect(operationPart(mode)).toEqual(expect.arrayContaining(ALWAYS));
		}
	});

	it('the mode fields sit right under Mode, before the collections', () => {
		const names = solveNode.properties.map((p) => p.name);
		const mode = names.indexOf('mode');
		const own = ['waitForPingbackNotice', ...MODE_NAMES.flatMap((m) => MODE_READS[m].parameters)];
		expect(own.map((name) => names.indexOf(name)).sort((a, b) => a - b)).toEqual(own.map((_, k) => mode + 1 + k));
		expect(names.indexOf('solverSettings')).toBeGreaterThan(mode + own.length);
	});

	it('required fields are marked required: Submit Only needs its Pingback URL', () => {
		expect(solveNode.properties.find((p) => p.name === 'pingbackUrl')?.required).toBe(true);
	});

	it('settings a mode does not read are dropped, whatever they hold', () => {
		const everything = { firstPollSeconds: 'x', pollIntervalSeconds: -1, timeoutSeconds: 9e9, maxInFlight: 0, unsolvableRetries: 99, includeRawAnswer: 'no', maxCaptchasPerExecution: -5 };
		for (const mode of MODE_NAMES) expect(Object.keys(modeSettings(mode, everything)).sort()).toEqual([...MODE_READS[mode].settings].sort());
		expect(modeSettings('waitForResult', 'not an object')).toEqual({});
	});
});

describe('A run reads only what its mode shows', () => {
	let sandbox: any;
	beforeAll(async () => {
		setEngineClock(scaledClock(0.002));
		sandbox = await startSandbox({ timeScale: 0.002, seed: 5, solveTimes: { '*': { min: 10, max: 20 } } });
	});
	afterAll(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	const MODE_SET: Record<ModeName, INodeParameters> = {
		waitForResult: {},
		waitForPingback: { registerPingbackHost: false },
		submitOnly: { pingbackUrl: 'http://127.0.0.1:9/webhook/1/pingback?secret=0123456789abcdef', reference: 'order-1' },
	};

	it.each(MODE_NAMES.map((mode) => [mode]))('%s: every parameter read is shown, every parameter of the mode is read', async (mode) => {
		const read = new Set<string>();
		// execute()'s getNodeParameter is bound per context and calls this one.
		const prototype = Object.getPrototypeOf(ExecuteContext.prototype);
		const original = prototype._getNodeParameter;
		const spy = jest.spyOn(prototype, '_getNodeParameter').mockImplementation(function (this: unknown, ...args: any[]) {
			read.add(String(args[0]).split('.')[0]);
			return original.apply(this, args);
		});
		const parameters = { ...captchaParameters('recaptchaV2', mode), siteKey: SITEKEY, pageUrl: PAGE, ...MODE_SET[mode] };
		try {
			await runNode(new TwoCaptcha(), { parameters, credentials: sandboxCredentials(sandbox) });
		} finally {
			spy.mockRestore();
		}
		const shown = shownFields(solveNode, parameters);
		const shownTop = new Set([...shown].map((name) => name.split('.')[0]));
		expect([...read].filter((name) => !shownTop.has(name))).toEqual([]);
		expect(MODE_READS[mode].parameters.filter((name) => !read.has(name))).toEqual([]);
		if (MODE_READS[mode].settings.length) expect(read.has('solverSettings')).toBe(true);
	});
});
