/**
 * Every captcha method of the catalogue, run through the node's execute() in n8n-core's real ExecuteContext
 * against the sandbox: the exact in.php parameters sent and the parsed output.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { captchaMethods } from '../../nodes/TwoCaptcha/catalogue';
import { uploadNames } from '../../nodes/TwoCaptcha/catalogue/toProperties';
import type { CaptchaMethod, FieldSpec } from '../../nodes/TwoCaptcha/catalogue/types';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../../nodes/TwoCaptcha/engine/scaledClock';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';

const { startSandbox } = require('../sandbox');
const { METHOD_CASES, PAGE } = require('../sandbox/method-cases');
const { png, mp3 } = require('../sandbox/fixtures');

const SCALE = 0.001;

/** A valid value for a field: taken from the sandbox's own valid request for the same in.php method, else by type. */
function sampleValue(method: CaptchaMethod, field: FieldSpec): unknown {
	const cases = METHOD_CASES.filter((c: any) => c.params.method === method.fixed.method);
	const fromCase = cases.map((c: any) => c.params[field.param]).find((v: unknown) => v !== undefined);
	if (fromCase !== undefined && field.type !== 'options') return String(fromCase);
	if (field.type === 'options') return field.options![0].value;
	if (field.type === 'url') return PAGE;
	if (field.type === 'proxy') return 'user:secret@10.0.0.2:3128';
	if (field.type === 'number') return field.min ?? 1;
	if (field.type === 'boolean') return true;
	return `sample-${field.param}`;
}

function nodeParameters(method: CaptchaMethod) {
	const parameters: Record<string, unknown> = { resource: 'captcha', operation: method.value, mode: 'waitForResult' };
	for (const field of method.fields) parameters[field.name] = sampleValue(method, field);
	for (const upload of method.uploads ?? []) {
		if (upload.required) parameters[uploadNames(upload).source] = 'binary';
	}
	// Grid, Canvas and Bounding Box need an instruction; it is optional for the others.
	const instructions = method.options.find((o) => o.param === 'textinstructions');
	if (instructions && method.validate?.({ ...method.fixed }) !== undefined) {
		parameters.options = { [instructions.name]: 'Select all images with cars' };
	}
	return parameters;
}

function inputItem(method: CaptchaMethod): INodeExecutionData {
	const main = method.uploads?.find((u) => u.required);
	if (!main) return { json: {} };
	const data = main.kind === 'audio' ? mp3() : png(300, 300, 2048);
	const mimeType = main.kind === 'audio' ? 'audio/mpeg' : 'image/png';
	return { json: {}, binary: { data: { data: data.toString('base64'), mimeType, fileName: `captcha.${main.kind === 'audio' ? 'mp3' : 'png'}` } } };
}

describe('Captcha → every method, end to end against the sandbox', () => {
	let sandbox: any;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 4 });
	});
	afterAll(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	it('covers every method of the catalogue (and no TikTok, which the service disabled)', () => {
		expect(captchaMethods.length).toBeGreaterThanOrEqual(28);
		expect(captchaMethods.map((m) => m.value)).not.toContain('tiktok');
	});

	it.each(captchaMethods.map((m) => [m.name, m] as const))('%s', async (_name, method) => {
		const parameters = nodeParameters(method);
		const logStart = sandbox.log.length;
		const [out] = await runNode(new TwoCaptcha(), {
			parameters: parameters as any,
			credentials: sandboxCredentials(sandbox),
			items: [inputItem(method)],
		});

		// The exact in.php request: key redacted by the sandbox log, json=1, the method's constants and fields.
		const submits = sandbox.log.slice(logStart).filter((e: any) => e.endpoint === 'in.php');
		expect(submits).toHaveLength(1);
		const sent = submits[0];
		const expected: Record<string, string> = { key: '***', json: '1', ...method.fixed };
		for (const field of method.fields) {
			expected[field.param] = field.type === 'boolean' ? '1' : String(parameters[field.name]);
		}
		const options = (parameters.options ?? {}) as Record<string, string>;
		for (const [name, value] of Object.entries(options)) {
			expected[method.options.find((o) => o.name === name)!.param] = value;
		}
		const main = method.uploads?.find((u) => u.required);
		if (main?.multipartParam) {
			expected.method = method.multipartMethod ?? method.fixed.method;
			expect(sent.files).toEqual([expect.objectContaining({ field: main.multipartParam, bytes: 2048 })]);
		} else if (main) {
			// The sandbox log shortens long values to their length.
			const bytes = main.kind === 'audio' ? mp3().length : 2048;
			expected[main.base64Param] = `[${Buffer.alloc(bytes).toString('base64').length} chars]`;
		}
		expect(sent.params).toEqual(expected);

		// The output: captcha id, method, the answer parsed from what the sandbox really answered.
		const captcha = sandbox.captchas.get(out.json.captchaId);
		expect(captcha).toBeDefined();
		const parsed = method.parse({ request: captcha.answer, extra: captcha.extras });
		expect(out.pairedItem).toEqual({ item: 0 });
		expect(out.json).toEqual({ captchaId: captcha.id, captchaIds: [captcha.id], method: method.value, solution: parsed.solution, ...parsed.extras });
		expect(out.json.solution).not.toBeUndefined();
	});

	it('parses answers into workflow-ready shapes', async () => {
		const byValue = Object.fromEntries(captchaMethods.map((m) => [m.value, m]));
		const solve = async (value: string) => {
			const method = byValue[value];
			const [out] = await runNode(new TwoCaptcha(), {
				parameters: nodeParameters(method) as any,
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(method)],
			});
			return out.json;
		};
		expect((await solve('grid')).solution).toEqual(expect.arrayContaining([expect.any(Number)]));
		expect((await solve('coordinates')).solution).toEqual(expect.arrayContaining([{ x: expect.any(Number), y: expect.any(Number) }]));
		expect((await solve('geetest')).solution).toEqual({ challenge: expect.any(String), validate: expect.any(String), seccode: expect.any(String) });
		expect(String((await solve('funCaptcha')).solution)).toContain('|');
		expect((await solve('cloudflareChallenge')).userAgent).toEqual(expect.stringContaining('Mozilla'));
		expect((await solve('amazonWaf')).solution).toEqual(expect.objectContaining({ captcha_voucher: expect.any(String) }));
	});
});
