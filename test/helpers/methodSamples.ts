/**
 * A valid run of every operation of the Captcha resource, shared by the tests that run them all: the node
 * parameters of each catalogue method (its required fields from the sandbox's own valid requests, its uploads from
 * binary properties, the options its rules ask for), Custom Method calling methods the sandbox knows, and the in.php
 * request each must send.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { captchaMethods, configuredMethod, getMethod } from '../../nodes/TwoCaptcha/catalogue';
import { uploadNames } from '../../nodes/TwoCaptcha/catalogue/toProperties';
import { toInPhpParams } from '../../nodes/TwoCaptcha/catalogue/toRequest';
import type { CaptchaMethod, FieldSpec, UploadSpec } from '../../nodes/TwoCaptcha/catalogue/types';

const { METHOD_CASES, PAGE } = require('../sandbox/method-cases');
const { png, mp3 } = require('../sandbox/fixtures');

/**
 * The longest Timeout: tests run the engine time-scaled (1 s = 1 ms), where the default 180-300 s would be 0.2-0.3 s
 * of real time, less than a loaded machine may take for a submission and a poll.
 */
const LONGEST_TIMEOUT = { timeoutSeconds: 3600 };

export const MAIN_IMAGE = png(300, 300, 2048);
export const PIECE = png(60, 60, 400);

export interface Operation {
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
export const logged = (value: string) => (value.length > 256 ? `[${value.length} chars]` : value);

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
export function catalogueOperation(method: CaptchaMethod): Operation {
	const parameters: IDataObject = { resource: 'captcha', operation: method.value, solverSettings: LONGEST_TIMEOUT };
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
export const CUSTOM_OPERATIONS: Operation[] = [
	{
		label: 'Custom Method: yandex, key/value parameters, Answer As Text',
		method: custom,
		parameters: {
			resource: 'captcha',
			operation: 'customMethod',
			solverSettings: LONGEST_TIMEOUT,
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
			solverSettings: LONGEST_TIMEOUT,
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
			solverSettings: LONGEST_TIMEOUT,
			methodName: 'vkimage',
			parametersJson: JSON.stringify({ steps: JSON.parse(VK_IMAGE.steps) }),
			options: { files: { entries: [{ parameter: 'body', binaryProperty: 'data' }] } },
		},
		binary: { data: MAIN_IMAGE },
		expected: { method: 'vkimage', steps: VK_IMAGE.steps, body: logged(MAIN_IMAGE.toString('base64')) },
	},
];

export const OPERATIONS: Operation[] = [...captchaMethods.map(catalogueOperation), ...CUSTOM_OPERATIONS];

export function inputItem(operation: Operation): INodeExecutionData {
	const binary = Object.fromEntries(
		Object.entries(operation.binary).map(([name, data]) => [
			name,
			{ data: data.toString('base64'), mimeType: data === mp3() ? 'audio/mpeg' : 'image/png', fileName: `${name}.bin` },
		]),
	);
	return Object.keys(binary).length ? { json: {}, binary } : { json: {} };
}

/** The parser the node uses for this operation: the entry's, or Custom Method's Answer As. */
export const parserOf = (operation: Operation) =>
	configuredMethod(operation.method, (name) => (operation.parameters as Record<string, unknown>)[name]).parse;
