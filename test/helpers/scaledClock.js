/**
 * A clock whose every duration is multiplied by `scale` in real time (0.001: a 5 s poll interval takes 5 ms), for
 * the engine's setEngineClock. Tests and the benchmark run the engine and the sandbox on the same scale, so every
 * limit keeps its meaning. Plain JavaScript, so the benchmark (which runs the built pack) uses it too.
 */

/**
 * Request timeouts never go below this much real time. A scaled clock compresses 2Captcha's time, not the time a
 * loaded machine takes to answer a request: the sandbox answers in the same process, and on 2 busy cores a healthy
 * answer can take a second. A shorter floor (it was 250 ms) let the timeout fire on in.php answers the sandbox had
 * accepted, and the transport retry then paid for a second captcha. Only requests that never answer (the hang
 * faults) wait this long.
 */
const MIN_REAL_TIMEOUT_MS = 2_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
const timerMs = (ms) => (Number.isNaN(ms) ? 0 : Math.min(MAX_TIMER_MS, Math.max(0, ms)));

/** Resolves after `ms` real ms; rejects with the signal's reason on abort, leaving no timer or listener behind. */
function realSleep(ms, signal) {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, timerMs(ms));
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

function scaledClock(scale) {
	const origin = Date.now();
	const now = () => origin + (Date.now() - origin) / scale;
	return {
		now,
		// Node may fire a timer a little early against Date.now() (it measures from its cached loop time), and each
		// real ms is 1/scale clock ms: a sleep ends only once now() has reached its end.
		sleep: async (ms, signal) => {
			const end = now() + ms;
			do await realSleep((end - now()) * scale, signal);
			while (now() < end);
		},
		timeoutSignal: (ms) => AbortSignal.timeout(timerMs(Math.max(MIN_REAL_TIMEOUT_MS, ms * scale))),
	};
}

module.exports = { scaledClock, MIN_REAL_TIMEOUT_MS };
