import type { Clock } from './clock';
import { realClock } from './clock';
import { timeoutSignal } from '../shared/async';

/** Request timeouts never go below this much real time: on a busy machine shorter ones fail healthy requests. */
export const MIN_REAL_TIMEOUT_MS = 250;

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
