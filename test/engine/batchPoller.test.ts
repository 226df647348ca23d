import { BatchPoller } from '../../nodes/TwoCaptcha/engine/batchPoller';
import { scaledClock } from '../../nodes/TwoCaptcha/engine/scaledClock';
import { SolveAbortedError, SolveTimeoutError } from '../../nodes/TwoCaptcha/engine/solveErrors';
import { TransportError, TwoCaptchaApiError } from '../../nodes/TwoCaptcha/transport/errors';
import type { ApiResponse } from '../../nodes/TwoCaptcha/transport/types';

// 1 s of engine time = 5 ms of real time: coarse enough that event-loop jitter stays well under a poll interval.
const SCALE = 0.005;
const clock = scaledClock(SCALE);

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
		const answers = await Promise.all([...captchas.keys()].map((id) => poller.wait(request(id, now))));

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
		await Promise.all(
			ids.map(async (id, i) => {
				await poller.wait({ ...request(id, now), firstPollAt: now + i * 60 + 5000 });
				delivered.set(id, clock.now());
			}),
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
		const answers = await Promise.all(
			[...captchas.keys()].map((id) => poller.wait(request(id, now, { multiGetAnswer: false }))),
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
		await poller.wait(request('1', now, { firstPollAt: now + 15_000 }));
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
		const [ok, bad] = await Promise.allSettled(['7', '8'].map((id) => poller.wait(request(id, now))));
		expect(ok).toEqual({ status: 'fulfilled', value: { request: 'ok-7', extra: {} } });
		expect(bad.status).toBe('rejected');
		const error = (bad as PromiseRejectedResult).reason;
		expect(error).toBeInstanceOf(TwoCaptchaApiError);
		expect(error).toMatchObject({ code: 'ERROR_CAPTCHA_UNSOLVABLE', captchaId: '8', category: 'fatalTask' });
	});

	it('times out at the deadline with the captcha id', async () => {
		const now = clock.now();
		const poller = new BatchPoller(fakeRes(new Map([['9', { readyAt: Infinity, answer: 'x' }]])).res, clock);
		await expect(poller.wait(request('9', now, { deadline: now + 20_000 }))).rejects.toEqual(
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
		await clock.sleep(12_000);
		abort.abort();
		await expect(waiting).rejects.toBeInstanceOf(SolveAbortedError);
		const callsAtAbort = calls.length;
		await clock.sleep(15_000);
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
		const answers = await Promise.all(['1', '2'].map((id) => poller.wait(request(id, now))));
		expect(answers.map((a) => a.request)).toEqual(['a', 'b']);

		const banned = new BatchPoller(async () => ({ status: 0, request: 'ERROR_KEY_DOES_NOT_EXIST', extra: {} }), clock);
		const results = await Promise.allSettled(['3', '4'].map((id) => banned.wait(request(id, clock.now()))));
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
		await expect(late).rejects.toMatchObject({ code: 'ERROR: 1005', captchaId: '9' });
		blocked = false;
		expect((await answers).map((a) => a.request)).toEqual(['a', 'b']);
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
		await Promise.all(waits);
		// About a dozen polls in 30 s and their wake-ups, not thousands of clock reads.
		expect(counting.calls).toBeLessThan(300);
	});
});
