/**
 * Solve Any Captcha covers every operation of the Captcha resource — the 40 catalogue types and Custom Method —
 * with the checks of the type's own operation: for each, the values of the per-operation samples (the same ones
 * the every-operation test runs) go in as one JSON object, images as base64 text or data: URIs, Drag and Drop's
 * draggable images as a list, Temu's pieces by their names, Custom Method's parameters, files and Answer As; the
 * in.php request must be the one the type's own operation sends, and the output the answer parsed as that
 * operation parses it. List Captcha Types must describe each type as Solve Any Captcha takes it.
 */
import type { IDataObject } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { UNKNOWN_SHAPE } from '../../nodes/TwoCaptcha/actions/captcha/captchaTypes';
import { captchaMethods, operationMethods } from '../../nodes/TwoCaptcha/catalogue';
import { uploadNames } from '../../nodes/TwoCaptcha/catalogue/toProperties';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { inputItem, OPERATIONS, parserOf, type Operation } from '../helpers/methodSamples';
import { connectTool } from '../helpers/toolNode';

const { startSandbox } = require('../sandbox');
const { png } = require('../sandbox/fixtures');

const SCALE = 0.001;
/** The longest Timeout, 3.6 s real at this scale (the default 180-300 s would be 0.2-0.3 s, too short under load). */
const LONGEST_TIMEOUT = { timeoutSeconds: 3600 };

const dataUri = (data: Buffer, mime: string) => `data:${mime};base64,${data.toString('base64')}`;
const mimeOf = (upload: { kind: string }) => (upload.kind === 'audio' ? 'audio/mpeg' : 'image/png');

interface SolveAnyCall {
	/** The operation's own parameters, its required uploads from base64 text (what Solve Any Captcha sends too). */
	own: IDataObject;
	/** Solve Any Captcha's Captcha Parameters. */
	captchaParameters: Record<string, unknown>;
	/** The keys given for required fields and uploads. */
	requiredKeys: string[];
}

/** The sample of an operation as Solve Any Captcha takes it, and the operation's own parameters with base64 uploads. */
function solveAnyCall(operation: Operation): SolveAnyCall {
	const { method, parameters, binary } = operation;
	const own: IDataObject = { ...parameters };
	const given: Record<string, unknown> = {};
	const requiredKeys: string[] = [];
	for (const field of method.fields) {
		const value = parameters[field.name];
		if (value === undefined) continue;
		if (field.required) requiredKeys.push(field.name);
		// Custom Method's Parameters: the node's name/value entries are an object of name: value.
		given[field.name] =
			field.type === 'params' ? Object.fromEntries((value as any).entries.map((e: any) => [e.name, e.value])) : value;
	}
	for (const upload of (method.uploads ?? []).filter((u) => u.required)) {
		const names = uploadNames(upload);
		const properties = String(parameters[names.binaryProperty] ?? upload.defaultBinaryProperty ?? 'data').split(',').map((name) => name.trim());
		const files = properties.map((property) => binary[property]);
		requiredKeys.push(upload.namePrefix);
		if (upload.list === 'jsonArray') {
			// A JSON list: base64 text and a data: URI, in order.
			given[upload.namePrefix] = files.map((file, i) => (i % 2 ? dataUri(file, mimeOf(upload)) : file.toString('base64')));
			Object.assign(own, { [names.source]: 'base64', [names.base64]: JSON.stringify(files.map((file) => file.toString('base64'))) });
		} else {
			given[upload.namePrefix] = dataUri(files[0], mimeOf(upload));
			Object.assign(own, { [names.source]: 'base64', [names.base64]: files[0].toString('base64') });
		}
	}
	const options = { ...((parameters.options as IDataObject | undefined) ?? {}) };
	// Custom Method's Files: (parameter, binary property) entries are an object of parameter: base64.
	const files = (method.uploads ?? []).find((u) => u.list === 'named');
	if (files && options[files.namePrefix]) {
		const entries = (options[files.namePrefix] as any).entries as Array<{ parameter: string; binaryProperty: string }>;
		options[files.namePrefix] = Object.fromEntries(entries.map((e) => [e.parameter, binary[e.binaryProperty].toString('base64')]));
	}
	Object.assign(given, options);
	if (method.answerChoice && parameters[method.answerChoice.name] !== undefined) given[method.answerChoice.name] = parameters[method.answerChoice.name];
	return { own, captchaParameters: given, requiredKeys };
}

/** A listed solution shape, checked against a solution: text, a list or an object. */
function matchesShape(shape: string, solution: unknown): boolean {
	if (shape.startsWith('text')) return typeof solution === 'string';
	if (shape.startsWith('list')) return Array.isArray(solution);
	if (shape.startsWith('object or list')) return typeof solution === 'object' && solution !== null;
	if (shape.startsWith('object')) return typeof solution === 'object' && solution !== null && !Array.isArray(solution);
	return shape.startsWith('as answerAs says'); // Custom Method: the shape Answer As picks (checked against its parser below)
}

describe('Solve Any Captcha: every operation, the same request as its own operation', () => {
	let sandbox: any;
	let listed: Map<string, any>;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 22 });
		const [out] = await runNode(new TwoCaptcha(), { parameters: { resource: 'captcha', operation: 'listCaptchaTypes' } });
		listed = new Map((out.json.types as any[]).map((type) => [type.type, type]));
	});
	afterAll(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	const submissions = (from: number) => sandbox.log.slice(from).filter((e: any) => e.endpoint === 'in.php');

	it('covers the 40 types and Custom Method; List Captcha Types lists each, with a solution shape', () => {
		expect(new Set(OPERATIONS.map((o) => o.method.value)).size).toBe(41);
		expect([...listed.keys()]).toEqual(operationMethods.map((m) => m.value));
		expect(listed.size).toBe(captchaMethods.length + 1);
		for (const type of listed.values()) expect(type.solution).not.toBe(UNKNOWN_SHAPE);
	});

	it.each(OPERATIONS.map((operation) => [operation.label, operation] as const))('%s', async (_label, operation) => {
		const call = solveAnyCall(operation);
		const credentials = sandboxCredentials(sandbox);

		const from = sandbox.log.length;
		const [own] = await runNode(new TwoCaptcha(), { parameters: { ...call.own, mode: 'waitForResult' } as never, credentials, items: [inputItem(operation)] });
		const [ownSent] = submissions(from);
		expect(own.json.captchaId).toBeDefined();

		const next = sandbox.log.length;
		const [out] = await runNode(new TwoCaptcha(), {
			parameters: {
				resource: 'captcha',
				operation: 'solveAnyCaptcha',
				captchaType: operation.method.value,
				captchaParameters: JSON.stringify(call.captchaParameters),
				solverSettings: operation.parameters.solverSettings,
			} as never,
			credentials,
		});
		const sent = submissions(next);
		expect(sent).toHaveLength(1);
		expect(sent[0].params).toEqual(ownSent.params);
		expect(sent[0].files).toEqual([]);
		// The own operation's expected request, in its base64 form.
		if (!operation.files) expect(sent[0].params).toEqual({ key: '***', json: '1', ...operation.expected });

		// The answer parsed as the operation parses it (Custom Method: its Answer As).
		const captchaId = String(out.json.captchaId);
		const captcha = sandbox.captchas.get(captchaId);
		const forms = [captcha.extras, ...(operation.method.multiGetAnswer === true ? [{}] : [])].map((extra) => {
			const parsed = parserOf(operation)({ request: captcha.answer, extra });
			return { captchaId, method: operation.method.value, solution: parsed.solution, ...parsed.extras, captchaIds: [captchaId] };
		});
		expect(forms).toContainEqual(out.json);

		// List Captcha Types: the required keys are the ones given, the solution shape is what came out, and
		// "rawAnswer always" exactly when the output keeps the raw answer (the unconfirmed formats, Custom Method).
		const type = listed.get(operation.method.value);
		expect(Object.keys(type.required).sort()).toEqual([...call.requiredKeys].sort());
		expect(matchesShape(type.solution, out.json.solution)).toBe(true);
		expect(/rawAnswer always/.test(type.solution)).toBe('rawAnswer' in out.json);
		if ('rawAnswer' in out.json && operation.method.value !== 'customMethod') expect(type.solution).toMatch(/unconfirmed/);
	});
});

describe('Solve Any Captcha: the new shapes, refused before anything is sent', () => {
	let sandbox: any;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 23 });
	});
	afterAll(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	const IMAGE = png(300, 300).toString('base64');
	const PIECE = png(60, 60, 400).toString('base64');

	async function refused(captchaType: string, captchaParameters: Record<string, unknown>, message: RegExp) {
		const from = sandbox.log.length;
		await expect(
			runNode(new TwoCaptcha(), {
				parameters: { resource: 'captcha', operation: 'solveAnyCaptcha', captchaType, captchaParameters: JSON.stringify(captchaParameters) } as never,
				credentials: sandboxCredentials(sandbox),
			}),
		).rejects.toThrow(message);
		expect(sandbox.log.slice(from)).toHaveLength(0);
	}

	it.each([
		['not a list', { image: IMAGE, draggableImages: PIECE }, /draggableImages: must be a list of 1 to 20 base64 texts or data: URIs/],
		['an empty list', { image: IMAGE, draggableImages: [] }, /draggableImages: must be a list of 1 to 20/],
		['too many', { image: IMAGE, draggableImages: Array(21).fill(PIECE) }, /draggableImages: must hold at most 20 files \(got 21\)/],
		['a web address in the list', { image: IMAGE, draggableImages: [PIECE, 'https://example.com/a.png'] }, /draggableImages\[1\]: must be the image itself/],
		['a file that is no image', { image: IMAGE, draggableImages: [PIECE, Buffer.alloc(200, 7).toString('base64')] }, /draggableImages\[1\]: is not a JPG, PNG or GIF image/],
		['missing', { image: IMAGE }, /draggableImages missing: Drag and Drop \(dragDrop\) takes required: image, draggableImages/],
	])('Drag and Drop, draggable images %s', async (_case, parameters, message) => await refused('dragDrop', parameters, message));

	it('Temu: each piece by its name; a missing one is named', async () => {
		await refused('temu', { image: IMAGE, piece1: PIECE, piece3: PIECE }, /piece2 missing: Temu \(temu\) takes required: image, piece1, piece2, piece3/);
		// The in.php names work too.
		const [out] = await runNode(new TwoCaptcha(), {
			parameters: {
				resource: 'captcha',
				operation: 'solveAnyCaptcha',
				captchaType: 'Temu',
				captchaParameters: JSON.stringify({ body: IMAGE, part1: PIECE, part2: PIECE, part3: PIECE }),
				solverSettings: LONGEST_TIMEOUT,
			} as never,
			credentials: sandboxCredentials(sandbox),
		});
		expect(out.json.method).toBe('temu');
		expect(out.json.rawAnswer).toEqual(sandbox.captchas.get(out.json.captchaId).answer);
	});

	it.each([
		['no method name', { parameters: { sitekey: 'x' } }, /methodName missing: Custom Method \(customMethod\) takes required: methodName; optional: parameters, parametersJson, files, answerAs/],
		['a bad method name', { methodName: 'Temu Image' }, /methodName must be lower-case letters, digits and _ only/],
		['a parameter the node sets', { methodName: 'yandex', parameters: { key: 'abc' } }, /parameters: "key" cannot be set here: the API key comes from the credential/],
		['a file under a parameter the node sets', { methodName: 'temuimage', files: { pingback: IMAGE } }, /files: "pingback" cannot be set here/],
		['files not by parameter', { methodName: 'temuimage', files: [IMAGE] }, /files: must be an object of in.php parameter: base64 text or data: URI/],
		['a parameter set twice', { methodName: 'vkimage', parameters: { body: 'x' }, files: { body: IMAGE } }, /files: sets the parameter "body", which is already set/],
		['an unknown Answer As', { methodName: 'yandex', answerAs: 'xml' }, /answerAs: must be one of auto, json, text/],
	])('Custom Method: %s', async (_case, parameters, message) => await refused('customMethod', parameters, message));

	it("a type's cross-field rule names the fields by their keys", async () => {
		await refused('altcha', { pageUrl: 'https://example.com/' }, /Give either challengeUrl or challengeJson \(one of them, not both\): ALTCHA/);
		await refused('canvas', { image: IMAGE }, /textInstructions|instructionsImage/);
	});
});

describe('Solve Any Captcha as an AI tool: the new types', () => {
	let sandbox: any;
	beforeEach(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 24 });
	});
	afterEach(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	const fromAi = {
		resource: 'captcha',
		operation: 'solveAnyCaptcha',
		captchaType: "={{ $fromAI('captchaType', 'The captcha type', 'string') }}",
		captchaParameters: "={{ $fromAI('captchaParameters', 'The fields of that type as one JSON object', 'json') }}",
		solverSettings: LONGEST_TIMEOUT,
	};
	const IMAGE = png(300, 300).toString('base64');
	const PIECE = png(60, 60, 400).toString('base64');

	it('Temu, Drag and Drop, Yandex and Custom Method: the solution first; the raw answer kept where the format is unconfirmed', async () => {
		const { tool } = await connectTool(new TwoCaptcha(), { parameters: fromAi as any, credentials: sandboxCredentials(sandbox), executionId: 'new-types' });
		const call = async (captchaType: string, captchaParameters: Record<string, unknown>) => JSON.parse(await tool.invoke({ captchaType, captchaParameters }))[0];
		const temu = await call('temu', { image: IMAGE, piece1: PIECE, piece2: PIECE, piece3: PIECE });
		expect(Object.keys(temu)).toEqual(['solution', 'rawAnswer', 'captchaId', 'method']);
		expect(temu.solution).toEqual(expect.arrayContaining([{ x: expect.any(Number), y: expect.any(Number) }]));

		const drag = await call('dragDrop', { image: IMAGE, draggableImages: [PIECE, PIECE, PIECE] });
		expect(Object.keys(drag)).toEqual(['solution', 'captchaId', 'method']);
		expect(drag.solution).toHaveLength(3);
		expect(sandbox.log.filter((e: any) => e.endpoint === 'in.php').at(-1).params.images).toMatch(/^\[\d+ chars\]$/);

		const yandex = await call('Yandex Smart Captcha', { siteKey: 'ysc1_0QcrEcM2vXWYTXwnNhhTxXv1Gx0Ayx3pDnj3uPtiQ55', pageUrl: 'https://example.com/' });
		expect(yandex.solution).toBe(sandbox.captchas.get(yandex.captchaId).answer);
		expect(yandex.rawAnswer).toBe(yandex.solution);

		const custom = await call('customMethod', { methodName: 'yandex', parameters: { sitekey: 'ysc1_x', pageurl: 'https://example.com/' }, answerAs: 'text' });
		expect(Object.keys(custom)[0]).toBe('solution');
		expect(custom).toMatchObject({ method: 'customMethod', solution: sandbox.captchas.get(custom.captchaId).answer });
	});

	it('the guard rails hold for the new types: Max Captchas Per Execution counts them, Wait for Pingback is refused', async () => {
		const capped = await connectTool(new TwoCaptcha(), {
			parameters: { ...fromAi, solverSettings: { ...LONGEST_TIMEOUT, maxCaptchasPerExecution: 1 } } as any,
			credentials: sandboxCredentials(sandbox),
			executionId: 'new-types-cap',
		});
		await capped.tool.invoke({ captchaType: 'temu', captchaParameters: { image: IMAGE, piece1: PIECE, piece2: PIECE, piece3: PIECE } });
		await expect(capped.tool.invoke({ captchaType: 'customMethod', captchaParameters: { methodName: 'yandex' } })).rejects.toThrow(
			/Max Captchas Per Execution \(1\) reached/,
		);
		const pingback = await connectTool(new TwoCaptcha(), { parameters: { ...fromAi, mode: 'waitForPingback' } as any, credentials: sandboxCredentials(sandbox) });
		await expect(pingback.tool.invoke({ captchaType: 'dragDrop', captchaParameters: { image: IMAGE, draggableImages: [PIECE] } })).rejects.toThrow(
			/Mode "Wait for Pingback" cannot run inside an AI tool call/,
		);
		expect(sandbox.log.filter((e: any) => e.endpoint === 'in.php')).toHaveLength(1);
	});
});
