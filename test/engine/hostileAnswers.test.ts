/**
 * The engine against answers it must not trust: malformed, empty or duplicate captcha ids from in.php, multi-id
 * answers that do not match the ids asked; and the run's footprint: one abort listener per run, no timer left
 * behind, no duration a timer cannot hold, idle engines released.
 */
import { getEventListeners } from 'node:events';

import { BatchPoller } from '../../nodes/TwoCaptcha/engine/batchPoller';
import { realClock, type Clock } from '../../nodes/TwoCaptcha/engine/clock';
import { CongestionGate } from '../../nodes/TwoCaptcha/engine/congestion';
import {
	ENGINE_IDLE_MS,
	getEngine,
	holdEngine,
	releaseIdleEngines,
	setEngineClock,
} from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { type SolveTask, type SolverDeps, solveAll } from '../../nodes/TwoCaptcha/engine/solver';
import { MAX_TIMER_MS, sleep, timerMs } from '../../nodes/TwoCaptcha/lib/async';
import { splitMultiIdAnswer } from '../../nodes/TwoCaptcha/transport/multiIdAnswer';
import { ProtocolError } from '../../nodes/TwoCaptcha/transport/errors';
import type { ApiResponse } from '../../nodes/TwoCaptcha/transport/types';

const { virtualClock } = require('../bench/virtualClock');

const scaled = scaledClock(0.002);
let clock: Clock = scaled;
let runUntil: <T>(promise: Promise<T>) => Promise<T>;
/** The cases below on a fresh virtual clock: every instant exact, whatever the machine's load. */
const onVirtualClock = () => {
	beforeEach(() => ({ clock, runUntil } = virtualClock()));
	afterEach(() => (clock = scaled));
};

/** A fake service whose in.php answers come from `ids` in turn; every captcha is ready at its second poll. */
function service(ids: unknown[], options: { unsolvableFirst?: boolean } = {}) {
	let submits = 0;
	const polls = new Map<string, number>();
	const res = async (params: Record<string, string>): Promise<ApiResponse> => {
		const state = (id: string) => {
			const n = (polls.get(id) ?? 0) + 1;
			polls.set(id, n);
			if (options.unsolvableFirst && id === String(ids[0])) return 'ERROR_CAPTCHA_UNSOLVABLE';
			return n >= 2 ? `token-${id}` : 'CAPCHA_NOT_READY';
		};
		if (params.ids) return { status: 1, request: params.ids.split(',').map(state).join('|'), extra: {} };
		const answer = state(params.id);
		return { status: answer.startsWith('token') ? 1 : 0, request: answer, extra: {} };
	};
	const poller = new BatchPoller(res, clock, { retryDelayMs: 1000 });
	const deps: SolverDeps = {
		submit: async () => ({ status: 1, request: ids[submits++ % ids.length], extra: {} }),
		acquireSubmit: async () => {},
		poller,
		gate: new CongestionGate(clock),
		clock,
	};
	return { deps, submitted: () => submits };
}

const ITEMS = Number(process.env.FOOTPRINT_ITEMS ?? 10_000);
const task = (): SolveTask => ({ params: { method: 'post' }, firstPollMs: 1000, pollIntervalMs: 1000, timeoutMs: 60_000, multiGetAnswer: true });
const wait = { mode: 'wait' as const, maxInFlight: 10, unsolvableRetries: 0 };

describe('captcha ids answered by in.php', () => {
	onVirtualClock();

	it.each([
		['empty (OK|)', ''],
		['not digits', 'abc'],
		['longer than 20 digits', '1'.repeat(21)],
		['an HTML fragment', '<b>1</b>'],
	])('fails the item with a protocol error when the id is %s, reporting no such id', async (_name, id) => {
		const { deps } = service([id]);
		const [outcome] = await runUntil(solveAll([task()], deps, wait));
		expect(outcome.error).toBeInstanceOf(ProtocolError);
		expect(outcome.error!.message).toMatch(/not a 2Captcha ID/);
		expect(outcome.captchaId).toBeUndefined();
		expect(outcome.captchaIds).toEqual([]);
		expect(outcome.submissions).toBe(1);
	});

	it.each([
		['a list holding an id', ['123'], '["123"]'],
		['a number above 2^53 (rounded into another id)', 12345678901234567891, '12345678901234567000'],
		['a negative number', -5, '-5'],
		['a fraction', 12.5, '12.5'],
		['an object', { id: '123' }, '{"id":"123"}'],
		['null', null, 'null'],
		['an id with spaces', ' 123 ', '123'],
	])('fails the item with a protocol error quoting the answer when in.php answers %s', async (_name, request, quoted) => {
		const { deps } = service([request]);
		const [outcome] = await runUntil(solveAll([task()], deps, wait));
		expect(outcome.error).toBeInstanceOf(ProtocolError);
		expect(outcome.error!.message).toMatch(/not a 2Captcha ID/);
		expect(outcome.error!.message).toContain(`the service answered: ${quoted}`);
		expect(outcome).toMatchObject({ captchaIds: [], submissions: 1 });
	});

	it('takes an id answered as text of digits or as an exact JSON number', async () => {
		const { deps } = service(['0123', 4567, Number.MAX_SAFE_INTEGER]);
		const outcomes = await runUntil(solveAll([task(), task(), task()], deps, wait));
		expect(outcomes.map((o) => o.captchaId).sort()).toEqual(['0123', '4567', String(Number.MAX_SAFE_INTEGER)].sort());
	});

	it('fails the second item of an id answered twice in a run, reporting the id, and still solves the first', async () => {
		const { deps } = service(['111']);
		const outcomes = await runUntil(solveAll([task(), task()], deps, wait));
		expect(outcomes[0]).toMatchObject({ captchaId: '111', captchaIds: ['111'], answer: { request: 'token-111' } });
		expect(outcomes[1].error).toBeInstanceOf(ProtocolError);
		expect(outcomes[1].error!.message).toMatch(/111, which is already issued/);
		expect(outcomes[1].captchaIds).toEqual(['111']);
	});

	it('fails an id already pending in the poller for another run, leaving the pending one alone', async () => {
		const { deps } = service(['222']);
		const first = solveAll([task()], deps, wait);
		await runUntil(clock.sleep(10));
		const [second] = await runUntil(solveAll([task()], deps, wait));
		expect(second.error).toBeInstanceOf(ProtocolError);
		const [solved] = await runUntil(first);
		expect(solved.answer?.request).toBe('token-222');
	});

	it('reports every id of an unsolvable retry, the replaced one included', async () => {
		const { deps, submitted } = service(['301', '302'], { unsolvableFirst: true });
		const [outcome] = await runUntil(solveAll([task()], deps, { ...wait, unsolvableRetries: 1 }));
		expect(outcome).toMatchObject({ captchaId: '302', captchaIds: ['301', '302'], answer: { request: 'token-302' } });
		expect(submitted()).toBe(2);
	});

	it('treats settings that are not numbers as the safe value, never as "no limit"', async () => {
		const { deps, submitted } = service(['401', '402', '403'], { unsolvableFirst: true });
		const outcomes = await runUntil(solveAll([task()], deps, { ...wait, maxInFlight: 'abc' as unknown as number, unsolvableRetries: 'x' as unknown as number }));
		expect(outcomes[0].error?.message).toMatch(/UNSOLVABLE/);
		expect(submitted()).toBe(1);
		const [nan] = await runUntil(solveAll([{ ...task(), timeoutMs: Number.NaN }], deps, wait));
		expect(nan.error?.message).toMatch(/nothing was sent/);
		expect(submitted()).toBe(1);
	});
});

describe('splitMultiIdAnswer', () => {
	onVirtualClock();

	const ids = ['1', '2', '3'];
	it('maps parts to ids in order, taking pipe-free answers', () => {
		expect(splitMultiIdAnswer('a|CAPCHA_NOT_READY|ERROR_CAPTCHA_UNSOLVABLE', ids, true)).toEqual([
			{ status: 'ready', answer: 'a' },
			{ status: 'notReady' },
			{ status: 'failed', code: 'ERROR_CAPTCHA_UNSOLVABLE' },
		]);
		expect(splitMultiIdAnswer('a|CAPCHA_NOT_READY|b', ids, false)).toEqual([
			{ status: 'fetchAlone' },
			{ status: 'notReady' },
			{ status: 'fetchAlone' },
		]);
	});
	it('places statuses from both ends when an answer contained "|", fetching the middle alone', () => {
		expect(splitMultiIdAnswer('CAPCHA_NOT_READY|x|y|ERROR_WRONG_CAPTCHA_ID', ids, true)).toEqual([
			{ status: 'notReady' },
			{ status: 'fetchAlone' },
			{ status: 'failed', code: 'ERROR_WRONG_CAPTCHA_ID' },
		]);
	});
	it.each([
		['fewer parts than ids', 'a|b'],
		['a single code for several ids', 'ERROR_CAPTCHA_UNSOLVABLE'],
		['an empty part', 'a||b'],
		['parts left over that belong to no id', 'CAPCHA_NOT_READY|CAPCHA_NOT_READY|CAPCHA_NOT_READY|CAPCHA_NOT_READY'],
		['an empty answer', ''],
	])('is a protocol error, never a guess, for %s', (_name, text) => {
		expect(splitMultiIdAnswer(text, ids, true)).toBeInstanceOf(ProtocolError);
	});

	it('in the poller, a mismatched multi-id answer makes it ask each id alone', async () => {
		const asked: string[] = [];
		const poller = new BatchPoller(async (params) => {
			asked.push(params.ids ? `ids=${params.ids}` : `id=${params.id}`);
			if (params.ids) return { status: 1, request: 'garbage', extra: {} };
			return { status: 1, request: `token-${params.id}`, extra: {} };
		}, clock);
		const now = clock.now();
		const answers = await runUntil(
			Promise.all(['7', '8'].map((id) => poller.wait({ captchaId: id, firstPollAt: now + 1000, intervalMs: 1000, deadline: now + 60_000, multiGetAnswer: true }))),
		);
		expect(answers.map((a) => a.request)).toEqual(['token-7', 'token-8']);
		expect(asked).toEqual(['ids=7,8', 'id=7', 'id=8']);
	});
});

describe('the run footprint', () => {
	it('10,000 items on one signal: one abort listener on it at most, none after, and no listener warning', async () => {
		const warnings: Error[] = [];
		const onWarning = (warning: Error) => warnings.push(warning);
		process.on('warning', onWarning);
		try {
			let next = 1;
			const { deps } = service([]);
			deps.submit = async () => ({ status: 1, request: String(next++), extra: {} });
			const execution = new AbortController();
			let most = 0;
			const timer = setInterval(() => (most = Math.max(most, getEventListeners(execution.signal, 'abort').length)), 1);
			const outcomes = await solveAll(
				Array.from({ length: ITEMS }, () => ({ ...task(), timeoutMs: 3_600_000 })),
				deps,
				{ mode: 'wait', maxInFlight: 10_000, unsolvableRetries: 0, signal: execution.signal },
			);
			clearInterval(timer);
			expect(outcomes.filter((o) => o.answer).length).toBe(ITEMS);
			expect(most).toBeLessThanOrEqual(1);
			expect(getEventListeners(execution.signal, 'abort')).toHaveLength(0);
			expect(deps.poller.size).toBe(0);
			await new Promise((resolve) => setImmediate(resolve));
			expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
		} finally {
			process.off('warning', onWarning);
		}
	});

	it('Stop settles every item at once, waiting at the gate or polling, and leaves no listener', async () => {
		let next = 1;
		const { deps } = service([]);
		deps.submit = async () => ({ status: 1, request: String(next++), extra: {} });
		const execution = new AbortController();
		const running = solveAll(Array.from({ length: 500 }, () => ({ ...task(), firstPollMs: 3_600_000, timeoutMs: 7_200_000 })), deps, {
			...wait,
			maxInFlight: 200,
			signal: execution.signal,
		});
		await clock.sleep(50);
		const stoppedAt = Date.now();
		execution.abort(new Error('stopped'));
		const outcomes = await running;
		expect(Date.now() - stoppedAt).toBeLessThan(1000);
		expect(outcomes).toHaveLength(500);
		expect(outcomes.every((o) => o.error)).toBe(true);
		expect(getEventListeners(execution.signal, 'abort')).toHaveLength(0);
		expect(deps.poller.size).toBe(0);
	});
});

describe('durations a timer cannot hold', () => {
	it('are clamped before they reach a timer: no TimeoutOverflowWarning, no spin', async () => {
		expect(timerMs(2 ** 40)).toBe(MAX_TIMER_MS);
		expect(timerMs(Number.NaN)).toBe(0);
		expect(timerMs(-5)).toBe(0);
		const warnings: Error[] = [];
		const onWarning = (warning: Error) => warnings.push(warning);
		process.on('warning', onWarning);
		const abort = new AbortController();
		const sleeping = sleep(2 ** 40, abort.signal).catch((error: Error) => error);
		const poller = new BatchPoller(async () => ({ status: 0, request: 'CAPCHA_NOT_READY', extra: {} }), realClock);
		const now = Date.now();
		const waiting = poller
			.wait({ captchaId: '1', firstPollAt: now + 2 ** 40, intervalMs: 2 ** 40, deadline: now + 2 ** 41, multiGetAnswer: true, signal: abort.signal })
			.catch((error: Error) => error);
		await new Promise((resolve) => setTimeout(resolve, 50));
		abort.abort(new Error('stop'));
		expect(await sleeping).toEqual(new Error('stop'));
		expect((await waiting) as Error).toMatchObject({ name: 'SolveAbortedError' });
		await new Promise((resolve) => setImmediate(resolve));
		process.off('warning', onWarning);
		expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
	});
});

describe('engine registry', () => {
	afterEach(() => setEngineClock(realClock));

	it('releases an engine unused for ENGINE_IDLE_MS, never one held by a run', async () => {
		let now = 0;
		setEngineClock({ now: () => now, sleep: async () => undefined });
		const idle = { apiKey: 'abcdefabcdefabcdefabcdefabcdef01', baseUrl: 'https://2captcha.com' };
		const busy = { apiKey: 'abcdefabcdefabcdefabcdefabcdef02', baseUrl: 'https://2captcha.com' };
		const idleEngine = getEngine(idle);
		const held = holdEngine(busy);
		now += ENGINE_IDLE_MS + 1;
		expect(releaseIdleEngines()).toBe(1);
		expect(getEngine(idle)).not.toBe(idleEngine);
		expect(getEngine(busy)).toBe(held.engine);
		held.release();
		now += ENGINE_IDLE_MS + 1;
		expect(releaseIdleEngines()).toBe(0);
	});
});
