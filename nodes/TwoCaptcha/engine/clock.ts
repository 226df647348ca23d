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
	// n8n-workflow's sleep races the timer against the signal and clears the timer on abort.
	sleep: async (ms, signal) => await sleep(Math.max(0, ms), signal),
	timeoutSignal: (ms) => AbortSignal.timeout(ms),
};
