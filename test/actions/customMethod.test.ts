/**
 * Custom Method and the library methods through the node (n8n-core's ExecuteContext) against the sandbox: input
 * refused before anything is sent, files and image lists, answers that are not in a known form (an explicit error
 * keeping the raw answer), and no secret echoed.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { SLOW_SOLVES, solveNow } from '../helpers/sandboxTasks';
import { startLocalServer } from '../transport/localServer';

const { startSandbox } = require('../sandbox');
const { METHOD_CASES } = require('../sandbox/method-cases');
const { png } = require('../sandbox/fixtures');

const SCALE = 0.001;
const YANDEX = METHOD_CASES.find((c: any) => c.key === 'yandex').params;
const IMAGE = png(300, 300, 2048);
const PIECE = png(60, 60, 400);

const binaryItem = (files: Record<string, Buffer>): INodeExecutionData => ({
	json: {},
	binary: Object.fromEntries(Object.entries(files).map(([name, data]) => [name, { data: data.toString('base64'), mimeType: 'image/png', fileName: `${name}.png` }])),
});

const yandexCustom = (extra: IDataObject = {}): INodeParameters => ({
	resource: 'captcha',
	operation: 'customMethod',
	mode: 'waitForResult',
	methodName: 'yandex',
	parameters: { entries: [{ name: 'sitekey', value: YANDEX.sitekey }, { name: 'pageurl', value: YANDEX.pageurl }] },
	// Not a test of the Timeout: at this scale the default (180 s) is 0.18 s of real time, which a loaded machine
	// uses up on the requests alone.
	solverSettings: { timeoutSeconds: 3600 },
	...extra,
});

describe('Custom Method and the library methods through the node', () => {
	let sandbox: any;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 9 });
	});
	afterAll(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});
	const inPhp = () => sandbox.log.filter((e: any) => e.endpoint === 'in.php');
	const run = async (parameters: INodeParameters, items: INodeExecutionData[] = [{ json: {} }], continueOnFail = false) =>
		await runNode(new TwoCaptcha(), { parameters, credentials: sandboxCredentials(sandbox), items, continueOnFail });

	it.each([
		['the API key', { parameters: { entries: [{ name: 'key', value: 'x' }] } }, /"key" cannot be set here: the API key comes from the credential/],
		['json', { parametersJson: '{"json": 0}' }, /"json" cannot be set here/],
		['soft_id', { parametersJson: { soft_id: 1 } }, /"soft_id" cannot be set here/],
		['the pingback', { parameters: { entries: [{ name: 'pingback', value: 'https://x.example/' }] } }, /"pingback" cannot be set here/],
		['a file sent as the key', { options: { files: { entries: [{ parameter: 'key', binaryProperty: 'data' }] } } }, /^Files: "key" cannot be set here/],
		['an upper-case method name', { methodName: 'Yandex' }, /Method Name must be lower-case letters, digits and _ only/],
		['a file from a missing binary property', { options: { files: { entries: [{ parameter: 'body', binaryProperty: 'nope' }] } } }, /the input item has no binary property "nope"/],
		['more than 10 files', { options: { files: { entries: Array.from({ length: 11 }, (_, i) => ({ parameter: `f${i}`, binaryProperty: 'data' })) } } }, /at most 10 files/],
		['Answer As set to something unknown', { answerAs: 'xml' }, /Answer As: must be one of auto, json, text/],
	])('refuses %s before anything is sent', async (_label, extra, message) => {
		const before = inPhp().length;
		await expect(run(yandexCustom(extra as IDataObject), [binaryItem({ data: IMAGE })])).rejects.toThrow(message);
		expect(inPhp().length).toBe(before);
	});

	it('refuses a file over 1 MB; with Continue On Fail one error item per item, the others solved', async () => {
		const before = inPhp().length;
		const parameters = yandexCustom({ options: { files: { entries: [{ parameter: 'body', binaryProperty: 'data' }] } } });
		const out = await run(parameters, [binaryItem({ data: png(300, 300, 1024 * 1024 + 1) }), binaryItem({ data: IMAGE })], true);
		expect(out).toHaveLength(2);
		expect(out[0]).toMatchObject({ json: { error: expect.stringMatching(/^Files "body": is 1024 kB; 2Captcha accepts at most 1024 kB/), method: 'customMethod' }, pairedItem: { item: 0 } });
		expect(out[1]).toMatchObject({ json: { solution: expect.any(String), method: 'customMethod' }, pairedItem: { item: 1 } });
		expect(inPhp().length).toBe(before + 1);
	});

	it('Answer As JSON on a token answer: an explicit error with the raw answer and the captcha ID (Continue On Fail)', async () => {
		const [out] = await run(yandexCustom({ answerAs: 'json' }), [{ json: {} }], true);
		const captcha = sandbox.captchas.get(String(out.json.captchaId));
		expect(out.json).toMatchObject({ method: 'customMethod', rawAnswer: captcha.answer, error: expect.stringContaining('Expected a JSON object or list') });
		expect(String(out.json.error)).toContain(captcha.answer.slice(0, 40));
	});

	it('Drag and Drop: the draggable images from binary properties, base64 lines or a JSON list, in order', async () => {
		// The longest Timeout, as in yandexCustom: the image default (180 s) is 0.18 s real at this scale.
		const base = { resource: 'captcha', operation: 'dragDrop', mode: 'waitForResult', imageSource: 'binary', imageBinaryProperty: 'data', solverSettings: { timeoutSeconds: 3600 } };
		const b64 = PIECE.toString('base64');
		const cases: Array<[IDataObject, number]> = [
			[{ draggableImagesSource: 'binary', draggableImagesBinaryProperty: 'a, b,c' }, 3],
			[{ draggableImagesSource: 'base64', draggableImagesBase64: `${b64}\n${b64}` }, 2],
			[{ draggableImagesSource: 'base64', draggableImagesBase64: JSON.stringify([b64]) }, 1],
		];
		for (const [extra, count] of cases) {
			const before = inPhp().length;
			const [out] = await run({ ...base, ...extra } as INodeParameters, [binaryItem({ data: IMAGE, a: PIECE, b: PIECE, c: PIECE })]);
			expect((out.json.solution as unknown[]).length).toBe(count);
			expect(sandbox.captchas.get(String(out.json.captchaId)).answer.split('|')).toHaveLength(count);
			expect(inPhp().length).toBe(before + 1);
		}
		await expect(run({ ...base, draggableImagesSource: 'binary', draggableImagesBinaryProperty: ' , ' } as INodeParameters, [binaryItem({ data: IMAGE })])).rejects.toThrow(
			/Draggable Images Binary Fields: is required and must name at least one file/,
		);
		await expect(
			run({ ...base, draggableImagesSource: 'base64', draggableImagesBase64: Buffer.alloc(500, 'a').toString('base64') } as INodeParameters, [binaryItem({ data: IMAGE })]),
		).rejects.toThrow(/Draggable Images 1: is not a JPG, PNG or GIF image/);
	});
});

describe('answers in no known form', () => {
	let sandbox: any;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 10, ...SLOW_SOLVES });
	});
	afterAll(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	/** Runs the node; once it has submitted, the sandbox answers `answer` for that captcha. */
	async function solveWith(parameters: INodeParameters, items: INodeExecutionData[], answer: unknown, continueOnFail: boolean) {
		const from = sandbox.log.length;
		const running = runNode(new TwoCaptcha(), { parameters, credentials: sandboxCredentials(sandbox), items, continueOnFail });
		const deadline = Date.now() + 5000;
		let submitted: any;
		while (!(submitted = sandbox.log.slice(from).find((e: any) => e.endpoint === 'in.php' && e.response?.status === 1))) {
			if (Date.now() > deadline) throw new Error('nothing submitted');
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		solveNow(sandbox, String(submitted.response.request), answer);
		return await running;
	}

	// The longest Timeout, as above: the image default (180 s) is 0.18 s real at this scale.
	const temu = { resource: 'captcha', operation: 'temu', mode: 'waitForResult', imageSource: 'binary', piece1Source: 'binary', piece2Source: 'binary', piece3Source: 'binary', solverSettings: { timeoutSeconds: 3600 } };
	const temuItem = binaryItem({ data: IMAGE, piece1: PIECE, piece2: PIECE, piece3: PIECE });

	it('Temu answering a form no source lists: an error item with the raw answer, never a guessed solution', async () => {
		const [out] = await solveWith(temu as INodeParameters, [temuItem], 'left-top', true);
		expect(out.json.solution).toBeUndefined();
		expect(out.json).toMatchObject({ method: 'temu', rawAnswer: 'left-top', captchaId: expect.stringMatching(/^\d+$/), error: expect.stringContaining('Expected coordinates') });
	});

	it('without Continue On Fail the run fails with the raw answer quoted and the captcha ID', async () => {
		await expect(solveWith(temu as INodeParameters, [temuItem], { where: 'unknown' }, false)).rejects.toThrow(/Expected coordinates.*"where":"unknown"/);
	});

	it('a plausible form (x,y|x,y|x,y) is taken, the raw answer kept next to it', async () => {
		const [out] = await solveWith(temu as INodeParameters, [temuItem], '1,2|3,4|5,6', false);
		expect(out.json).toMatchObject({ solution: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }], rawAnswer: '1,2|3,4|5,6' });
	});
});

describe('no secret echoed by Custom Method', () => {
	const PASSWORD = 'Cu5tom-Pr0xy+pa55/w0rd';
	it('an HTML page echoing the request shows neither the key nor a proxy password given as a parameter', async () => {
		const server = await startLocalServer((request, res) => {
			res.writeHead(502, { 'content-type': 'text/html' });
			res.end(`<html><pre>${request.body}</pre><pre>${decodeURIComponent(request.body.replace(/\+/g, ' '))}</pre></html>`);
		});
		setEngineClock(scaledClock(0.005));
		const apiKey = 'c0ffee00c0ffee00c0ffee00c0ffee01';
		try {
			const out = await runNode(new TwoCaptcha(), {
				parameters: {
					...yandexCustom(),
					mode: 'submitOnly',
					pingbackUrl: 'https://n8n.example.com/webhook/abc/pingback?secret=Cu5tom-S3cret-pingback',
					parametersJson: { proxy: `me:${PASSWORD}@10.0.0.2:3128`, proxytype: 'HTTP' },
				},
				credentials: { twoCaptchaSolverApi: { apiKey, server: 'custom', customUrl: server.url } },
				items: [{ json: {} }],
				continueOnFail: true,
			});
			expect(server.requests.at(-1)!.body).toContain(encodeURIComponent(PASSWORD));
			const text = JSON.stringify(out);
			expect(text).toMatch(/not a 2Captcha answer/);
			for (const secret of [apiKey, PASSWORD, encodeURIComponent(PASSWORD), 'Cu5tom-S3cret-pingback']) expect(text).not.toContain(secret);
		} finally {
			await server.close();
			setEngineClock(realClock);
		}
	});
});
