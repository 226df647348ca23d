import { untilSettledOrAborted } from '../lib/async';
import { type Clock, realClock } from './clock';
import type { SharedSubmitSlots } from './sharedLimiter';

export interface RateLimiterOptions {
	clock?: Clock;
	/** in.php slots shared with the other processes using the key (n8n queue mode): taken after the local ones. */
	shared?: SharedSubmitSlots;
	/** in.php: at most `maxSubmitsPerWindow` submissions in any `submitWindowMs`. The server bans at 60 in 3 s. */
	submitWindowMs?: number;
	maxSubmitsPerWindow?: number;
	/** in.php: minimum gap between two submissions, so a burst is spread over the window. */
	minSubmitSpacingMs?: number;
	/**
	 * res.php, a bucket of request credits: it holds at most `resBudgetBase` (and starts full), gains
	 * `resBudgetPerSubmit` per submission and one credit per `resRefillMs`; each request takes one.
	 */
	resBudgetBase?: number;
	resBudgetPerSubmit?: number;
	resRefillMs?: number;
}

const DEFAULTS = {
	submitWindowMs: 3_000,
	maxSubmitsPerWindow: 50,
	// The spec's advice against MAX_USER_TURN: "set at least 100 ms timeout between requests to in.php".
	minSubmitSpacingMs: 100,
	// The server suspends the account (ERROR: 1005) when R > 20·C + 1200. With the bucket, ANY stretch of time of
	// length L holds at most 600 + L / 6 s + 10·C requests (the bucket's content at its start, plus what it gained):
	// within 1200 + 20·C for every window of up to an hour, wherever it starts, however long the engine runs. The
	// requests of a long run are paid for by its submissions (10 each) and the slow refill, never by old credit.
	resBudgetBase: 600,
	resBudgetPerSubmit: 10,
	resRefillMs: 6_000,
};

/** Times of past events within a rolling window, oldest first. */
class EventLog {
	private times: number[] = [];
	private head = 0;

	constructor(private readonly windowMs: number) {}

	count(now: number): number {
		this.prune(now);
		return this.times.length - this.head;
	}

	record(now: number): void {
		this.times.push(now);
	}

	/** How long until fewer than `limit` events remain in the window (0 if already so). */
	waitUntilBelow(limit: number, now: number): number {
		const excess = this.count(now) - limit;
		if (excess < 0) return 0;
		return this.times[this.head + excess] + this.windowMs - now;
	}

	private prune(now: number): void {
		while (this.head < this.times.length && this.times[this.head] <= now - this.windowMs) this.head++;
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
	}
}

/** Lets waiters through one at a time, in arrival order; an aborted waiter leaves without breaking the order. */
class TurnQueue {
	private tail: Promise<void> = Promise.resolve();

	async take(signal: AbortSignal | undefined, work: () => Promise<void>): Promise<void> {
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => (release = resolve));
		let ourTurn = false;
		try {
			await untilSettledOrAborted(previous, signal);
			ourTurn = true;
			await work();
		} finally {
			// A waiter aborted before its turn hands over only when its predecessor is done.
			if (ourTurn) release();
			else void previous.then(release);
		}
	}
}

/**
 * Keeps one API key on one server clear of the request limits of the 2Captcha API:
 * MAX_USER_TURN (more than 60 in.php requests within 3 s) and ERROR: 1005 (too many res.php requests
 * per uploaded captcha). Shared by every execution using the key: see engine/registry.ts.
 */
export class RateLimiter {
	private readonly clock: Clock;
	private readonly settings: typeof DEFAULTS;
	private readonly recentSubmits: EventLog;
	private resCredits: number;
	private resCreditsAt: number;
	private readonly submitTurns = new TurnQueue();
	private readonly resTurns = new TurnQueue();
	private lastSubmitAt = -Infinity;
	private resPausedUntil = -Infinity;

	private readonly shared?: SharedSubmitSlots;

	constructor(options: RateLimiterOptions = {}) {
		const { clock, shared, ...overrides } = options;
		this.clock = clock ?? realClock;
		this.shared = shared;
		this.settings = { ...DEFAULTS };
		for (const [name, value] of Object.entries(overrides)) {
			if (value !== undefined) this.settings[name as keyof typeof DEFAULTS] = value;
		}
		this.recentSubmits = new EventLog(this.settings.submitWindowMs);
		this.resCredits = this.settings.resBudgetBase;
		this.resCreditsAt = this.clock.now();
	}

	/** Waits for a free in.php slot and takes it. Rejects with the signal's reason on abort. */
	async acquireSubmit(signal?: AbortSignal): Promise<void> {
		await this.acquireSubmitIf(() => true, signal);
	}

	/**
	 * Like acquireSubmit, for a caller that may no longer want the slot once it is free: when `admit()` then
	 * returns false, nothing is taken and the result is false.
	 */
	async acquireSubmitIf(admit: () => boolean, signal?: AbortSignal): Promise<boolean> {
		let taken = false;
		await this.submitTurns.take(signal, async () => {
			const { maxSubmitsPerWindow, minSubmitSpacingMs } = this.settings;
			await this.waitUntil(signal, (now) =>
				Math.max(
					this.lastSubmitAt + minSubmitSpacingMs - now,
					this.recentSubmits.waitUntilBelow(maxSubmitsPerWindow, now),
				),
			);
			if (!admit()) return;
			await this.shared?.take({ windowMs: this.settings.submitWindowMs, max: maxSubmitsPerWindow, spacingMs: minSubmitSpacingMs }, signal);
			const now = this.clock.now();
			this.lastSubmitAt = now;
			this.recentSubmits.record(now);
			this.addResCredits(this.settings.resBudgetPerSubmit);
			taken = true;
		});
		return taken;
	}

	/** Waits until the res.php budget allows one more request and takes it. */
	async acquireRes(signal?: AbortSignal): Promise<void> {
		await this.resTurns.take(signal, async () => {
			await this.waitUntil(signal, (now) =>
				// Whole milliseconds: a wait shorter than the clock's resolution would never end.
				Math.max(this.resPausedUntil - now, Math.ceil((1 - this.refreshResCredits()) * this.settings.resRefillMs)),
			);
			this.resCredits--;
		});
	}

	/** Pauses res.php requests for `ms` (after ERROR: 1005). */
	penalizeRes(ms: number): void {
		this.resPausedUntil = Math.max(this.resPausedUntil, this.clock.now() + ms);
	}

	/** res.php requests allowed right now. */
	resRemaining(): number {
		return Math.floor(this.refreshResCredits());
	}

	private addResCredits(credits: number): void {
		this.resCredits = Math.min(this.settings.resBudgetBase, this.refreshResCredits() + credits);
	}

	/** Adds the refill since the last look; returns the credits now held. */
	private refreshResCredits(): number {
		const now = this.clock.now();
		this.resCredits = Math.min(this.settings.resBudgetBase, this.resCredits + (now - this.resCreditsAt) / this.settings.resRefillMs);
		this.resCreditsAt = now;
		return this.resCredits;
	}

	/** Sleeps until `delay(now)` is no longer positive; re-checked after each sleep since limits move. */
	private async waitUntil(signal: AbortSignal | undefined, delay: (now: number) => number): Promise<void> {
		for (;;) {
			signal?.throwIfAborted();
			const wait = delay(this.clock.now());
			if (wait <= 0) return;
			await this.clock.sleep(wait, signal);
		}
	}
}
