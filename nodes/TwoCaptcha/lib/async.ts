import { sleep as n8nSleep } from 'n8n-workflow';

/**
 * The one settle / abort / sleep helper set of the node: everything that waits goes through these, so every wait
 * is abortable, removes its abort listener when it ends and never hands Node a timer it cannot schedule.
 */

/** setTimeout takes at most 2^31 - 1 ms; longer waits would fire at once (TimeoutOverflowWarning) and spin. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A duration a timer can hold: NaN and negatives become 0, anything past MAX_TIMER_MS is MAX_TIMER_MS. */
export function timerMs(ms: number): number {
	return Number.isNaN(ms) ? 0 : Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

/** Settles a promise into a value or an Error, so callers branch on failures instead of catching and rethrowing. */
export async function attempt<T>(promise: Promise<T>): Promise<{ value: T; error?: undefined } | { error: Error }> {
	return await promise.then(
		(value) => ({ value }),
		(error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
	);
}

/** `promise`, or the signal's reason as soon as `signal` aborts; the abort listener never outlives the wait. */
export async function untilSettledOrAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return await promise;
	if (signal.aborted) {
		// Not waited for any more: its own rejection (a sleep on the same signal rejects too) must not go unhandled.
		promise.catch(() => undefined);
		throw signal.reason;
	}
	let onAbort!: () => void;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Resolves after `ms` (clamped by timerMs); rejects with the signal's reason on abort. n8n-workflow's sleep clears
 * its timer on abort in current versions; racing it against the signal keeps cancellation prompt in older ones.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	await untilSettledOrAborted(n8nSleep(timerMs(ms), signal), signal);
}

/** A signal that aborts after `ms` (clamped by timerMs); its timer does not keep the process alive. */
export function timeoutSignal(ms: number): AbortSignal {
	return AbortSignal.timeout(timerMs(ms));
}
