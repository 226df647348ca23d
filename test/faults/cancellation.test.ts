/**
 * Stopping an execution mid-poll: within one poll interval it sends nothing more (no submission, no poll of its
 * captchas) and returns, while another execution on the same key and poller carries on. Stopped mid-storm, it
 * sends no further probe.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	SCALE,
	itemsOf,
	recaptchaParameters,
	solve,
	startFaultSandbox,
	stopFaultSandbox,
	type LogEntry,
	type Sandbox,
} from './harness';
import { captureLogs, itLeaksNoSecrets } from './transcript';
import { TwoCaptchaClient } from '../../nodes/TwoCaptcha/transport/client';

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

/**
 * The requests the node SENDS, in order (a request sent before the stop may reach the sandbox a second later on a
 * loaded machine, in the same process: that is no request after the stop). Counted, not timed: on this clock a
 * busy machine's second reads as minutes.
 */
const sent: LogEntry[] = [];
const call = TwoCaptchaClient.prototype.call;
beforeEach(() => {
	sent.length = 0;
	jest.spyOn(TwoCaptchaClient.prototype, 'call').mockImplementation(async function (this: TwoCaptchaClient, endpoint, params, ...rest) {
		sent.push({ endpoint, params });
		return await call.call(this, endpoint, params, ...rest);
	});
});
afterEach(() => jest.restoreAllMocks());

const idsIn = (entry: LogEntry): string[] => String(entry.params.ids ?? entry.params.id ?? '').split(',');
const sleepEngine = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms * SCALE));

describe('Cancellation', () => {
	let sandbox: Sandbox;
	afterEach(async () => await stopFaultSandbox(sandbox));

	it('stops all polling and submitting of the stopped execution within one interval; the other execution finishes', async () => {
		const stop = new AbortController();
		let stoppedAt = 0;
		let sentAtStop = 0;
		// reCAPTCHAs (the execution to stop) never finish; image captchas (the other execution) take 10-20 s.
		sandbox = await startFaultSandbox(
			{ solveTimes: { userrecaptcha: { min: 3600, max: 3600 }, normal: { min: 10, max: 20 } } },
			(_sandbox, entry) => {
				const polls = _sandbox.log.filter((e: LogEntry) => e.endpoint === 'res.php').length;
				if (entry.endpoint === 'res.php' && polls === 4 && !stoppedAt) {
					stoppedAt = Date.now();
					sentAtStop = sent.length;
					stop.abort();
				}
			},
		);
		const settings = { timeoutSeconds: 300, maxInFlight: 10, pollIntervalSeconds: INTERVAL_MS / 1000 };
		const [stopped, other] = await Promise.all([
			solve(sandbox, recaptchaParameters(settings), itemsOf(30), { signal: stop.signal, continueOnFail: false }).then((run) => ({ run, sentBefore: sent.length })),
			solve(sandbox, imageCaptchas, imageItems(5)),
		]);
		await sleepEngine(3 * INTERVAL_MS); // anything still scheduled for the stopped run would show up by now

		expect(stoppedAt).toBeGreaterThan(0);
		// Returned without sending anything more for it (counted in requests sent, not in wall time: a loaded machine
		// stretches the way back by a second, which on this clock would read as minutes).
		expect(stopped.sentBefore).toBeGreaterThanOrEqual(sentAtStop);
		expect(stopped.run.error?.message).toMatch(/stopped/);

		const stoppedIds = new Set(
			(sandbox.log as LogEntry[])
				.filter((e) => e.endpoint === 'in.php' && e.params.method === 'userrecaptcha' && e.response?.status === 1)
				.map((e) => String(e.response.request)),
		);
		expect(stoppedIds.size).toBeGreaterThan(0);
		expect(stoppedIds.size).toBeLessThan(30); // stopped while items were still queued for submission
		// Nothing for the stopped run is sent from the stop on (the poller drops its ids at once; a request sent
		// before may still reach the sandbox late on a loaded machine).
		const late = sent.slice(sentAtStop);
		expect(late.filter((e) => e.endpoint === 'in.php' && e.params.method === 'userrecaptcha')).toEqual([]);
		expect(late.filter((e) => e.endpoint === 'res.php' && idsIn(e).some((id) => stoppedIds.has(id)))).toEqual([]);

		// The other execution carries on: its captchas are still polled after the stop, each item solved — or, when
		// a loaded machine used up its Timeout (300 s here are 1.5 s of real time), timed out with its captcha ID,
		// never stopped.
		expect(other.error).toBeUndefined();
		const polledAfterStop = new Set(sent.slice(sentAtStop).filter((e) => e.endpoint === 'res.php').flatMap(idsIn));
		other.out.forEach((item, i) => {
			if (typeof item.json.solution === 'string') return;
			const captchaId = item.json.captchaId === undefined ? undefined : String(item.json.captchaId);
			expect({ i, error: item.json.error, polledAfterStop: captchaId === undefined || polledAfterStop.has(captchaId) }).toEqual({
				i,
				error: expect.stringMatching(/within (its Timeout|\d+ s)/),
				polledAfterStop: true,
			});
		});
		expect(other.out.some((item) => typeof item.json.solution === 'string')).toBe(true);
	});

	it('stopped during a NO_SLOT storm: no submission after the stop, the run returns within one back-off', async () => {
		const stop = new AbortController();
		let stoppedAt = 0;
		let sentAtStop = 0;
		const BACK_OFF_MS = 5_000; // ERROR_NO_SLOT_AVAILABLE: "make a 5 seconds timeout"
		sandbox = await startFaultSandbox({ faults: { noSlotRate: 1 } }, (_sandbox, entry) => {
			const noSlots = _sandbox.log.filter((e: LogEntry) => e.response?.request === 'ERROR_NO_SLOT_AVAILABLE').length;
			if (entry.endpoint === 'in.php' && noSlots === 3 && !stoppedAt) {
				stoppedAt = Date.now();
				sentAtStop = sent.length;
				stop.abort();
			}
		});
		const run = await solve(sandbox, recaptchaParameters({ timeoutSeconds: 300 }), itemsOf(10), { signal: stop.signal, continueOnFail: false });
		await sleepEngine(3 * BACK_OFF_MS);

		expect(run.error).toBeDefined();
		// Back at once rather than at the 300 s timeout: nothing was sent from the stop on (had the run gone on, a
		// probe every back-off would have been).
		expect(stoppedAt).toBeGreaterThan(0);
		expect(sent.slice(sentAtStop)).toEqual([]);
	});

	itLeaksNoSecrets();
});
