/**
 * Every operation of the Captcha resource — the 40 catalogue methods and Custom Method — run through the node in
 * n8n-core's real contexts against the sandbox, in each of the three modes:
 * - Wait for Result: the exact in.php parameters sent, and the output parsed from what the sandbox answered;
 * - Submit Only: the same request, the captcha ID out at once, the task pending in the sandbox;
 * - Wait for Pingback: the same request with this execution's resume URL, the execution waiting, then resumed by
 *   the sandbox's pingback with the answer parsed as in Wait for Result.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { UNANSWERED } from '../../nodes/TwoCaptcha/actions/captcha/waitForPingback';
import { captchaMethods, configuredMethod, getMethod, operationMethods } from '../../nodes/TwoCaptcha/catalogue';
import { uploadNames } from '../../nodes/TwoCaptcha/catalogue/toProperties';
import { toInPhpParams } from '../../nodes/TwoCaptcha/catalogue/toRequest';
import type { CaptchaMethod, FieldSpec, UploadSpec } from '../../nodes/TwoCaptcha/catalogue/types';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../../nodes/TwoCaptcha/engine/scaledClock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { executeWaiting, startPingbackFront, waitUntil, type PingbackFront } from '../helpers/pingbackExecution';

const { startSandbox } = require('../sandbox');
const { METHOD_CASES, PAGE } = require('../sandbox/method-cases');
const { png, mp3 } = require('../sandbox/fixtures');

const SCALE = 0.001;
const MAIN_IMAGE = png(300, 300, 2048);
const PIECE = png(60, 60, 400);

interface Operation {
	label: string;
	method: CaptchaMethod;
	parameters: IDataObject;
	binary: Record<string, Buffer>;
	/** The in.php parameters besides key, json and pingback, long values as the sandbox logs them (`[N chars]`). */
	expected: Record<string, string>;
	/** Multipart files expected instead of base64 parameters. */
	files?: Array<{ field: string; bytes: number }>;
}

/** How the sandbox logs a value: over 256 characters as its length. */
const logged = (value: string) => (value.length > 256 ? `[${value.length} chars]` : value);

/** A valid value for a field: from the sandbox's own valid request for the same in.php method, else by type. */
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

const base64Of = (upload: UploadSpec) => (upload.kind === 'audio' ? mp3() : upload.namePrefix === 'image' ? MAIN_IMAGE : PIECE);

/** Parameters, input binaries and the expected request of a catalogue method (required fields, uploads, options its rules ask for). */
function catalogueOperation(method: CaptchaMethod): Operation {
	const parameters: IDataObject = { resource: 'captcha', operation: method.value };
	const values: Record<string, unknown> = {};
	for (const field of method.fields) parameters[field.name] = values[field.name] = sampleValue(method, field) as IDataObject[string];
	const binary: Record<string, Buffer> = {};
	const expected: Record<string, string> = {};
	const required = (method.uploads ?? []).filter((upload) => upload.required);
	for (const upload of required) {
		const names = uploadNames(upload);
		parameters[names.source] = 'binary';
		if (upload.list === 'jsonArray') {
			parameters[names.binaryProperty] = 'first, second';
			binary.first = binary.second = base64Of(upload);
			expected[upload.base64Param] = logged(JSON.stringify([PIECE, PIECE].map((data) => data.toString('base64'))));
		} else {
			const property = upload.defaultBinaryProperty ?? 'data';
			binary[property] = base64Of(upload);
			expected[upload.base64Param] = logged(base64Of(upload).toString('base64'));
		}
	}
	// Options the entry's rules ask for (an instruction, one of two challenge forms ...), filled until it passes.
	const options: Record<string, unknown> = {};
	for (let round = 0; round < 5; round++) {
		const params = { ...toInPhpParams(method, { ...values, ...options }), ...Object.fromEntries(required.map((u) => [u.base64Param, 'x'])) };
		const problem = method.validate?.(params);
		if (!problem) break;
		const option = method.options.find((o) => !(o.name in options) && problem.includes(o.displayName))!;
		options[option.name] = option.param === 'textinstructions' ? 'Select all images with cars' : sampleValue(method, option);
	}
	if (Object.keys(options).length) parameters.options = options;
	Object.assign(expected, method.fixed, toInPhpParams(method, { ...values, ...options }));
	const multipart = required.length === 1 && required[0].multipartParam;
	if (!multipart) return { label: method.name, method, parameters, binary, expected };
	expected.method = method.multipartMethod ?? method.fixed.method;
	delete expected[required[0].base64Param];
	return { label: method.name, method, parameters, binary, expected, files: [{ field: required[0].multipartParam!, bytes: MAIN_IMAGE.length }] };
}

const custom = getMethod('customMethod')!;
const YANDEX = METHOD_CASES.find((c: any) => c.key === 'yandex').params;
const VK_IMAGE = METHOD_CASES.find((c: any) => c.key === 'vkimage').params;

/** Custom Method calling methods the sandbox knows, through each way of giving parameters and each Answer As. */
const CUSTOM_OPERATIONS: Operation[] = [
	{
		label: 'Custom Method: yandex, key/value parameters, Answer As Text',
		method: custom,
		parameters: {
			resource: 'captcha',
			operation: 'customMethod',
			methodName: 'yandex',
			parameters: { entries: [{ name: 'sitekey', value: YANDEX.sitekey }, { name: 'pageurl', value: YANDEX.pageurl }] },
			answerAs: 'text',
		},
		binary: {},
		expected: { method: 'yandex', sitekey: YANDEX.sitekey, pageurl: YANDEX.pageurl },
	},
	{
		label: 'Custom Method: temuimage, four files, Answer As JSON',
		method: custom,
		parameters: {
			resource: 'captcha',
			operation: 'customMethod',
			methodName: 'temuimage',
			answerAs: 'json',
			options: { files: { entries: ['body', 'part1', 'part2', 'part3'].map((parameter) => ({ parameter, binaryProperty: parameter })) } },
		},
		binary: { body: MAIN_IMAGE, part1: PIECE, part2: PIECE, part3: PIECE },
		expected: {
			method: 'temuimage',
			body: logged(MAIN_IMAGE.toString('base64')),
			...Object.fromEntries(['part1', 'part2', 'part3'].map((part) => [part, logged(PIECE.toString('base64'))])),
		},
	},
	{
		label: 'Custom Method: vkimage, JSON parameters and a file, Answer As Auto',
		method: custom,
		parameters: {
			resource: 'captcha',
			operation: 'customMethod',
			methodName: 'vkimage',
			parametersJson: JSON.stringify({ steps: JSON.parse(VK_IMAGE.steps) }),
			options: { files: { entries: [{ parameter: 'body', binaryProperty: 'data' }] } },
		},
		binary: { data: MAIN_IMAGE },
		expected: { method: 'vkimage', steps: VK_IMAGE.steps, body: logged(MAIN_IMAGE.toString('base64')) },
	},
];

const OPERATIONS: Operation[] = [...captchaMethods.map(catalogueOperation), ...CUSTOM_OPERATIONS];

function inputItem(operation: Operation): INodeExecutionData {
	const binary = Object.fromEntries(
		Object.entries(operation.binary).map(([name, data]) => [
			name,
			{ data: data.toString('base64'), mimeType: data === mp3() ? 'audio/mpeg' : 'image/png', fileName: `${name}.bin` },
		]),
	);
	return Object.keys(binary).length ? { json: {}, binary } : { json: {} };
}

/** The parser the node uses for this operation: the entry's, or Custom Method's Answer As. */
const parserOf = (operation: Operation) =>
	configuredMethod(operation.method, (name) => (operation.parameters as Record<string, unknown>)[name]).parse;

describe('Captcha → every operation in every mode, end to end against the sandbox', () => {
	let sandbox: any;
	let front: PingbackFront;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 4 });
		front = await startPingbackFront(() => new TwoCaptcha());
	});
	afterAll(async () => {
		await front.close();
		await sandbox.close();
		setEngineClock(realClock);
	});

	const submissions = (from: number) => sandbox.log.slice(from).filter((e: any) => e.endpoint === 'in.php');

	/** The one in.php request of a run: key redacted by the sandbox log, json=1, then the operation's parameters. */
	function expectRequest(operation: Operation, from: number, pingback?: string) {
		const sent = submissions(from);
		expect(sent).toHaveLength(1);
		const expected = { key: '***', json: '1', ...operation.expected, ...(pingback ? { pingback } : {}) };
		expect(sent[0].params).toEqual(expected);
		if (operation.files) expect(sent[0].files).toEqual(operation.files.map((file) => expect.objectContaining(file)));
		else expect(sent[0].files).toEqual([]);
	}

	/**
	 * The output of an answered item: the answer the sandbox gave, parsed as the operation parses it. An answer the
	 * entry lets the poller take from a multi-id answer (multiGetAnswer) may come without the extra fields of a
	 * single JSON answer (Turnstile's userAgent): either is right.
	 */
	function expectAnswered(json: IDataObject, operation: Operation, captchaId: string, more: IDataObject = {}) {
		const captcha = sandbox.captchas.get(captchaId);
		expect(captcha?.status).toBe('solved');
		const parse = parserOf(operation);
		const shape = (extra: Record<string, unknown>) => {
			const parsed = parse({ request: captcha.answer, extra });
			expect(parsed.solution).not.toBeUndefined();
			return { captchaId, method: operation.method.value, solution: parsed.solution, ...parsed.extras, ...more };
		};
		const forms = [shape(captcha.extras)];
		if (operation.method.multiGetAnswer === true) forms.push(shape({}));
		expect(forms).toContainEqual(json);
	}

	it('covers the 40 methods 2Captcha serves and Custom Method (no TikTok, no hCaptcha)', () => {
		expect(captchaMethods).toHaveLength(40);
		expect(operationMethods.map((m) => m.value).sort()).toEqual([...captchaMethods.map((m) => m.value), 'customMethod'].sort());
		expect(new Set(OPERATIONS.map((o) => o.method.value)).size).toBe(41);
		expect(operationMethods.map((m) => m.value).join()).not.toMatch(/tiktok|hcaptcha/i);
	});

	describe.each(OPERATIONS.map((operation) => [operation.label, operation] as const))('%s', (_label, operation) => {
		it('Wait for Result: sends the request, outputs the parsed answer', async () => {
			const from = sandbox.log.length;
			const [out] = await runNode(new TwoCaptcha(), {
				// Not a test of the Timeout: at this scale a method's default (180 s) is 0.18 s of real time, which a
				// loaded machine uses up on the requests alone.
				parameters: { ...operation.parameters, mode: 'waitForResult', solverSettings: { timeoutSeconds: 3600 } } as never,
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(operation)],
			});
			expectRequest(operation, from);
			expect(out.pairedItem).toEqual({ item: 0 });
			const captchaId = String(out.json.captchaId);
			expectAnswered(out.json, operation, captchaId, { captchaIds: [captchaId] });
		});

		it('Submit Only: sends the same request with the Pingback URL, outputs the captcha ID at once', async () => {
			const from = sandbox.log.length;
			const pingbackUrl = `${front.url}/trigger/pingback?secret=Tr1gger-S3cret`;
			const [out] = await runNode(new TwoCaptcha(), {
				parameters: { ...operation.parameters, mode: 'submitOnly', pingbackUrl } as never,
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(operation)],
			});
			expectRequest(operation, from, pingbackUrl);
			expect(out.json).toEqual({
				captchaId: expect.stringMatching(/^\d+$/),
				method: operation.method.value,
				status: 'submitted',
				pingbackUrl: `${front.url}/trigger/pingback?secret=***`,
			});
			expect(sandbox.captchas.get(out.json.captchaId)).toBeDefined();
			expect(sandbox.log.slice(from).filter((e: any) => e.endpoint === 'res.php')).toHaveLength(0);
		});

		it('Wait for Pingback: sends it with the resume URL, waits, resumes once with the parsed answer', async () => {
			const from = sandbox.log.length;
			const execution = await executeWaiting(front, new TwoCaptcha(), {
				parameters: { ...operation.parameters, mode: 'waitForPingback', registerPingbackHost: true },
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(operation)],
			});
			const resumeUrl = `${front.url}/webhook-waiting/execution-under-test?signature=${execution.runExecutionData.resumeToken}`;
			expectRequest(operation, from, resumeUrl);
			const captchaId = String(execution.output[0].json.captchaId);
			// Waiting (execute() asks itself only once its earliest first poll has passed): the answer comes by pingback.
			expect(execution.runExecutionData.waitTill).toBeInstanceOf(Date);
			expect(execution.output[0].json).toMatchObject({ method: operation.method.value, status: UNANSWERED });
			await waitUntil(() => execution.resumedWith !== undefined);
			expect(execution.resumes).toBe(1);
			expect(execution.resumedWith).toHaveLength(1);
			expect(execution.resumedWith![0].pairedItem).toEqual({ item: 0 });
			expectAnswered(execution.resumedWith![0].json, operation, captchaId);
		});
	});
});
