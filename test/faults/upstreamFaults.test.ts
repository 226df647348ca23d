/**
 * A flaky or hostile upstream, injected by the sandbox: whatever happens, every item yields exactly one output,
 * nothing is paid twice beyond the documented retries, and the run ends within its deadline.
 */
import {
	answers,
	expectInvariants,
	itemsOf,
	recaptchaParameters,
	solve,
	startFaultSandbox,
	stopFaultSandbox,
	engineMsBetween,
	type LogEntry,
	type Steer,
	type Sandbox,
	type SolveSettings,
} from './harness';
import { captureLogs, itLeaksNoSecrets } from './transcript';

captureLogs();

interface Scenario {
	name: string;
	sandbox: Record<string, unknown>;
	steer?: Steer;
	settings: SolveSettings;
	items: number;
	/** What must be seen in the run, beyond the shared invariants. */
	check: (sandbox: Sandbox, out: Array<Record<string, any>>) => void;
}

const count = (list: string[], code: string) => list.filter((answer) => answer === code).length;
const faultsSeen = (sandbox: Sandbox, fault: string) =>
	(sandbox.log as LogEntry[]).filter((entry) => entry.faults?.includes(fault)).length;
const solvedCount = (out: Array<Record<string, any>>) => out.filter((json) => typeof json.solution === 'string').length;

/**
 * Timeouts: the suite runs 2Captcha's time 200 times faster than real time, but a loaded machine's request latency
 * is not compressed (10 ms real = 2 s of 2Captcha time), and the Timeout bounds the submissions too. Scenarios that
 * expect most items solved give them 600 s (3 s real), far above what they need on an idle machine.
 */
const SCENARIOS: Scenario[] = [
	{
		name: 'HTML 502 pages on 25 % of requests',
		sandbox: { faults: { html502Rate: 0.25 } },
		settings: { timeoutSeconds: 600 },
		items: 40,
		check: (sandbox, out) => {
			expect(faultsSeen(sandbox, 'html502')).toBeGreaterThan(10);
			expect(solvedCount(out)).toBeGreaterThanOrEqual(36);
		},
	},
	{
		name: 'connection resets on 25 % of requests',
		sandbox: { faults: { resetRate: 0.25 } },
		settings: { timeoutSeconds: 600 },
		items: 40,
		check: (sandbox, out) => {
			expect(faultsSeen(sandbox, 'reset')).toBeGreaterThan(10);
			expect(solvedCount(out)).toBeGreaterThanOrEqual(36);
		},
	},
	{
		name: 'hung sockets on 15 % of requests',
		sandbox: { faults: { hangRate: 0.15 } },
		// A hung request ends at the request timeout, which the scaled clock keeps at 2 s of real time (400 s of
		// 2Captcha time here, see test/helpers/scaledClock.js): the Timeout leaves room for a few of them per item.
		settings: { timeoutSeconds: 2400 },
		items: 30,
		check: (sandbox, out) => {
			expect(faultsSeen(sandbox, 'hang')).toBeGreaterThan(0);
			// An item whose requests hang again and again may time out (with its captcha id); most are solved.
			expect(solvedCount(out)).toBeGreaterThanOrEqual(24);
		},
	},
	{
		name: 'a NO_SLOT storm against 150 items in flight: backs off, never provokes ERROR: 1001',
		sandbox: { faults: { noSlotRate: 1 } },
		steer: stormFor(60_000),
		settings: { timeoutSeconds: 900, maxInFlight: 150 },
		items: 150,
		check: (sandbox, out) => {
			const all = answers(sandbox);
			expect(count(all, 'ERROR: 1001')).toBe(0);
			// 1001 comes at 120 a minute. Backing off 5 s gives 12 a minute, plus the few already on their way:
			// without the back-off each of the 150 items would resubmit (about 60 a minute even at this scale's pace).
			expect(maxInAnyWindow(sandbox, 'ERROR_NO_SLOT_AVAILABLE', 60_000)).toBeLessThanOrEqual(20);
			expect(solvedCount(out)).toBe(150);
		},
	},
	{
		// A window the node's pace always fills, however busy the machine (its own limiter keeps it under 60 per 3 s).
		name: 'MAX_USER_TURN (the key also used elsewhere: room for 5 in.php requests per 30 s)',
		sandbox: { limits: { inMaxRequests: 5, inWindowSec: 30 } },
		settings: { timeoutSeconds: 600 },
		items: 15,
		check: (sandbox, out) => {
			expect(count(answers(sandbox), 'MAX_USER_TURN')).toBeGreaterThan(0);
			expect(solvedCount(out)).toBe(15);
		},
	},
	{
		name: 'ERROR: 1005 (res.php budget exhausted by another client)',
		sandbox: { limits: { resBase: 3, resPerCaptcha: 0 } },
		settings: { timeoutSeconds: 120 },
		items: 30,
		check: (sandbox, out) => {
			expect(count(answers(sandbox), 'ERROR: 1005')).toBeGreaterThan(0);
			const banned = out.filter((json) => json.code === 'ERROR: 1005');
			expect(banned.length).toBeGreaterThan(0);
			for (const json of banned) expect(json.captchaId).toEqual(expect.any(String));
		},
	},
	{
		name: '30 % unsolvable, 2 retries when unsolvable',
		sandbox: { faults: { unsolvableRate: 0.3 } },
		settings: { timeoutSeconds: 600, unsolvableRetries: 2 },
		items: 40,
		check: (sandbox, out) => {
			expect(faultsSeen(sandbox, 'unsolvable')).toBeGreaterThan(6);
			for (const json of out.filter((o) => o.error)) {
				expect(json).toMatchObject({ code: 'ERROR_CAPTCHA_UNSOLVABLE', captchaId: expect.any(String) });
			}
		},
	},
	{
		name: '30 % unsolvable, no retries: each failure keeps its captcha id',
		sandbox: { faults: { unsolvableRate: 0.3 } },
		settings: { timeoutSeconds: 600 },
		items: 40,
		check: (_sandbox, out) => {
			const failed = out.filter((json) => json.error);
			expect(failed.length).toBeGreaterThan(6);
			for (const json of failed) expect(json).toMatchObject({ code: 'ERROR_CAPTCHA_UNSOLVABLE', captchaId: expect.any(String) });
		},
	},
	{
		name: 'everything at once: 502s, resets, hangs, NO_SLOT and unsolvable',
		sandbox: { faults: { html502Rate: 0.1, resetRate: 0.1, hangRate: 0.05, noSlotRate: 0.2, unsolvableRate: 0.2 } },
		settings: { timeoutSeconds: 600, unsolvableRetries: 1 },
		items: 40,
		check: (sandbox) => expect(count(answers(sandbox), 'ERROR: 1001')).toBe(0),
	},
];

/** Ends the injected faults `durationMs` of 2Captcha time after the first request. */
function stormFor(durationMs: number): Steer {
	let startedAt: number | undefined;
	return (sandbox, entry) => {
		const start = (startedAt ??= entry.at);
		if (engineMsBetween(start, entry.at) > durationMs) sandbox.setFaults({});
	};
}

/** The most answers with `code` the sandbox gave within any `windowMs` of 2Captcha time. */
function maxInAnyWindow(sandbox: Sandbox, code: string, windowMs: number): number {
	const times = (sandbox.log as LogEntry[]).filter((e) => e.response?.request === code).map((e) => e.at);
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (engineMsBetween(times[start], times[end]) > windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

describe('Upstream faults: one output per item, no double charge, within the deadline', () => {
	let sandbox: Sandbox;
	afterEach(async () => await stopFaultSandbox(sandbox));

	it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		sandbox = await startFaultSandbox(scenario.sandbox, scenario.steer);
		const run = await solve(sandbox, recaptchaParameters(scenario.settings), itemsOf(scenario.items));

		expectInvariants(sandbox, run, scenario.items, scenario.settings);
		scenario.check(sandbox, run.out.map((item) => item.json));
	}, 60_000);

	it('zero balance mid-run: items already paid for are still solved, the rest fail at once without resubmitting', async () => {
		sandbox = await startFaultSandbox({}, (steered, entry) => {
			if (entry.endpoint === 'in.php' && steered.captchas.size >= 10) steered.setFaults({ zeroBalance: true });
		});
		const settings = { timeoutSeconds: 600 };
		const run = await solve(sandbox, recaptchaParameters(settings), itemsOf(30));

		expectInvariants(sandbox, run, 30, settings);
		const out = run.out.map((item) => item.json);
		expect(solvedCount(out)).toBe(sandbox.captchas.size);
		const broke = out.filter((json) => json.code === 'ERROR_ZERO_BALANCE');
		expect(broke.length).toBe(30 - sandbox.captchas.size);
		// The first refusal stops the run's further submissions: only those already on their way are refused too,
		// far from a storm of ERROR_ZERO_BALANCE (ERROR: 1002 comes at 120 a minute).
		expect(count(answers(sandbox), 'ERROR_ZERO_BALANCE')).toBeLessThanOrEqual(10);
	});

	itLeaksNoSecrets();
});
