'use strict';
/** The example workflows in examples/: loading, and adapting them to the credential and n8n they run with. */
const fs = require('node:fs');
const path = require('node:path');
const { PACK_ROOT } = require('./n8n');
const wf = require('./workflows');

const EXAMPLES_DIR = path.join(PACK_ROOT, 'examples');
/** Where the examples expect n8n (the Pingback URL of the Submit Only example). */
const EXAMPLE_N8N_URL = 'http://127.0.0.1:5678';

/** [{ file, workflow }] in file-name order. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** Examples that start with a Manual Trigger can run headless (`n8n execute`); the others need `n8n start`. */
const isHeadless = (workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');

/**
 * A copy of an example for a given credential, n8n base URL and, optionally, solver settings for every captcha
 * node (the sandbox at a fast time scale answers long before the node's default first poll).
 */
function adaptExample(workflow, { credential, n8nUrl = EXAMPLE_N8N_URL, solverSettings }) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (node.credentials?.[wf.CREDENTIAL_TYPE]) node.credentials = wf.credentialRef(credential);
		if (node.type !== wf.SOLVE_NODE_TYPE) continue;
		if (node.parameters.pingbackUrl) node.parameters.pingbackUrl = node.parameters.pingbackUrl.replace(EXAMPLE_N8N_URL, n8nUrl);
		if (solverSettings && node.parameters.resource === 'captcha') {
			node.parameters.solverSettings = { ...node.parameters.solverSettings, ...solverSettings };
		}
	}
	return copy;
}

/** The last node that ran and its output, for a one-line summary of an execution. */
function lastOutput(run) {
	const node = run.lastNode ?? Object.keys(run.runData).at(-1);
	return { node, items: run.runData[node] ?? [] };
}

module.exports = { EXAMPLES_DIR, EXAMPLE_N8N_URL, loadExamples, isHeadless, adaptExample, lastOutput };
