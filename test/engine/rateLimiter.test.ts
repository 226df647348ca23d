import { type Clock, realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { RateLimiter } from '../../nodes/TwoCaptcha/engine/rateLimiter';

interface Timer {
	at: number;
	resolve: () => void;
}

/** Virtual time: sleeps only resolve when run() jumps the clock to them, so minutes pass in milliseconds. */
class FakeClock implements Clock {
	time = 0;
	private timers: Timer[] = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number, signal?: AbortSignal): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			signal?.throwIfAborted();
			const timer: Timer = { at: this.time + Math.max(0, ms), resolve };
			this.timers.push(timer);
			signal?.addEventListener(
				'abort',
				() => {
					this.timers = this.timers.filter((t) => t !== timer);
					reject(signal.reason);
				},
				{ once: true },
			);
		});
	}

	/** Lets all pending work run, jumping to the next timer whenever everything waits; stops when idle. */
	async run(): Promise<void> {
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (this.timers.length === 0) return;
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers.shift()!;
			this.time = Math.max(this.time, next.at);
			next.resolve();
		}
	}
}

/** Starts `count` acquisitions at once and records the clock time each one is granted, in grant order. */
async function burst(clock: FakeClock, count: number, acquire: () => Promise<void>): Promise<number[]> {
	const grants: number[] = [];
	const all = Promise.all(Array.from({ length: count }, async () => grants.push((await acquire(), clock.now()))));
	await clock.run();
	await all;
	return grants;
}

/** The largest number of events within any window of `windowMs` (events at t and t + windowMs are apart). */
function maxInAnyWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	for (let start = 0, end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}

describe('RateLimiter in.php submissions', () => {
	it('spreads a burst of 1,000 submissions 100 ms apart (the spec advice), far below 60 in any 3 s', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock });
		const grants = await burst(clock, 1000, async () => await limiter.acquireSubmit());

		expect(grants).toHaveLength(1000);
		expect(maxInAnyWindow(grants, 3_000)).toBe(30);
		for (let i = 1; i < grants.length; i++) expect(grants[i] - grants[i - 1]).toBeGreaterThanOrEqual(100);
		// No waste either: one submission every 100 ms.
		expect(grants[grants.length - 1]).toBe(99_900);
	});

	it('caps any 3 s at 50 even with a shorter spacing (the server bans above 60)', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock, minSubmitSpacingMs: 10 });
		const grants = await burst(clock, 200, async () => await limiter.acquireSubmit());
		expect(maxInAnyWindow(grants, 3_000)).toBe(50);
	});

	it('follows custom limits', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock, submitWindowMs: 1_000, maxSubmitsPerWindow: 5, minSubmitSpacingMs: 0 });
		const grants = await burst(clock, 20, async () => await limiter.acquireSubmit());
		expect(maxInAnyWindow(grants, 1_000)).toBe(5);
		expect(grants.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1_000]);
	});

	it('lets an aborted waiter leave without taking a slot or breaking the order', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock, minSubmitSpacingMs: 1_000 });
		const controller = new AbortController();
		const order: string[] = [];
		const first = limiter.acquireSubmit().then(() => order.push(`first@${clock.now()}`));
		const aborted = limiter.acquireSubmit(controller.signal).catch((error: Error) => order.push(`aborted:${error.message}`));
		const third = limiter.acquireSubmit().then(() => order.push(`third@${clock.now()}`));
		controller.abort(new Error('cancelled'));
		await clock.run();
		await Promise.all([first, aborted, third]);
		// The aborted waiter leaves at once; the third still comes after the first, one spacing later.
		expect(order).toEqual(['aborted:cancelled', 'first@0', 'third@1000']);
	});

	it('hands the turn on when the waiter holding it is aborted mid-wait', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock, minSubmitSpacingMs: 1_000 });
		await limiter.acquireSubmit();
		const controller = new AbortController();
		const holder = limiter.acquireSubmit(controller.signal);
		const next = limiter.acquireSubmit().then(() => clock.now());
		await new Promise((resolve) => setImmediate(resolve)); // the holder now sleeps towards t=1000
		clock.time = 400;
		controller.abort(new Error('cancelled'));
		await expect(holder).rejects.toThrow('cancelled');
		await clock.run();
		expect(await next).toBe(1_000);
	});

	it('rejects at once when the signal is already aborted', async () => {
		const limiter = new RateLimiter({ clock: new FakeClock() });
		await expect(limiter.acquireSubmit(AbortSignal.abort(new Error('stop')))).rejects.toThrow('stop');
	});
});

describe('RateLimiter res.php budget', () => {
	it('allows 600 requests at once without submissions, then one per 6 s', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock });
		const grants = await burst(clock, 602, async () => await limiter.acquireRes());
		expect(grants.slice(0, 600).every((t) => t === 0)).toBe(true);
		expect(grants.slice(600)).toEqual([6_000, 12_000]);
	});

	it('keeps R ≤ 20·C + 1200 in every 10-minute and 1-hour window, wherever it starts, over hours of polling', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock });
		const submits: number[] = [];
		const polls: number[] = [];
		// 200 submissions, then far more polls than they pay for: the limiter stretches them over hours.
		const submitting = burst(clock, 200, async () => await limiter.acquireSubmit()).then((t) => submits.push(...t));
		const polling = burst(clock, 3_300, async () => await limiter.acquireRes()).then((t) => polls.push(...t));
		await Promise.all([submitting, polling]);
		expect(polls).toHaveLength(3_300);
		expect(Math.max(...polls)).toBeGreaterThan(3_600_000);

		const countIn = (times: number[], from: number, to: number) => times.filter((t) => t > from && t <= to).length;
		// The worst windows start just after an event (a window starting after a burst of submissions has lost them).
		const starts = [...new Set([...submits, ...polls, -1])];
		for (const windowMs of [600_000, 3_600_000]) {
			for (const from of starts) {
				const R = countIn(polls, from, from + windowMs);
				const C = countIn(submits, from, from + windowMs);
				expect(R).toBeLessThanOrEqual(20 * C + 1200);
			}
		}
	});

	it('pauses res.php after penalizeRes (ERROR: 1005)', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock });
		limiter.penalizeRes(300_000);
		expect(await burst(clock, 2, async () => await limiter.acquireRes())).toEqual([300_000, 300_000]);
	});

	it('reports the budget left', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter({ clock, resBudgetBase: 5, resBudgetPerSubmit: 2 });
		for (let i = 0; i < 3; i++) await limiter.acquireRes();
		expect(limiter.resRemaining()).toBe(2);
		await burst(clock, 1, async () => await limiter.acquireSubmit());
		expect(limiter.resRemaining()).toBe(4);
		await burst(clock, 1, async () => await limiter.acquireSubmit());
		expect(limiter.resRemaining()).toBe(5); // never more than the bucket holds
	});
});

describe('realClock', () => {
	it('sleeps for real', async () => {
		const started = Date.now();
		await realClock.sleep(30);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
	});

	it('rejects with the abort reason as soon as the signal aborts', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(new Error('cancelled')), 10);
		await expect(realClock.sleep(10_000, controller.signal)).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(1_000);
	});
});
