/**
 * Answers are never wrong: one status rule for every reader (poller single and multi, Task → Get Result(s)), numbers
 * that are not plain decimals refused, every res.php request (retries too) in the key's budget, and every
 * submission wait inside the item's Timeout.
 */
import { fetchResult } from '../../nodes/TwoCaptcha/actions/task/fetchResult';
import { multiGet } from '../../nodes/TwoCaptcha/actions/task/multiGet';
import { BatchPoller } from '../../nodes/TwoCaptcha/engine/batchPoller';
import { CongestionGate } from '../../nodes/TwoCaptcha/engine/congestion';
import { scaledClock } from '../helpers/scaledClock';
import { SubmitTimeoutError } from '../../nodes/TwoCaptcha/engine/solveErrors';
import { solveAll } from '../../nodes/TwoCaptcha/engine/solver';
import type { ResApi } from '../../nodes/TwoCaptcha/shared/resApi';
import { TwoCaptchaClient } from '../../nodes/TwoCaptcha/transport/client';
import { plainDecimal } from '../../nodes/TwoCaptcha/transport/decimal';
import { ProtocolError, TwoCaptchaApiError, isStatusText, statusOf } from '../../nodes/TwoCaptcha/transport/errors';
import { splitMultiIdAnswer } from '../../nodes/TwoCaptcha/transport/multiIdAnswer';
import { parseAnswer } from '../../nodes/TwoCaptcha/transport/parseAnswer';
import { idsOutcomes } from '../../nodes/TwoCaptcha/shared/idOutcomes';
import type { ApiResponse } from '../../nodes/TwoCaptcha/transport/types';
import { Secrets } from '../../nodes/TwoCaptcha/transport/redact';
import { reply, startLocalServer } from '../transport/localServer';

const clock = scaledClock(0.005);
const answer = (request: unknown, status = 1, extra: Record<string, unknown> = {}): ApiResponse => ({ status, request, extra });

describe('the status rule', () => {
	it.each(['ERROR_SOMETHING_NEW', 'ERROR: 1234', 'ERROR:77', 'ERROR 5', 'ERR_PROXY_CONNECTION_FAILED', 'CAPCHA_NOT_READY', 'IP_BANNED', 'MAX_USER_TURN', ' ERROR_X '])(
		'%j is a status',
		(text) => expect(isStatusText(text)).toBe(true),
	);
	it.each(['03AGdBq25SxXT', 'ERROR', 'error_x', 'x ERROR_X', '{"token":"ERROR_X"}', 'ERROR_X|token', 'OK'])('%j is an answer', (text) =>
		expect(isStatusText(text)).toBe(false),
	);

	it('status 0 is always a status, whatever its text; status 1 is one by its form; unknown codes keep their raw text', () => {
		expect(statusOf(answer('weird text', 0))).toMatchObject({ code: 'weird text', category: 'unknown' });
		expect(statusOf(answer({ an: 'object' }, 0))).toMatchObject({ code: '{"an":"object"}', category: 'unknown' });
		expect(statusOf(answer('ERROR_SOMETHING_NEW'))).toMatchObject({ code: 'ERROR_SOMETHING_NEW', category: 'unknown' });
		expect(statusOf(answer('CAPCHA_NOT_READY'))).toMatchObject({ category: 'notReady' });
		expect(statusOf(answer('ERR_PROXY_CONNECTION_FAILED', 0))).toMatchObject({ code: 'ERR_PROXY_CONNECTION_FAILED', category: 'fatalTask' });
		expect(statusOf(answer('token'))).toBeUndefined();
	});
});

describe('the status rule on hostile text', () => {
	// Up to the client's answer limit (2 MB): "ERROR" + whitespace + a stray character once took quadratic time in
	// the rule's patterns (hours at this size, blocking n8n's event loop). Completing at all is the property.
	const SIZE = 2 * 1024 * 1024 - 16;
	const texts = [
		`ERROR${' '.repeat(SIZE)}x`,
		`ERROR${' '.repeat(SIZE / 2)}:${' '.repeat(SIZE / 2)}x`,
		`ERROR${'\t \n'.repeat(SIZE / 3)}1x`,
		`ERR${'_'.repeat(SIZE)}a`,
		`${'ERROR '.repeat(SIZE / 6)}x`,
	];

	it.each(texts.map((text, k) => [k, text]))('classifies hostile text %i as no status, or an unknown one with its raw text', (_k, text) => {
		expect(isStatusText(text)).toBe(false);
		expect(statusOf(answer(text))).toBeUndefined();
		expect(statusOf(answer(text, 0))).toMatchObject({ code: text.trim(), category: 'unknown' });
		expect(parseAnswer(text)).toBeUndefined();
		expect(splitMultiIdAnswer(`${text}|CAPCHA_NOT_READY`, ['1', '2'], true)).toEqual([{ status: 'ready', answer: text }, { status: 'notReady' }]);
	});

	it('still reads every spelling of ERROR: n', () => {
		for (const text of ['ERROR: 1001', 'ERROR:1001', 'ERROR 1001', 'ERROR1001', 'ERROR :1001', 'ERROR\t:\t1001']) {
			expect(isStatusText(text)).toBe(true);
			expect(statusOf(answer(text, 0))).toMatchObject({ code: 'ERROR: 1001' });
		}
		expect(isStatusText('ERROR::1001')).toBe(false);
	});
});

describe('readers of answers', () => {
	const request = (id: string, now: number) => ({ captchaId: id, firstPollAt: now, intervalMs: 1000, deadline: now + 60_000, multiGetAnswer: true });

	it('poller, one id: an unknown status settles it at once with the raw code and captcha id, never as a timeout or a solution', async () => {
		for (const reply of [answer('ERROR_SOMETHING_NEW', 0), answer('ERROR_SOMETHING_NEW', 1), answer('gibberish', 0)]) {
			const calls: unknown[] = [];
			const poller = new BatchPoller(async (params) => (calls.push(params), reply), clock);
			const error = await poller.wait(request('71', clock.now())).catch((e: Error) => e);
			expect(error).toBeInstanceOf(TwoCaptchaApiError);
			expect(error).toMatchObject({ code: String(reply.request), category: 'unknown', captchaId: '71' });
			expect(calls).toHaveLength(1);
		}
	});

	it('poller, many ids: an unknown status in a part fails that id only; one for the whole request has each id asked alone', async () => {
		const now = clock.now() + 1000; // both registered before the first poll
		const poller = new BatchPoller(async (params) => answer(params.ids ? 'ERROR_NEW|tok-2' : 'x'), clock);
		const [first, second] = await Promise.all([poller.wait(request('1', now)).catch((e: Error) => e), poller.wait(request('2', now))]);
		expect(first).toMatchObject({ code: 'ERROR_NEW', category: 'unknown', captchaId: '1' });
		expect(second).toEqual({ request: 'tok-2', extra: {} });

		const asked: Array<Record<string, string>> = [];
		const whole = new BatchPoller(async (params) => (asked.push(params), answer(params.ids ? 'ERROR_NEW_THING' : `tok-${params.id}`)), clock);
		const answers = await Promise.all(['3', '4'].map(async (id) => await whole.wait(request(id, now))));
		expect(answers.map((a) => a.request)).toEqual(['tok-3', 'tok-4']);
		expect(asked.filter((p) => p.id).map((p) => p.id).sort()).toEqual(['3', '4']);
	});

	const api = (respond: (params: Record<string, string | number | undefined>) => ApiResponse): ResApi => ({ call: async (params) => respond(params), secrets: new Secrets() });

	it('Task → Get Results: an unknown status is a failed entry with its raw code, never a solution', async () => {
		const { outcomes } = await multiGet(api(() => answer('tok-1|ERROR_SOMETHING_NEW')), ['1', '2']);
		expect(outcomes.get('1')).toMatchObject({ status: 'ready' });
		expect(outcomes.get('2')).toMatchObject({ status: 'failed', code: 'ERROR_SOMETHING_NEW' });
		// One status for two ids names neither: each is asked alone.
		const single = await multiGet(api((p) => (p.ids ? answer('ERROR_NEW', 0) : answer(`tok-${p.id}`))), ['1', '2']);
		expect([...single.outcomes.values()].map((o) => o.status)).toEqual(['ready', 'ready']);
	});

	it('Task → Get Results, one id: a status found is that captcha\'s failure with its raw code, never split again into a solution', async () => {
		for (const [reply, code] of [
			[answer('Service unavailable', 0), 'Service unavailable'],
			[answer('error_x', 0), 'error_x'],
			[answer({}, 0), '{}'],
			[answer('ERROR_SOMETHING_NEW'), 'ERROR_SOMETHING_NEW'],
		] as const) {
			const asked: unknown[] = [];
			const { outcomes } = await multiGet(api((p) => (asked.push(p), reply)), ['5']);
			expect(outcomes.get('5')).toEqual({ status: 'failed', code, description: expect.any(String) });
			expect(asked).toHaveLength(1);
		}
		expect((await multiGet(api(() => answer('CAPCHA_NOT_READY', 0)), ['5'])).outcomes.get('5')).toEqual({ status: 'notReady' });
		// Wait for Pingback asks the same way, learning nothing only from a status shared by several ids.
		const pingback = await idsOutcomes(api(() => answer('Service unavailable', 0)), ['5'], { answersArePipeFree: true, onSharedStatus: 'learnNothing' });
		expect(pingback).toMatchObject({ outcomes: new Map([['5', { status: 'failed', code: 'Service unavailable' }]]) });
	});

	it('Task → Get Results: a multi-ID answer that is not text is never stringified: each id is asked alone', async () => {
		for (const [request, ids] of [[{}, ['1']], [['tok'], ['1']], [['a|b'], ['1', '2']], [7, ['1']], [null, ['1', '2']]] as const) {
			const asked: Array<Record<string, unknown>> = [];
			const { outcomes, fetchedIndividually } = await multiGet(api((p) => (asked.push(p), answer(p.ids ? request : `tok-${p.id}`))), [...ids]);
			expect([...fetchedIndividually].sort()).toEqual([...ids].sort());
			for (const id of ids) expect(outcomes.get(id)).toEqual({ status: 'ready', answer: { request: `tok-${id}`, extra: {} } });
			expect(asked.filter((p) => p.id).map((p) => p.id).sort()).toEqual([...ids].sort());
		}
	});

	it('poller, many ids: an answer that is not text has each id asked alone', async () => {
		const now = clock.now() + 1000;
		const asked: Array<Record<string, string>> = [];
		const poller = new BatchPoller(async (params) => (asked.push(params), answer(params.ids ? ['a|b'] : `tok-${params.id}`)), clock);
		const answers = await Promise.all(['3', '4'].map(async (id) => await poller.wait(request(id, now))));
		expect(answers.map((a) => a.request)).toEqual(['tok-3', 'tok-4']);
		expect(asked.filter((p) => p.id).map((p) => p.id).sort()).toEqual(['3', '4']);
	});

	it('poller: a protocol error fails a lone id at once with its captcha id; for several ids each is asked alone', async () => {
		const broken = () => Promise.reject(new ProtocolError('res.php sent a JSON answer whose status is neither 0 nor 1: protocol error'));
		const calls: unknown[] = [];
		const single = new BatchPoller(async (params) => (calls.push(params), await broken()), clock);
		const error = await single.wait(request('71', clock.now())).catch((e: Error) => e);
		expect(error).toBeInstanceOf(ProtocolError);
		expect(error).toMatchObject({ captchaId: '71', message: expect.stringMatching(/neither 0 nor 1/) });
		expect(calls).toHaveLength(1); // not postponed and asked again until the deadline

		const now = clock.now() + 1000;
		const asked: Array<Record<string, string>> = [];
		const many = new BatchPoller(async (params) => (asked.push(params), params.ids || params.id === '2' ? await broken() : answer('tok-1')), clock);
		const [first, second] = await Promise.all(['1', '2'].map(async (id) => await many.wait(request(id, now)).catch((e: Error) => e)));
		expect(first).toEqual({ request: 'tok-1', extra: {} });
		expect(second).toMatchObject({ name: 'ProtocolError', captchaId: '2' });
		expect(asked).toHaveLength(3);
	});

	it('Task → Get Result: an unknown status throws with its raw code and captcha id', async () => {
		for (const reply of [answer('ERROR_SOMETHING_NEW', 0), answer('ERROR_SOMETHING_NEW')]) {
			await expect(fetchResult(api(() => reply), '7', 'get', 'auto')).rejects.toMatchObject({ code: 'ERROR_SOMETHING_NEW', captchaId: '7' });
		}
		expect(await fetchResult(api(() => answer('CAPCHA_NOT_READY')), '7', 'get', 'auto')).toEqual({ captchaId: '7', ready: false });
	});

	it.each([[''], [null], ['0x1A'], ['abc'], ['1e999'], ['Infinity'], [' '], [undefined], [{}]])(
		'Get Result with Price: price %j is a protocol error with the raw text',
		async (price) => {
			const error = await fetchResult(api(() => answer('tok', 1, { price })), '7', 'get2', 'auto').catch((e: Error) => e);
			expect(error).toBeInstanceOf(ProtocolError);
			expect((error as Error).message).toContain('price');
		},
	);

	it('plain decimals: text or a finite JSON number; nothing else', () => {
		expect(plainDecimal('3.84', 'balance')).toBe(3.84);
		expect(plainDecimal('-0.5', 'balance')).toBe(-0.5);
		expect(plainDecimal(0.00299, 'price')).toBe(0.00299);
		for (const value of ['', null, '0x1A', 'abc', '1e999', '1e3', '+1', '.5', '1.', 'NaN', '9'.repeat(400), true]) {
			expect(() => plainDecimal(value, 'balance')).toThrow(/not a plain decimal number: .*protocol error/);
		}
	});
});

describe('budget and deadlines', () => {
	it('every res.php request of the client, each read retry included, takes a credit first', async () => {
		const server = await startLocalServer((_req, res) => reply(res, 502, '<html>502 Bad Gateway</html>', 'text/html'));
		try {
			let credits = 0;
			const client = new TwoCaptchaClient(
				{ apiKey: 'k'.repeat(32), baseUrl: server.url },
				{ retryDelayMs: 1, acquireRes: async () => void credits++ },
			);
			await expect(client.call('res.php', { action: 'get', id: '1' })).rejects.toThrow(/HTTP 502/);
			expect(server.requests).toHaveLength(3);
			expect(credits).toBe(3);
			await expect(client.call('in.php', { method: 'userrecaptcha' })).rejects.toThrow(/HTTP 502/);
			expect(credits).toBe(3); // in.php takes its slot in the solver, never retried here
		} finally {
			await server.close();
		}
	});

	it('an answer that breaks the protocol is a ProtocolError quoting it: never retried, a paid submission never resubmitted', async () => {
		const bodies = ['{"status":2,"request":"x"}', '{"status":" 1","request":"123"}', `{"status":1,"request":${'['.repeat(200_000)}${']'.repeat(200_000)}}`];
		for (const body of bodies) {
			const server = await startLocalServer((_req, res) => reply(res, 200, body, 'application/json'));
			try {
				const client = new TwoCaptchaClient({ apiKey: 'k'.repeat(32), baseUrl: server.url }, { retryDelayMs: 1 });
				const read = await client.call('res.php', { action: 'get', id: '9' }).catch((e: Error) => e);
				expect(read).toBeInstanceOf(ProtocolError);
				expect(read).toMatchObject({ captchaId: '9', message: expect.stringContaining(body.slice(0, 20)) });
				expect((read as Error).message.length).toBeLessThan(500);
				expect(server.requests).toHaveLength(1);

				const deps = {
					submit: async (params: Record<string, string | number | undefined>) => await client.call('in.php', params),
					acquireSubmit: async () => {},
					poller: new BatchPoller(async () => answer('x'), clock),
					gate: new CongestionGate(clock),
					clock,
				};
				const task = { params: { method: 'post' }, firstPollMs: 1000, pollIntervalMs: 1000, timeoutMs: 30_000, multiGetAnswer: true };
				const [outcome] = await solveAll([task], deps, { mode: 'wait', maxInFlight: 1, unsolvableRetries: 0, transportRetries: 2, transportRetryDelayMs: 1 });
				expect(outcome.error).toBeInstanceOf(ProtocolError);
				expect(outcome.submissions).toBe(0);
				expect(server.requests).toHaveLength(2); // one in.php request
			} finally {
				await server.close();
			}
		}
	});

	it('a submission whose slot never comes fails at its Timeout, nothing sent; Stop ends it at once', async () => {
		let sent = 0;
		const deps = {
			submit: async () => (sent++, answer('1')),
			acquireSubmit: async (signal?: AbortSignal) =>
				await new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
			poller: new BatchPoller(async () => answer('x'), clock),
			gate: new CongestionGate(clock),
			clock,
		};
		const task = { params: {}, firstPollMs: 1000, pollIntervalMs: 1000, timeoutMs: 30_000, multiGetAnswer: true };
		const started = clock.now();
		const [outcome] = await solveAll([task], deps, { mode: 'wait', maxInFlight: 1, unsolvableRetries: 0 });
		expect(outcome.error).toBeInstanceOf(SubmitTimeoutError);
		expect(clock.now() - started).toBeGreaterThanOrEqual(30_000);
		expect(sent).toBe(0);

		const stop = new AbortController();
		setTimeout(() => stop.abort(new Error('stopped')), 20);
		const [stopped] = await solveAll([{ ...task, timeoutMs: 3_600_000 }], deps, { mode: 'wait', maxInFlight: 1, unsolvableRetries: 0, signal: stop.signal });
		expect(stopped.error?.message).toBe('stopped');
	});
});
