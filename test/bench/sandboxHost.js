'use strict';
/**
 * Runs one row's sandbox in a process of its own, so rows running side by side never share an event loop.
 * IPC: {start: options} → {url, apiKey}; {finish: true} → {log, captchas: [[id, {submittedAt, readyAt}]]}, then exits
 * (also when the parent goes away).
 */
const { startSandbox } = require('../sandbox');

let sandbox;

// The parent (run.js) gone, for whatever reason: this process has nothing left to serve.
process.once('disconnect', () => process.exit(1));

process.on('message', async (message) => {
	if (message.start) {
		sandbox = await startSandbox(message.start);
		process.send({ url: sandbox.url, apiKey: sandbox.apiKey });
		return;
	}
	const captchas = [...sandbox.captchas.values()].map(({ id, submittedAt, readyAt }) => [id, { submittedAt, readyAt }]);
	const records = { log: sandbox.log, captchas };
	await sandbox.close();
	process.send(records, () => process.exit(0));
});
