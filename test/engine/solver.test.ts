import { BatchPoller } from '../../nodes/TwoCaptcha/engine/batchPoller';
import { CongestionGate } from '../../nodes/TwoCaptcha/engine/congestion';
import { type SolveTask, type SolverDeps, solveAll } from '../../nodes/TwoCaptcha/engine/solver';
import { TransportError } from '../../nodes/TwoCaptcha/transport/errors';
import type { ApiResponse } from '../../nodes/TwoCaptcha/transport/types';

const { virtualClock } = require('../bench/virtualClock');

// Every test runs on a fresh virtual clock: time moves only when nothing else can run, so every instant below is
// exact, whatever the load on the machine (a scaled real clock turned a busy machine's stalls into seconds).
let clock: ReturnType<typeof virtualClock>['clock'];
let runUntil: <T>(promise: Promise<T>) => Promise<T>;
beforeEach(() => ({ clock, runUntil } = virtualClock()));

type Script = (params: SolveTask['params'], n: number) => ApiResponse | 'reset';

/** A fake 2Captcha: `script` decides each in.php answer; every accepted captcha is solved 10 s later. */
function fakeService(script: Script) {
	const submits: Array<{ at: number; answer: string }> = [];
	const solved = new Map<string, { readyAt: number; answer: string }>();
	let nextId = 100;
	const submit: SolverDeps['submit'] = async (params) => {
		const reply = script(params, submits.length);
		if (reply === 'reset') {
			submits.push({ at: clock.now(), answer: 'reset' });
			throw new TransportError('socket hang up');
		}
		submits.push({ at: clock.now(), answer: String(reply.request) });
		if (reply.status === 1) {
			const id = String(nextId++);
			solved.set(id, { readyAt: clock.now() + 10_000, answer: String(params.answer ?? `token-${id}`) });
			return { ...reply, request: id };
		}
		return reply;
	};
	const res = async (params: Record<string, string>): Promise<ApiResponse> => {
		const state = (id: string) => {
			const c = solved.get(id)!;
			return clock.now() >= c.readyAt ? c.answer : 'CAPCHA_NOT_READY';
		};
		if (params.ids) return { status: 1, request: params.ids.split(',').map(state).join('|'), extra: {} };
		const answer = state(params.id);
		return { status: answer === 'CAPCHA_NOT_READY' || answer.startsWith('ERROR') ? 0 : 1, request: answer, extra: {} };
	};
	const deps: SolverDeps = {
		submit,
		acquireSubmit: async () => {},
		poller: new BatchPoller(res, clock),
		gate: new CongestionGate(clock),
		clock,
	};
	return { deps, submits };
}

const ok = (): ApiResponse => ({ status: 1, request: 'id', extra: {} });
const code = (c: string): ApiResponse => ({ status: 0, request: c, extra: {} });

function tasks(n: number, params: SolveTask['params'] = { method: 'userrecaptcha' }): SolveTask[] {
	return Array.from({ length: n }, (_, i) => ({
		params: { ...params, item: i },
		firstPollMs: 5000,
		pollIntervalMs: 5000,
		timeoutMs: 300_000,
		multiGetAnswer: true,
	}));
}

const options = { mode: 'wait' as const, maxInFlight: 50, unsolvableRetries: 0 };

describe('solveAll', () => {
	it('returns one outcome per task, in order, each with its captcha id and answer', async () => {
		const { deps } = fakeService(() => ok());
		const outcomes = await runUntil(solveAll(tasks(20), deps, options));
		expect(outcomes).toHaveLength(20);
		outcomes.forEach((o) => {
			expect(o.error).toBeUndefined();
			expect(o.answer?.request).toBe(`token-${o.captchaId}`);
			expect(o.submissions).toBe(1);
		});
		expect(new Set(outcomes.map((o) => o.captchaId)).size).toBe(20);
	});

	it('after NO_SLOT lets one probe at a time resubmit every 5 s instead of a storm (ERROR 1001 needs 120 a minute)', async () => {
		// The service refuses every submission for 30 s, then has room again.
		const stormEnds = clock.now() + 30_000;
		const { deps, submits } = fakeService(() => (clock.now() < stormEnds ? code('ERROR_NO_SLOT_AVAILABLE') : ok()));
		const outcomes = await runUntil(solveAll(tasks(40), deps, options));
		expect(outcomes.every((o) => o.answer && !o.error)).toBe(true);
		const refusals = submits.filter((s) => s.answer === 'ERROR_NO_SLOT_AVAILABLE');
		const firstRefusal = refusals[0].at;
		// What was sent before the first refusal came back may be refused too (the opening burst, at that same
		// instant); after that, one probe at a time, 5 s apart, until the storm ends.
		const probes = refusals.filter((s) => s.at > firstRefusal);
		expect(refusals.filter((s) => s.at === firstRefusal).length).toBeLessThanOrEqual(options.maxInFlight);
		expect(probes.length).toBeGreaterThanOrEqual(5);
		for (let i = 1; i < probes.length; i++) expect(probes[i].at - probes[i - 1].at).toBeGreaterThanOrEqual(5000);
		const perMinute = refusals.filter((s) => s.at < firstRefusal + 60_000).length;
		expect(perMinute).toBeLessThan(120);
	});

	it('stops submitting after an account-level error; items already submitted are still solved', async () => {
		const { deps, submits } = fakeService((_, n) => (n < 3 ? ok() : code('ERROR_ZERO_BALANCE')));
		const outcomes = await runUntil(solveAll(tasks(10), deps, { ...options, maxInFlight: 1 }));
		expect(outcomes.slice(0, 3).every((o) => o.answer)).toBe(true);
		expect(outcomes.slice(3).every((o) => (o.error as { code?: string })?.code === 'ERROR_ZERO_BALANCE')).toBe(true);
		expect(submits).toHaveLength(4); // the 5th..10th items were never sent
	});

	it('resubmits an unsolvable captcha only as many times as allowed', async () => {
		const { deps, submits } = fakeService(() => ok());
		const unsolvable = tasks(1, { answer: 'ERROR_CAPTCHA_UNSOLVABLE' });
		const [outcome] = await runUntil(solveAll(unsolvable, deps, { ...options, unsolvableRetries: 2 }));
		expect(outcome.error).toMatchObject({ code: 'ERROR_CAPTCHA_UNSOLVABLE' });
		expect(outcome.captchaId).toBeDefined();
		expect(outcome.submissions).toBe(3);
		expect(submits).toHaveLength(3);
	});

	it('retries a submission that got no 2Captcha answer at most twice, 5 s apart', async () => {
		const { deps, submits } = fakeService(() => 'reset');
		const [outcome] = await runUntil(solveAll(tasks(1), deps, options));
		expect(outcome.error).toBeInstanceOf(TransportError);
		expect(submits).toHaveLength(3);
		expect(submits[2].at - submits[1].at).toBeGreaterThanOrEqual(5000);
	});

	it('in submit mode returns the ids without polling', async () => {
		const { deps } = fakeService(() => ok());
		const outcomes = await runUntil(solveAll(tasks(5), deps, { ...options, mode: 'submit' }));
		expect(outcomes.map((o) => o.captchaId)).toEqual(['100', '101', '102', '103', '104']);
		expect(outcomes.every((o) => o.answer === undefined)).toBe(true);
		expect(deps.poller.size).toBe(0);
	});
});
