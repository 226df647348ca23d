'use strict';
/** Builders for the workflow and credential JSON that n8n imports. */
const crypto = require('node:crypto');
const { PACK_NAME } = require('./n8n');

const SOLVE_NODE_TYPE = `${PACK_NAME}.twoCaptcha`;
const TRIGGER_NODE_TYPE = `${PACK_NAME}.twoCaptchaTrigger`;
const CREDENTIAL_TYPE = 'twoCaptchaSolverApi';
const MANUAL_TRIGGER = 'Start';
const SOLVE_NODE = '2Captcha';

/** n8n ids are 16 alphanumerics; derive stable ones from a readable key so re-imports overwrite. */
function stableId(key) {
	return crypto.createHash('sha256').update(key).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}

/** The examples refer to a credential of this name (and its stable id): importing one makes them runnable. */
const CREDENTIAL_NAME = '2Captcha';

/**
 * The credential for the sandbox (server 'custom') or, with a real key, for 2captcha.com.
 * `data` stays a plain object: `n8n import:credentials` encrypts it.
 */
function twoCaptchaCredential({ apiKey, customUrl, name = CREDENTIAL_NAME }) {
	return {
		id: stableId(`credential:${name}`),
		name,
		type: CREDENTIAL_TYPE,
		data: customUrl
			? { apiKey, server: 'custom', customUrl, softId: '' }
			: { apiKey, server: 'https://2captcha.com', customUrl: '', softId: '' },
	};
}

/** The credential for a running sandbox (test/sandbox): its URL and key. */
const sandboxCredential = (sandbox) => twoCaptchaCredential({ apiKey: sandbox.apiKey, customUrl: sandbox.url });

function credentialRef(credential) {
	return { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
}

function node(name, type, parameters, position, extra = {}) {
	return { id: crypto.randomUUID(), name, type, typeVersion: 1, position, parameters, ...extra };
}

function manualTrigger() {
	return node(MANUAL_TRIGGER, 'n8n-nodes-base.manualTrigger', {}, [0, 0]);
}

function solveNode(parameters, credential, name = SOLVE_NODE, position = [240, 0]) {
	return node(name, SOLVE_NODE_TYPE, parameters, position, { credentials: credentialRef(credential) });
}

function codeNode(name, jsCode, position) {
	return node(name, 'n8n-nodes-base.code', { jsCode }, position, { typeVersion: 2 });
}

/** Connects nodes in a chain: a → b → c (main output 0 to main input 0). */
function chain(...names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function workflow({ key, name, nodes, connections, tags }) {
	return {
		id: stableId(`workflow:${key}`),
		name,
		nodes,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		...(tags ? { tags } : {}),
	};
}

/** Manual Trigger → 2Captcha node with `parameters` (resource, operation and fields). */
function singleOperationWorkflow({ key, name, parameters, credential }) {
	return workflow({
		key,
		name,
		nodes: [manualTrigger(), solveNode(parameters, credential)],
		connections: chain(MANUAL_TRIGGER, SOLVE_NODE),
	});
}

module.exports = {
	SOLVE_NODE_TYPE,
	TRIGGER_NODE_TYPE,
	CREDENTIAL_TYPE,
	CREDENTIAL_NAME,
	MANUAL_TRIGGER,
	SOLVE_NODE,
	stableId,
	twoCaptchaCredential,
	sandboxCredential,
	credentialRef,
	node,
	manualTrigger,
	solveNode,
	codeNode,
	chain,
	workflow,
	singleOperationWorkflow,
};
