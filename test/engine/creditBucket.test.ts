import { CreditBucket } from '../../nodes/TwoCaptcha/engine/creditBucket';

const T0 = 1_000_000;

describe('CreditBucket', () => {
	it('a lone id has paid for its first poll exactly when it is due, then for one request per interval', () => {
		const bucket = new CreditBucket(10, T0);
		bucket.join(T0 + 5000, 5000, T0); // pays from one interval before its first poll: from now on
		expect(bucket.balance).toBe(0);
		expect(bucket.paidAt(T0)).toBe(T0 + 5000);
		bucket.earn(T0 + 5000);
		expect(bucket.balance).toBeCloseTo(1);
		expect(bucket.paidAt(T0 + 5000)).toBe(T0 + 5000);
		bucket.spend();
		expect(bucket.paidAt(T0 + 5000)).toBeCloseTo(T0 + 10_000);
	});

	it('an id whose first poll is due now brings its whole first request with it', () => {
		const bucket = new CreditBucket(10, T0);
		bucket.join(T0, 5000, T0);
		expect(bucket.balance).toBe(1);
		expect(bucket.paidAt(T0)).toBe(T0);
		// Halfway between one interval before its first poll and the poll: half a request.
		bucket.join(T0 + 2500, 5000, T0);
		expect(bucket.balance).toBeCloseTo(1.5);
	});

	it('earns nothing for an id before one interval ahead of its first poll, and learns when it starts paying', () => {
		const bucket = new CreditBucket(10, T0);
		bucket.join(T0 + 15_000, 5000, T0); // a token: pays from 10 s on
		expect(bucket.paidAt(T0)).toBe(Infinity); // nothing is earned yet
		bucket.earn(T0 + 10_000);
		expect(bucket.balance).toBe(0);
		bucket.earn(T0 + 12_500);
		expect(bucket.balance).toBeCloseTo(0.5);
		expect(bucket.paidAt(T0 + 12_500)).toBeCloseTo(T0 + 15_000);
	});

	it('activates ids between two calls for exactly the time they paid', () => {
		const bucket = new CreditBucket(100, T0);
		bucket.join(T0 + 6000, 5000, T0); // pays from T0 + 1000
		bucket.join(T0 + 8000, 2000, T0); // pays from T0 + 6000
		bucket.earn(T0 + 11_000); // (11 - 1) / 5 + (11 - 6) / 2
		expect(bucket.balance).toBeCloseTo(2 + 2.5);
	});

	it('keeps at most maxCredits, and a poll of several requests may spend below zero', () => {
		const bucket = new CreditBucket(10, T0);
		for (let i = 0; i < 100; i++) bucket.join(T0, 5000, T0);
		bucket.earn(T0 + 60_000);
		expect(bucket.balance).toBe(10);
		for (let i = 0; i < 12; i++) bucket.spend();
		expect(bucket.balance).toBe(-2);
		// 100 ids pay 100 requests per 5 s: 3 more credits take 150 ms.
		expect(bucket.paidAt(T0 + 60_000)).toBeCloseTo(T0 + 60_150);
	});

	it('an id that leaves pays no more, whether it was paying yet or not; with the last one the rate is exactly zero', () => {
		const bucket = new CreditBucket(100, T0);
		const early = bucket.join(T0 + 3000, 3000, T0);
		const late = bucket.join(T0 + 20_000, 7000, T0); // would pay from T0 + 13 s
		bucket.earn(T0 + 3000);
		expect(bucket.balance).toBeCloseTo(1);
		bucket.leave(late, T0 + 3000);
		bucket.earn(T0 + 30_000);
		expect(bucket.balance).toBeCloseTo(10); // early alone, 27 s / 3 s more: the late one never paid
		bucket.leave(early, T0 + 30_000);
		bucket.earn(T0 + 60_000);
		expect(bucket.balance).toBeCloseTo(10);
		expect(bucket.paidAt(T0 + 60_000)).toBe(T0 + 60_000);

		// Thousands of odd rates joining and leaving leave no float residue that would earn credit from nothing.
		const drained = new CreditBucket(10, T0);
		const payers = Array.from({ length: 3000 }, (_, i) => drained.join(T0 + 1000 + (i % 7) * 333, 1000 + (i % 13) * 77, T0));
		drained.earn(T0 + 4000);
		for (const payer of payers) drained.leave(payer, T0 + 4000);
		for (let i = 0; i < 20; i++) drained.spend();
		drained.earn(T0 + 10 ** 12);
		expect(drained.balance).toBe(-10);
		expect(drained.paidAt(T0 + 10 ** 12)).toBe(Infinity);
	});

	it('earns nothing for a clock that stands still or steps back', () => {
		const bucket = new CreditBucket(10, T0);
		bucket.join(T0 + 5000, 5000, T0);
		bucket.earn(T0 + 2500);
		bucket.earn(T0 + 2500);
		bucket.earn(T0 + 1000);
		expect(bucket.balance).toBeCloseTo(0.5);
	});
});
