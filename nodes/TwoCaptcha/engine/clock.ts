import { sleep, timeoutSignal } from '../shared/async';

/** Time source for the engine: real in production, scaled or fake in tests. */
export interface Clock {
	/** Milliseconds, monotonic enough for scheduling (Date.now for the real clock). */
	now(): number;
	/** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/** A signal that aborts after `ms` of this clock's time (request timeouts); real time when absent. */
	timeoutSignal?(ms: number): AbortSignal;
}

/** Durations past what a timer holds are clamped in shared/async.ts, the last line of defence against huge settings. */
export const realClock: Clock = {
	now: () => Date.now(),
	sleep,
	timeoutSignal,
};
