import { BatchPoller } from '../../nodes/TwoCaptcha/engine/batchPoller';
import type { Clock } from '../../nodes/TwoCaptcha/engine/clock';
import { SolveAbortedError, SolveTimeoutError } from '../../nodes/TwoCaptcha/engine/solveErrors';
import { TransportError, TwoCaptchaApiError } from '../../nodes/TwoCaptcha/transport/errors';
import type { ApiResponse } from '../../nodes/TwoCaptcha/transport/types';

const { virtualClock } = require('../bench/virtualClock');

// Every test runs the poller on a fresh virtual clock: time moves only when nothing else can run, so every instant
// is exact and machine load cannot stretch an interval. `runUntil(p)` moves it until `p` settles.
let clock: Clock;
let runUntil: <T>(promise: Promise<T>) => Promise<T>;
beforeEach(() => ({ clock, runUntil } = virtualClock()));

/** An in-memory res.php: each id turns ready at a clock time with a fixed answer (or error code). */
function fakeRes(captchas: Map<string, { readyAt: number; answer: string }>) {
	const calls: Array<Record<string, string>> = [];
	const state = (id: string) => {
		const c = captchas.get(id);
		if (!c) return 'ERROR_WRONG_CAPTCHA_ID';
		return clock.now() >= c.readyAt ? c.answer : 'CAPCHA_NOT_READY';
	};
	const res = async (params: Record<string, string>): Promise<ApiResponse> => {
		calls.push(params);
		if (params.ids) return { status: 1, request: params.ids.split(',').map(state).join('|'), extra: {} };
		const answer = state(params.id);
		const ok = answer !== 'CAPCHA_NOT_READY' && !answer.startsWith('ERROR');
		return { status: ok ? 1 : 0, request: answer, extra: ok ? { single: true } : {} };
	};
	return { res, calls };
}

function request(id: string, now: number, overrides: Partial<Parameters<BatchPoller['wait']>[0]> = {}) {
	return { captchaId: id, firstPollAt: now + 5000, intervalMs: 5000, deadline: now + 300_000, multiGetAnswer: true, ...overrides };
}

describe('BatchPoller', () => {
	it('solves 100 captchas with one multi-id request per poll, every pending id in every poll, polls ≥ 1.5 s apart', async () => {
		const now = clock.now();
		const captchas = new Map(
			Array.from({ length: 100 }, (_, i) => [String(1000 + i), { readyAt: now + 10_000 + (i % 35) * 1000, answer: `token-${i}` }]),
		);
		const { res, calls } = fakeRes(captchas);
		const poller = new BatchPoller(res, clock);
		const answers = await runUntil(Promise.all([...captchas.keys()].map((id) => poller.wait(request(id, now)))));

		expect(answers.map((a) => a.request)).toEqual([...captchas.values()].map((c) => c.answer));
		expect(calls.every((c) => c.ids !== undefined)).toBe(true);
		expect(calls[0].ids.split(',')).toHaveLength(100);
		// Ready between 10 s and 44 s; 100 ids pay for far more than one poll per 1.5 s, so from 5 s to 44 s that is the pace.
		expect(calls.length).toBeLessThanOrEqual(Math.ceil((44 - 5) / 1.5) + 2);
		expect(calls.length / 100).toBeLessThan(0.3);
	});

	it('delivers each answer by the first poll after it is ready; ids ride along before their first poll', async () => {
		const now = clock.now();
		// 100 submissions 60 ms apart (what the in.php limiter allows), all ready 10 s after their submission.
		const ids = Array.from({ length: 100 }, (_, i) => String(5000 + i));
		const captchas = new Map(ids.map((id, i) => [id, { readyAt: now + i * 60 + 10_000, answer: `t${id}` }]));
		const { res, calls } = fakeRes(captchas);
		const poller = new BatchPoller(res, clock);
		const delivered = new Map<string, number>();
		// Registered at once but with staggered first polls: timers below 1 ms real cannot stagger the waits.
		await runUntil(
			Promise.all(
				ids.map(async (id, i) => {
					await poller.wait({ ...request(id, now), firstPollAt: now + i * 60 + 5000 });
					delivered.set(id, clock.now());
				}),
			),
		);
		// The first poll (5 s) carries all 100 ids, though 99 of them are not due yet; then one poll per 1.5 s.
		expect(calls[0].ids.split(',')).toHaveLength(100);
		expect(calls.length).toBeLessThanOrEqual(Math.ceil((16 - 5) / 1.5) + 2);
		for (const [id, at] of delivered) expect(at - captchas.get(id)!.readyAt).toBeLessThan(1500 * 1.5);
	});

	it('never mis-splits answers that contain "|": learns readiness from the multi-get, fetches each alone', async () => {
		const now = clock.now();
		const funcaptcha = '3084f4a302b176cd7.96368058|r=ap-southeast-1|pk=12AB34CD|surl=https://funcaptcha.com';
		const captchas = new Map([
			['1', { readyAt: now + 6000, answer: funcaptcha }],
			['2', { readyAt: now + 60_000, answer: 'late|token' }],
			['3', { readyAt: now + 11_000, answer: `${funcaptcha}|extra` }],
		]);
		const { res, calls } = fakeRes(captchas);
		const poller = new BatchPoller(res, clock);
		const answers = await runUntil(
			Promise.all([...captchas.keys()].map((id) => poller.wait(request(id, now, { multiGetAnswer: false })))),
		);
		expect(answers.map((a) => a.request)).toEqual([funcaptcha, 'late|token', `${funcaptcha}|extra`]);
		expect(answers.every((a) => a.extra.single)).toBe(true);
		// Three ids pay for a poll per 5/3 s until 11 s, then id 2 alone for one per 5 s until 60 s, plus one lone
		// fetch per ready id: never more than polling each alone every 5 s would cost.
		expect(calls.length).toBeLessThanOrEqual(4 + 10 + 3 + 1);
	});

	it('polls a lone captcha at its first poll, then once per its interval', async () => {
		const now = clock.now();
		const { res, calls } = fakeRes(new Map([['1', { readyAt: now + 27_000, answer: 'ok' }]]));
		const poller = new BatchPoller(res, clock);
		await runUntil(poller.wait(request('1', now, { firstPollAt: now + 15_000 })));
		// At 15, 20, 25 and 30 s: four requests, the answer 3 s after it was ready.
		expect(calls).toHaveLength(4);
	});

	it('fails only the item whose captcha is unsolvable, keeping its captcha id', async () => {
		const now = clock.now();
		const captchas = new Map([
			['7', { readyAt: now + 6000, answer: 'ok-7' }],
			['8', { readyAt: now + 6000, answer: 'ERROR_CAPTCHA_UNSOLVABLE' }],
		]);
		const poller = new BatchPoller(fakeRes(captchas).res, clock);
		const [ok, bad] = await runUntil(Promise.allSettled(['7', '8'].map((id) => poller.wait(request(id, now)))));
		expect(ok).toEqual({ status: 'fulfilled', value: { request: 'ok-7', extra: {} } });
		expect(bad.status).toBe('rejected');
		const error = (bad as PromiseRejectedResult).reason;
		expect(error).toBeInstanceOf(TwoCaptchaApiError);
		expect(error).toMatchObject({ code: 'ERROR_CAPTCHA_UNSOLVABLE', captchaId: '8', category: 'fatalTask' });
	});

	it('times out at the deadline with the captcha id', async () => {
		const now = clock.now();
		const poller = new BatchPoller(fakeRes(new Map([['9', { readyAt: Infinity, answer: 'x' }]])).res, clock);
		await expect(runUntil(poller.wait(request('9', now, { deadline: now + 20_000 })))).rejects.toEqual(
			expect.objectContaining({ constructor: SolveTimeoutError, captchaId: '9' }),
		);
		expect(poller.size).toBe(0);
	});

	it('stops polling within one interval when the execution is cancelled', async () => {
		const now = clock.now();
		const { res, calls } = fakeRes(new Map([['5', { readyAt: Infinity, answer: 'x' }]]));
		const poller = new BatchPoller(res, clock);
		const abort = new AbortController();
		const waiting = poller.wait(request('5', now, { firstPollAt: now, signal: abort.signal }));
		await runUntil(clock.sleep(12_000));
		abort.abort();
		await expect(waiting).rejects.toBeInstanceOf(SolveAbortedError);
		const callsAtAbort = calls.length;
		await runUntil(clock.sleep(15_000));
		expect(calls.length).toBe(callsAtAbort);
		expect(poller.size).toBe(0);
	});

	it('keeps polling through transport failures, and fails every id of the batch on an account-level error', async () => {
		const now = clock.now();
		let failures = 2;
		const flaky = async (params: Record<string, string>): Promise<ApiResponse> => {
			if (failures-- > 0) throw new TransportError('502 Bad Gateway');
			return { status: 1, request: params.ids ? 'a|b' : 'a', extra: {} };
		};
		const poller = new BatchPoller(flaky, clock, { retryDelayMs: 1000 });
		const answers = await runUntil(Promise.all(['1', '2'].map((id) => poller.wait(request(id, now)))));
		expect(answers.map((a) => a.request)).toEqual(['a', 'b']);

		const banned = new BatchPoller(async () => ({ status: 0, request: 'ERROR_KEY_DOES_NOT_EXIST', extra: {} }), clock);
		const results = await runUntil(Promise.allSettled(['3', '4'].map((id) => banned.wait(request(id, clock.now())))));
		expect(results.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['ERROR_KEY_DOES_NOT_EXIST', 'ERROR_KEY_DOES_NOT_EXIST']);
	});

	it('waits out an ERROR 1005 block instead of failing paid captchas, and names the block if the deadline comes first', async () => {
		const now = clock.now();
		let blocked = true;
		const blocks: number[] = [];
		const res = async (params: Record<string, string>): Promise<ApiResponse> => {
			if (blocked) return { status: 0, request: 'ERROR: 1005', extra: {} };
			return { status: 1, request: params.ids ? 'a|b' : 'a', extra: {} };
		};
		const poller = new BatchPoller(res, clock, { onBlocked: (ms) => blocks.push(ms) });
		const late = poller.wait(request('9', now, { deadline: now + 60_000 }));
		const answers = Promise.all(['1', '2'].map((id) => poller.wait(request(id, now, { deadline: now + 900_000 }))));
		await expect(runUntil(late)).rejects.toMatchObject({ code: 'ERROR: 1005', captchaId: '9' });
		blocked = false;
		expect((await runUntil(answers)).map((a) => a.request)).toEqual(['a', 'b']);
		expect(blocks[0]).toBe(5 * 60_000);
	});

	it('sleeps, not spins, while a slow request is under way', async () => {
		const counting = { calls: 0, now: () => (counting.calls++, clock.now()), sleep: clock.sleep };
		const now = clock.now();
		let first = true;
		const res = async (params: Record<string, string>): Promise<ApiResponse> => {
			if (params.id === '1' && first) {
				first = false;
				await clock.sleep(7000); // this request outlives several polls of the other id
			}
			return { status: 0, request: 'CAPCHA_NOT_READY', extra: {} };
		};
		const poller = new BatchPoller(res, counting, { maxIdsPerRequest: 1 });
		const waits = ['1', '2'].map((id) =>
			poller.wait(request(id, now, { firstPollAt: now, deadline: now + 30_000 })).catch(() => undefined),
		);
		await runUntil(Promise.all(waits));
		// About a dozen polls in 30 s and their wake-ups, not thousands of clock reads.
		expect(counting.calls).toBeLessThan(300);
	});
});

/** The poller on a virtual clock: time moves only when nothing else can run, so every instant below is exact. */
describe('BatchPoller, at scale and exactly', () => {
	interface Call {
		at: number;
		ids: string[];
		/** Which poll it belongs to: the requests one poll starts share a moment, with no answer arriving between them. */
		poll: string;
		/** Every id pending and in no request when its poll started. */
		expected?: string[];
	}

	it('with 2,000 pending, every id pending and in no request rides on every poll, in submission order, in one request at a time', async () => {
		const ids = Array.from({ length: 2000 }, (_, i) => String(100_000 + i));
		const readyAt = new Map(ids.map((id, i) => [id, 3000 + ((i * 7919) % 40_000)]));
		const unanswered = new Set(ids);
		const open = new Set<string>();
		const calls: Call[] = [];
		const askedTwice: string[] = [];
		let answersArrived = 0;
		let made = 0;
		const res = async (params: Record<string, string>): Promise<ApiResponse> => {
			const asked = params.ids.split(',');
			const poll = `${clock.now()}/${answersArrived}`;
			const call: Call = { at: clock.now(), ids: asked, poll };
			if (calls.at(-1)?.poll !== poll) call.expected = ids.filter((id) => unanswered.has(id) && !open.has(id));
			calls.push(call);
			for (const id of asked) {
				if (open.has(id)) askedTwice.push(id);
				open.add(id);
			}
			// Requests come back out of order: 100-1,300 ms.
			await clock.sleep(100 + ((made++ * 373) % 1200));
			answersArrived++;
			const answers = asked.map((id) => {
				open.delete(id);
				if (clock.now() < readyAt.get(id)!) return 'CAPCHA_NOT_READY';
				unanswered.delete(id);
				return `t${id}`;
			});
			return { status: 1, request: answers.join('|'), extra: {} };
		};
		const poller = new BatchPoller(res, clock);
		const answers = await runUntil(Promise.all(ids.map((id) => poller.wait({ ...request(id, 0), firstPollAt: 5000, deadline: 300_000 }))));

		expect(answers.map((a) => a.request)).toEqual(ids.map((id) => `t${id}`));
		expect(askedTwice).toEqual([]);
		const polls = new Map<string, Call[]>();
		for (const call of calls) polls.set(call.poll, [...(polls.get(call.poll) ?? []), call]);
		expect(polls.size).toBeGreaterThan(10);
		for (const [, requests] of polls) {
			const carried = requests.flatMap((call) => call.ids);
			expect(carried).toEqual(requests[0].expected); // all of them, in submission order
			expect(requests.every((call) => call.ids.length <= 100)).toBe(true);
		}
		const starts = [...polls.values()].map((requests) => requests[0].at);
		for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(1500);
	});

	it('settles each id at its own deadline, to the millisecond, while the others go on', async () => {
		const deadlines = [7000, 12_345, 12_345, 30_000, 61_001];
		const never = deadlines.map((_, i) => [`late${i}`, { readyAt: Infinity, answer: 'never' }] as const);
		const { res } = fakeRes(new Map([['ok', { readyAt: 20_000, answer: 'fine' }], ...never]));
		const poller = new BatchPoller(res, clock);
		const settledAt: number[] = [];
		const timeouts = deadlines.map((deadline, i) =>
			poller.wait({ ...request(`late${i}`, 0), deadline }).catch((error: Error) => {
				expect(error).toBeInstanceOf(SolveTimeoutError);
				settledAt.push(clock.now());
			}),
		);
		const answer = await runUntil(poller.wait(request('ok', 0)));
		expect(answer.request).toBe('fine');
		await runUntil(Promise.all(timeouts));
		expect(settledAt).toEqual(deadlines);
		expect(poller.size).toBe(0);
	});

	it('holds back only the ids of a failed request until the retry delay has passed; the others ride on every poll meanwhile', async () => {
		const calls: Array<{ at: number; ids: string }> = [];
		let failed = false;
		const res = async (params: Record<string, string>): Promise<ApiResponse> => {
			calls.push({ at: clock.now(), ids: params.ids ?? params.id });
			await clock.sleep(50);
			if (params.ids === 'c,d' && !failed) {
				failed = true;
				throw new TransportError('connection reset');
			}
			const ready = clock.now() >= 30_000;
			const asked = (params.ids ?? params.id).split(',');
			if (asked.length === 1) return ready ? { status: 1, request: `t${asked[0]}`, extra: {} } : { status: 0, request: 'CAPCHA_NOT_READY', extra: {} };
			return { status: 1, request: asked.map((id) => (ready ? `t${id}` : 'CAPCHA_NOT_READY')).join('|'), extra: {} };
		};
		const poller = new BatchPoller(res, clock, { maxIdsPerRequest: 2, retryDelayMs: 8000 });
		const answers = await runUntil(Promise.all(['a', 'b', 'c', 'd'].map((id) => poller.wait({ ...request(id, 0), firstPollAt: 5000 }))));
		expect(answers.map((a) => a.request)).toEqual(['ta', 'tb', 'tc', 'td']);

		const failedAt = calls.find((call) => call.ids === 'c,d')!.at + 50;
		const meanwhile = calls.filter((call) => call.at > failedAt && call.at < failedAt + 8000);
		expect(meanwhile.length).toBeGreaterThanOrEqual(2);
		expect(meanwhile.every((call) => call.ids === 'a,b')).toBe(true);
		const after = calls.filter((call) => call.at >= failedAt + 8000);
		expect(after[0].ids).toBe('a,b');
		expect(after[1].ids).toBe('c,d');
		expect(after[1].at).toBe(after[0].at);
	});

	it('a hung request delays only its own ids: the others are polled and answered on time meanwhile', async () => {
		const ids = Array.from({ length: 6 }, (_, i) => String(i + 1));
		let hung = false;
		const res = async (params: Record<string, string>): Promise<ApiResponse> => {
			const asked = (params.ids ?? params.id).split(',');
			if (asked.includes('1') && !hung) {
				hung = true;
				await clock.sleep(45_000); // the client's timeout would end it; here it answers late
			} else await clock.sleep(80);
			const answers = asked.map((id) => (clock.now() >= 9000 ? `t${id}` : 'CAPCHA_NOT_READY'));
			return asked.length === 1 ? { status: answers[0].startsWith('t') ? 1 : 0, request: answers[0], extra: {} } : { status: 1, request: answers.join('|'), extra: {} };
		};
		const poller = new BatchPoller(res, clock, { maxIdsPerRequest: 2 });
		const delivered = new Map<string, number>();
		await runUntil(Promise.all(ids.map(async (id) => delivered.set(id, (await poller.wait({ ...request(id, 0), firstPollAt: 5000 }), clock.now())))));
		for (const id of ['3', '4', '5', '6']) expect(delivered.get(id)!).toBeLessThan(9000 + 1500 + 80);
		for (const id of ['1', '2']) expect(delivered.get(id)!).toBeGreaterThanOrEqual(5000 + 45_000);
	});
});
