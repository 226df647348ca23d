'use strict';
/**
 * Child processes (n8n, the bench's sandbox and rows) end with the command that started them, however it ends:
 * normally, by an exception, process.exit(), or SIGTERM/SIGINT/SIGHUP. `track(child)` registers a child; when this
 * process exits, every tracked child still running gets SIGTERM (n8n then stops its own task runner).
 *
 * A signal only ends this process here when nothing else listens for it: a script with its own handler (which
 * cleans up and exits) keeps control, and its exit still reaches the hook below.
 */
const running = new Set();
let installed = false;

function stopAll() {
	for (const child of running) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	}
	running.clear();
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function install() {
	if (installed) return;
	installed = true;
	process.on('exit', stopAll);
	for (const [signal, code] of Object.entries(SIGNALS)) {
		process.on(signal, () => {
			if (process.listenerCount(signal) === 1) process.exit(code);
		});
	}
}

/** Registers `child` (a ChildProcess) to be stopped when this process ends; returns it. */
function track(child) {
	install();
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

module.exports = { track, stopAll };
