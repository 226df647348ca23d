import type { Clock } from './clock';
import { realClock } from './clock';
import { timeoutSignal } from '../lib/async';

/**
 * Request timeouts never go below this much real time. A scaled clock compresses 2Captcha's time, not the time a
 * loaded machine takes to answer a request: the sandbox answers in the same process, and on 2 busy cores a healthy
 * answer can take a second. A shorter floor (it was 250 ms) let the timeout fire on in.php answers the sandbox had
 * accepted, and the transport retry then paid for a second captcha. Only requests that never answer (the hang
 * faults) wait this long.
 */
export const MIN_REAL_TIMEOUT_MS = 2_000;

/**
 * A clock whose every duration is multiplied by `scale` in real time (0.001: a 5 s poll interval takes 5 ms).
 * Tests and the benchmark run the engine and the sandbox on the same scale, so every limit keeps its meaning.
 */
export function scaledClock(scale: number): Clock {
	const origin = Date.now();
	return {
		now: () => origin + (Date.now() - origin) / scale,
		sleep: async (ms, signal) => await realClock.sleep(ms * scale, signal),
		timeoutSignal: (ms) => timeoutSignal(Math.max(MIN_REAL_TIMEOUT_MS, ms * scale)),
	};
}
