import { MinHeap, type HeapNode } from './minHeap';

/** One pending id's share of the credit: from `activatesAt` on it pays one request per `intervalMs`. */
export interface Payer {
	readonly intervalMs: number;
	readonly activatesAt: number;
	active: boolean;
	/** Its place among the payers not active yet. */
	node?: HeapNode<Payer>;
}

/**
 * The poller's credit: requests paid for by the pending ids and not made yet. Each id pays one request per its
 * interval from one interval before its first poll (so it has paid for its first poll by then); credit beyond
 * `maxCredits` is lost. Every call costs O(1), plus O(log n) for an id joining, leaving or becoming active.
 */
export class CreditBucket {
	private credits = 0;
	/** The clock time the credits were last brought up to. */
	private earnedTo: number;
	/** Credits per ms paid by the active payers. */
	private rate = 0;
	/** The payers not active yet, soonest first. */
	private inactive = new MinHeap<Payer>();
	private payers = 0;

	constructor(
		private readonly maxCredits: number,
		now: number,
	) {
		this.earnedTo = now;
	}

	get balance(): number {
		return this.credits;
	}

	/**
	 * An id pending from `now` whose first poll is at `firstPollAt`: it pays at once what it would have paid since
	 * one interval before its first poll (all of it for a first poll due now), then its rate.
	 */
	join(firstPollAt: number, intervalMs: number, now: number): Payer {
		this.earn(now);
		const payer: Payer = { intervalMs, activatesAt: firstPollAt - intervalMs, active: false };
		this.credits += Math.min(1, Math.max(0, now - payer.activatesAt) / intervalMs);
		this.payers++;
		if (payer.activatesAt <= now) this.activate(payer);
		else payer.node = this.inactive.push(payer.activatesAt, payer);
		return payer;
	}

	/** The id settled: it pays no more. */
	leave(payer: Payer, now: number): void {
		this.earn(now);
		this.payers--;
		if (payer.active) this.rate -= 1 / payer.intervalMs;
		else if (payer.node) this.inactive.remove(payer.node);
		if (this.payers === 0) {
			this.rate = 0; // no drift of the float sum across runs
			this.inactive.clear();
		}
	}

	/** Brings the credits up to `now`: O(1), plus each payer once when it becomes active. */
	earn(now: number): void {
		if (now <= this.earnedTo) return; // nothing earned since
		this.credits += this.rate * (now - this.earnedTo);
		while (this.inactive.minKey <= now) {
			const payer = this.inactive.pop()!.value;
			this.credits += (now - Math.max(this.earnedTo, payer.activatesAt)) / payer.intervalMs;
			this.activate(payer);
		}
		this.credits = Math.min(this.credits, this.maxCredits);
		this.earnedTo = now;
	}

	/** One request made (the balance may go below zero: a poll of several requests pays for all of them). */
	spend(): void {
		this.credits--;
	}

	/**
	 * When one request is paid for, at the current rate, for a balance brought up to `now`: `now` if it is already,
	 * Infinity while no payer is active (nothing is earned until one is).
	 */
	paidAt(now: number): number {
		if (this.credits >= 1 - 1e-9) return now;
		return this.rate > 0 ? now + (1 - this.credits) / this.rate : Infinity;
	}

	private activate(payer: Payer): void {
		payer.active = true;
		payer.node = undefined;
		this.rate += 1 / payer.intervalMs;
	}
}
