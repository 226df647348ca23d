import { sleep, timeoutSignal } from '../lib/async';

/** Time source for the engine: real in production, scaled or fake in tests. */
export interface Clock {
	/** Milliseconds, monotonic enough for scheduling (Date.now for the real clock). */
	now(): number;
	/** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/** A signal that aborts after `ms` of this clock's time (request timeouts); real time when absent. */
	timeoutSignal?(ms: number): AbortSignal;
}

/** Durations past what a timer holds are clamped in lib/async.ts, the last line of defence against huge settings. */
export const realClock: Clock = {
	now: () => Date.now(),
	sleep,
	timeoutSignal,
};

/**
 * A signal that aborts after `ms` of `clock` time, or with `parent` (the execution's Stop); `dispose()` ends its
 * timer and its listener on `parent`. `expired()` tells a deadline from a Stop.
 */
export function deadlineSignal(clock: Clock, ms: number, parent?: AbortSignal): { signal: AbortSignal; expired: () => boolean; dispose: () => void } {
	const controller = new AbortController();
	const timer = new AbortController();
	let expired = false;
	clock.sleep(ms, timer.signal).then(
		() => {
			expired = !controller.signal.aborted;
			controller.abort(new Error('deadline'));
		},
		() => undefined,
	);
	const onParent = () => controller.abort(parent?.reason);
	if (parent?.aborted) onParent();
	else parent?.addEventListener('abort', onParent, { once: true });
	return {
		signal: controller.signal,
		expired: () => expired,
		dispose: () => {
			timer.abort();
			parent?.removeEventListener('abort', onParent);
		},
	};
}
