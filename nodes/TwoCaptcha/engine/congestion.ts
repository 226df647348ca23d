import { attempt, untilSettledOrAborted } from '../lib/async';
import type { Clock } from './clock';

/**
 * Back-off shared by every submission for one API key after NO_SLOT, MAX_USER_TURN or ERROR 1003.
 *
 * Pausing and then letting every waiting item resubmit at once would turn one NO_SLOT into a storm of
 * them, and 120 NO_SLOT answers in a minute suspend the account (ERROR 1001). So after a slow-down code
 * only one submission at a time probes the server, each after the advised delay; the first success
 * reopens the gate for all.
 */
export class CongestionGate {
	private blockedUntil = 0;
	private probing = false;
	private probeInFlight = false;
	private waiters: Array<() => void> = [];

	constructor(private readonly clock: Clock) {}

	/** Waits until this caller may submit. Returns true when it submits as the probe. */
	async enter(signal?: AbortSignal): Promise<boolean> {
		for (;;) {
			signal?.throwIfAborted();
			if (!this.probing) return false;
			if (!this.probeInFlight) {
				this.probeInFlight = true;
				const wait = this.blockedUntil - this.clock.now();
				const slept = wait > 0 ? await attempt(this.clock.sleep(wait, signal)) : undefined;
				if (slept?.error) {
					this.probeInFlight = false;
					this.wakeAll();
					throw slept.error;
				}
				return true;
			}
			// The abort listener goes as soon as this wait ends, however long the gate stays closed.
			await untilSettledOrAborted(new Promise<void>((resolve) => this.waiters.push(resolve)), signal);
		}
	}

	/**
	 * Whether a caller let in by enter() may still submit now. Callers queue for the rate limiter after enter():
	 * when a slow-down answer arrived meanwhile, all but the probe must go back to enter().
	 */
	admits(wasProbe: boolean): boolean {
		return wasProbe || !this.probing;
	}

	/**
	 * Reports the outcome of a submission made after enter(). Only an accepted probe reopens the gate: a probe
	 * that failed otherwise (transport error, a bad item, cancellation) says nothing about the service's queue,
	 * so the next waiter probes instead.
	 */
	leave(wasProbe: boolean, outcome: { slowDownMs?: number; accepted?: boolean }): void {
		if (outcome.slowDownMs !== undefined) {
			this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + outcome.slowDownMs);
			this.probing = true;
		} else if (wasProbe && outcome.accepted) {
			this.probing = false;
		}
		if (wasProbe) {
			this.probeInFlight = false;
			this.wakeAll();
		}
	}

	private wakeAll(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}
