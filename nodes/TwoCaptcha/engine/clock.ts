import { sleep } from 'n8n-workflow';

/** Time source for the engine: real in production, scaled or fake in tests. */
export interface Clock {
	/** Milliseconds, monotonic enough for scheduling (Date.now for the real clock). */
	now(): number;
	/** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/** A signal that aborts after `ms` of this clock's time (request timeouts); real time when absent. */
	timeoutSignal?(ms: number): AbortSignal;
}

export const realClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await abortableSleep(Math.max(0, ms), signal),
	timeoutSignal: (ms) => AbortSignal.timeout(ms),
};

/**
 * Current n8n-workflow versions abort their `sleep` with the signal (and clear its timer); older ones ignore the
 * signal. Racing it against the signal here makes cancellation prompt on both.
 */
async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	signal.throwIfAborted();
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort!);
	}
}
