'use strict';
/**
 * Every operation of the built 2Captcha node, with valid sample parameters, derived from the node itself:
 * captcha operations from the catalogue entries (required fields, required uploads, and whatever Options the
 * entry's own validation asks for), the other resources from the node description's required parameters.
 */
const path = require('node:path');
const fixtures = require('../fixtures');

const DIST = path.resolve(__dirname, '../../../dist/nodes/TwoCaptcha');

function loadBuiltNode() {
	const { operationMethods } = require(path.join(DIST, 'catalogue'));
	const { toInPhpParams } = require(path.join(DIST, 'catalogue/toRequest'));
	const { TwoCaptcha } = require(path.join(DIST, 'TwoCaptcha.node.js'));
	// Every operation of the Captcha resource: the catalogue's methods and Custom Method.
	return { captchaMethods: operationMethods, toInPhpParams, description: new TwoCaptcha().description };
}

/** A 40-character value of [A-Za-z0-9_-]: passes as a site key, app id, gt, challenge ... */
function keyLike(name) {
	return `${name.replace(/[^A-Za-z0-9]/g, '')}_e2e_0123456789abcdefghijklmnopqrstuvwxyz`.slice(0, 40);
}

const SAMPLE_BY_NAME = {
	userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
	proxy: 'user:secret@127.0.0.1:3128',
	question: 'What is two plus two?',
	textInstructions: 'Select all squares with traffic lights',
	cookies: 'session:abc123',
	steps: '[5,12,22,24,21,23,10,7,2,8]',
	tspdCookie: 'TS01a2b3c4=01f2e3d4c5; TSPD_101=08a1b2c3d4',
	htmlPageBase64: Buffer.from('<html><body>challenge</body></html>').toString('base64'),
};

/** Custom Method has no fields to sample: it calls a method the sandbox knows, with its parameters. */
const CUSTOM_METHOD_SAMPLE = {
	methodName: 'yandex',
	parameters: { entries: [{ name: 'sitekey', value: keyLike('sitekey') }] },
	parametersJson: '{"pageurl": "https://example.com/custom"}',
	answerAs: 'text',
};

function sampleValue(field) {
	if (field.name in SAMPLE_BY_NAME) return SAMPLE_BY_NAME[field.name];
	switch (field.type) {
		case 'url':
			return `https://example.com/${field.name.toLowerCase()}`;
		case 'number':
			return field.min ?? 1;
		case 'boolean':
			return true;
		case 'options':
			return field.options[0].value;
		case 'json':
			return '{"e2e":true}';
		case 'keyValue':
			return { entries: [{ name: 'blob', value: 'e2e' }] };
		case 'proxy':
			return SAMPLE_BY_NAME.proxy;
		default:
			return keyLike(field.name);
	}
}

const SAMPLE_UPLOAD = { image: fixtures.pngBase64, audio: fixtures.mp3Base64 };

/** The in.php parameters the node would send: fields via the catalogue's own mapping, uploads as base64. */
function inPhpParams(method, toInPhpParams, values) {
	const params = toInPhpParams(method, values);
	for (const upload of (method.uploads ?? []).filter((u) => u.required)) params[upload.base64Param] = SAMPLE_UPLOAD[upload.kind];
	return params;
}

/**
 * Required fields and uploads filled, then the entry's own checks are asked (field mapping, then its `validate`
 * rules, as the node does before any request): while one names an unset option (e.g. "Add Text Instructions
 * or ..."), that option is filled too.
 */
function captchaParameters(method, toInPhpParams) {
	if (method.value === 'customMethod') return { resource: 'captcha', operation: method.value, ...CUSTOM_METHOD_SAMPLE };
	const fields = Object.fromEntries(method.fields.map((field) => [field.name, sampleValue(field)]));
	const options = {};
	for (let attempt = 0; ; attempt++) {
		let problem;
		try {
			problem = method.validate?.(inPhpParams(method, toInPhpParams, { ...fields, ...options }));
		} catch (error) {
			problem = error.message;
		}
		if (!problem) break;
		const named = method.options.find((o) => !(o.name in options) && problem.includes(o.displayName));
		if (!named || attempt > 5) throw new Error(`no valid sample parameters for ${method.value}: ${problem}`);
		options[named.name] = sampleValue(named);
	}
	const uploads = {};
	for (const upload of (method.uploads ?? []).filter((u) => u.required)) {
		uploads[`${upload.namePrefix}Source`] = 'base64';
		uploads[`${upload.namePrefix}Base64`] = SAMPLE_UPLOAD[upload.kind];
	}
	return { resource: 'captcha', operation: method.value, ...uploads, ...fields, ...(Object.keys(options).length ? { options } : {}) };
}

/**
 * Samples for the required parameters of the account, task and pingback operations. Task operations run after
 * a solve node, so their captcha IDs come from its output by expression.
 */
const RESOURCE_SAMPLES = {
	captchaId: '={{ $json.captchaId }}',
	captchaIds: '={{ $json.captchaId }}',
	// The examples and the trigger register 127.0.0.1: the pingback operations add and delete another loopback host.
	address: 'localhost',
	captchaType: 'turnstile',
	captchaParameters: JSON.stringify({ siteKey: '0x4AAAAAAAC3DHQFLr1GavRN', pageUrl: 'https://example.com/login' }),
};

function isShownFor(property, resource, operation) {
	const show = property.displayOptions?.show ?? {};
	// Fields of another mode than the default (Wait for Result) are not shown.
	const inDefaultMode = !show.mode || show.mode.includes('waitForResult');
	return show.resource?.includes(resource) && (!show.operation || show.operation.includes(operation)) && inDefaultMode;
}

function resourceParameters(description, resource, operation) {
	const parameters = { resource, operation };
	for (const property of description.properties) {
		if (!property.required || !isShownFor(property, resource, operation)) continue;
		if (!(property.name in RESOURCE_SAMPLES)) {
			throw new Error(`no sample value for required parameter ${resource}.${operation}.${property.name}`);
		}
		parameters[property.name] = RESOURCE_SAMPLES[property.name];
	}
	return parameters;
}

function operationsOf(description, resource) {
	const operation = description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	return operation.options.map((o) => o.value);
}

/** [{ key, resource, operation, parameters }] for every operation of the node. */
function allOperations() {
	const { captchaMethods, toInPhpParams, description } = loadBuiltNode();
	const resources = description.properties.find((p) => p.name === 'resource').options.map((o) => o.value);
	const operations = [];
	for (const resource of resources) {
		for (const operation of operationsOf(description, resource)) {
			// Captcha operations that are not one catalogue method (Solve Any Captcha, List Captcha Types) take samples.
			const method = resource === 'captcha' && captchaMethods.find((m) => m.value === operation);
			const parameters = method ? captchaParameters(method, toInPhpParams) : resourceParameters(description, resource, operation);
			operations.push({ key: `${resource}.${operation}`, resource, operation, parameters });
		}
	}
	return operations;
}

module.exports = { allOperations, loadBuiltNode, sampleValue, captchaParameters };
