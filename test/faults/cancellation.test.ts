/**
 * Stopping an execution mid-poll: within one poll interval it sends nothing more (no submission, no poll of its
 * captchas) and returns, while another execution on the same key and poller carries on. Stopped mid-storm, it
 * sends no further probe.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	SCALE,
	engineMsBetween,
	itemsOf,
	recaptchaParameters,
	solve,
	startFaultSandbox,
	stopFaultSandbox,
	type LogEntry,
	type Sandbox,
} from './harness';
import { captureLogs, itLeaksNoSecrets } from './transcript';

const { png } = require('../sandbox/fixtures');

captureLogs();

/** A poll interval long enough (500 ms real) that machine load (two busy cores: 100+ ms stalls) cannot pass for a late stop. */
const INTERVAL_MS = 100_000;

const imageCaptchas: INodeParameters = {
	resource: 'captcha',
	operation: 'normal',
	solverSettings: { firstPollSeconds: 5, pollIntervalSeconds: INTERVAL_MS / 1000, timeoutSeconds: 300 },
};
const imageItems = (count: number) =>
	Array.from({ length: count }, () => ({
		json: {},
		binary: { data: { data: png(200, 70, 1024).toString('base64'), mimeType: 'image/png', fileName: 'c.png' } },
	}));

const idsIn = (entry: LogEntry): string[] => String(entry.params.ids ?? entry.params.id ?? '').split(',');
const sleepEngine = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms * SCALE));

describe('Cancellation', () => {
	let sandbox: Sandbox;
	afterEach(async () => await stopFaultSandbox(sandbox));

	it('stops all polling and submitting of the stopped execution within one interval; the other execution finishes', async () => {
		const stop = new AbortController();
		let stoppedAt = 0;
		// reCAPTCHAs (the execution to stop) never finish; image captchas (the other execution) take 10-20 s.
		sandbox = await startFaultSandbox(
			{ solveTimes: { userrecaptcha: { min: 3600, max: 3600 }, normal: { min: 10, max: 20 } } },
			(_sandbox, entry) => {
				const polls = _sandbox.log.filter((e: LogEntry) => e.endpoint === 'res.php').length;
				if (entry.endpoint === 'res.php' && polls === 4 && !stoppedAt) {
					stoppedAt = Date.now();
					stop.abort();
				}
			},
		);
		const settings = { timeoutSeconds: 300, maxInFlight: 10, pollIntervalSeconds: INTERVAL_MS / 1000 };
		const [stopped, other] = await Promise.all([
			solve(sandbox, recaptchaParameters(settings), itemsOf(30), { signal: stop.signal, continueOnFail: false }).then((run) => ({ run, at: Date.now() })),
			solve(sandbox, imageCaptchas, imageItems(5)),
		]);
		await sleepEngine(3 * INTERVAL_MS); // anything still scheduled for the stopped run would show up by now

		expect(stoppedAt).toBeGreaterThan(0);
		expect(engineMsBetween(stoppedAt, stopped.at)).toBeLessThan(INTERVAL_MS);
		expect(stopped.run.error?.message).toMatch(/stopped/);

		const stoppedIds = new Set(
			(sandbox.log as LogEntry[])
				.filter((e) => e.endpoint === 'in.php' && e.params.method === 'userrecaptcha' && e.response?.status === 1)
				.map((e) => String(e.response.request)),
		);
		expect(stoppedIds.size).toBeGreaterThan(0);
		expect(stoppedIds.size).toBeLessThan(30); // stopped while items were still queued for submission
		const late = (sandbox.log as LogEntry[]).filter((e) => engineMsBetween(stoppedAt, e.at) > INTERVAL_MS);
		expect(late.filter((e) => e.endpoint === 'in.php' && e.params.method === 'userrecaptcha')).toEqual([]);
		expect(late.filter((e) => e.endpoint === 'res.php' && idsIn(e).some((id) => stoppedIds.has(id)))).toEqual([]);

		expect(other.error).toBeUndefined();
		expect(other.out.map((item) => typeof item.json.solution)).toEqual(Array(5).fill('string'));
	});

	it('stopped during a NO_SLOT storm: no submission after the stop, the run returns within one back-off', async () => {
		const stop = new AbortController();
		let stoppedAt = 0;
		const BACK_OFF_MS = 5_000; // ERROR_NO_SLOT_AVAILABLE: "make a 5 seconds timeout"
		sandbox = await startFaultSandbox({ faults: { noSlotRate: 1 } }, (_sandbox, entry) => {
			const noSlots = _sandbox.log.filter((e: LogEntry) => e.response?.request === 'ERROR_NO_SLOT_AVAILABLE').length;
			if (entry.endpoint === 'in.php' && noSlots === 3 && !stoppedAt) {
				stoppedAt = Date.now();
				stop.abort();
			}
		});
		const run = await solve(sandbox, recaptchaParameters({ timeoutSeconds: 300 }), itemsOf(10), { signal: stop.signal, continueOnFail: false });
		const returnedAt = Date.now();
		await sleepEngine(3 * BACK_OFF_MS);

		expect(run.error).toBeDefined();
		// Back in a few back-offs rather than at the 300 s timeout (the bound allows for a busy machine at this scale).
		expect(engineMsBetween(stoppedAt, returnedAt)).toBeLessThan(4 * BACK_OFF_MS);
		// In a storm only the probe is ever on its way: at most that one request may still arrive after the stop
		// (had the run gone on, a probe every back-off would).
		expect((sandbox.log as LogEntry[]).filter((e) => e.at > stoppedAt).length).toBeLessThanOrEqual(1);
	});

	itLeaksNoSecrets();
});
