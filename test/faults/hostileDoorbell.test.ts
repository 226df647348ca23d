/**
 * Property-style, seeded: Wait for Pingback's doorbell under a hostile server, concurrent pingbacks and its
 * deadline. Each round submits 2–8 captchas (the execution waits), then: res.php answers turn hostile at random
 * (HTML pages, resets, echoes, oversize and non-UTF-8 bodies, multi-ID answers with a part missing or too many),
 * some captchas never get an answer, some "answer" with a status (an unknown `ERROR_…`, `ERROR: n`, `ERR_…`) or
 * end unsolvable; the sandbox's own pingbacks and random bursts of forged ones (ids in other spellings, unknown
 * ids, no id) arrive together; in queue-mode rounds the resume is claimed through a store that misbehaves at
 * random. Asserted every round:
 * - the execution resumes exactly once, by its deadline (plus the one last check the deadline makes);
 * - items out = items in, in order, with pairedItem and each item's captcha ID;
 * - no status is ever a solution; a solution is the sandbox's answer for that captcha;
 * - nothing fetched is lost: a captcha whose answer (or error) a doorbell received comes out answered;
 *   `unanswered` only for the others — and always for the captchas that never got an answer;
 * - res.php requests within bounds: at most one check (plus the client's read retries) per call that rang.
 * HOSTILE_SEED=<n> HOSTILE_ROUNDS=<k> reproduces; a failure names its seed.
 */
import type { IDataObject } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { DEADLINE_KEY, UNANSWERED } from '../../nodes/TwoCaptcha/actions/captcha/modes/waitForPingback/answers';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';
import { isStatusText } from '../../nodes/TwoCaptcha/transport/errors';
import { sandboxCredentials } from '../helpers/executeNode';
import { executeWaiting, startPingbackFront, waitUntil, type PingbackFront } from '../helpers/pingbackExecution';
import { STORE_MODES, startHostileStore, useQueueMode, type HostileStore, type StoreMode } from './hostileStore';
import { captureLogs } from './transcript';

const { startSandbox } = require('../sandbox');
const { createRandom } = require('../sandbox/prng');
const { PAGE, SITEKEY } = require('../sandbox/method-cases');

captureLogs();

const BASE_SEED = Number(process.env.HOSTILE_SEED ?? 11_2026);
const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 10);
/** 1 s of 2Captcha time = 5 ms (solves, the client's retry delays); the deadline below is real time. */
const SCALE = 0.005;
/** The deadline's last check: one multi-ID request and the client's read retries (their request timeouts keep
 * 2 s of real time each, and none of this round's faults hangs). Real time, with room for a loaded machine. */
const LAST_CHECK_MS = 4_000;
/** The client's attempts per read request: the first and its read retries (transport/client.ts). */
const READ_ATTEMPTS = 3;
const STATUS_ANSWERS = ['ERROR_SOMETHING_NEW', 'ERROR: 1234', 'ERR_X', 'ERROR_CAPTCHA_UNSOLVABLE'];

interface Plan {
	/** Per captcha: never answered, an answer that is a status, unsolvable, or solved as usual. */
	fate: Array<'never' | 'status' | 'unsolvable' | 'solved'>;
	statusAnswer: string[];
	deadlineInMs: number;
	faults: Record<string, number>;
	bursts: Array<{ atMs: number; bodies: Array<Record<string, string>> }>;
	store?: StoreMode;
}

function drawPlan(rng: any, ids: string[]): Plan {
	const rate = (max: number) => (rng.chance(0.5) ? Math.round(rng.between(0, max) * 100) / 100 : 0);
	const deadlineInMs = rng.int(400, 1200);
	const spell = (id: string) => rng.pick([id, id, `00${id}`, ` ${id} `, `+${id}`]) as string;
	return {
		fate: ids.map(() => rng.pick(['never', 'status', 'unsolvable', 'solved', 'solved', 'solved'])),
		statusAnswer: ids.map(() => rng.pick(STATUS_ANSWERS) as string),
		deadlineInMs,
		faults: {
			html502Rate: rate(0.2),
			resetRate: rate(0.1),
			echoRate: rate(0.2),
			oversizeRate: rate(0.1),
			nonUtf8Rate: rate(0.1),
			mismatchRate: rate(0.5),
			oversizeBytes: 2 * 1024 * 1024 + 1024,
		},
		bursts: [
			// At least one pingback before the deadline rings the doorbell; with none at all, nothing was fetched and
			// n8n's own deadline (a minute later) outputs the items unanswered.
			{
				atMs: rng.int(0, deadlineInMs - 200),
				bodies: [{ id: rng.pick(ids) as string, code: 'x' }],
			},
			...Array.from({ length: rng.int(0, 4) }, () => ({
				atMs: rng.int(0, deadlineInMs + 300),
				bodies: Array.from({ length: rng.int(1, 8) }, () => {
					const kind = rng.pick(['ours', 'ours', 'ours', 'unknown', 'noId', 'bad']);
					const id = rng.pick(ids) as string;
					const body: Record<string, string> =
						kind === 'ours' ? { id: spell(id) } : kind === 'unknown' ? { id: '99999999999' } : kind === 'bad' ? { id: `${id}x` } : {};
					return {
						...body,
						code: rng.pick(['x', 'ERROR_SOMETHING_NEW', '03AGdBq25-token']) as string,
					};
				}),
			})),
		],
		store: rng.chance(0.5) ? (rng.pick(STORE_MODES) as StoreMode) : undefined,
	};
}

/** What a logged res.php request taught about `id`: its part of the answer, if the answer was a clean one. */
function partFor(entry: any, id: string): string | undefined {
	if (entry.endpoint !== 'res.php' || entry.params.action !== 'get' || entry.faults?.length || entry.response?.status === undefined) return undefined;
	if (entry.params.id === id) return String(entry.response.request);
	const ids = String(entry.params.ids ?? '').split(',');
	const index = ids.indexOf(id);
	if (index < 0) return undefined;
	if (ids.length === 1) return String(entry.response.request);
	const parts = String(entry.response.request).split('|');
	return parts.length === ids.length ? parts[index] : undefined;
}

describe(`Wait for Pingback doorbell: hostile answers, concurrent pingbacks, the deadline (HOSTILE_SEED=${BASE_SEED} HOSTILE_ROUNDS=${ROUNDS})`, () => {
	let front: PingbackFront;
	let store: HostileStore;
	let restoreEnv = () => {};
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		front = await startPingbackFront(() => new TwoCaptcha());
		store = await startHostileStore();
	});
	afterAll(async () => {
		await front.close();
		store.close();
		setEngineClock(realClock);
	});
	afterEach(() => restoreEnv());

	for (let r = 0; r < ROUNDS; r++) {
		const seed = BASE_SEED + 900 + r;
		it(`seed ${seed}`, async () => {
			const rng = createRandom(seed);
			const count = rng.int(2, 8);
			// Solves take 0.25–1 s real: some answers arrive while waiting, some only at the deadline's last check.
			const sandbox = await startSandbox({
				timeScale: SCALE,
				seed,
				solveTimes: { '*': { min: 50, max: 200 } },
			});
			let plan: Plan | undefined;
			const context = () => `Reproduce with HOSTILE_SEED=${seed - 900} HOSTILE_ROUNDS=1 (round seed ${seed})\n${JSON.stringify(plan)?.slice(0, 1500)}`;
			try {
				const execution = await executeWaiting(front, new TwoCaptcha(), {
					id: `hostile-doorbell-${seed}`,
					parameters: {
						resource: 'captcha',
						operation: 'recaptchaV2',
						siteKey: SITEKEY,
						pageUrl: PAGE,
						mode: 'waitForPingback',
						registerPingbackHost: true,
						solverSettings: { timeoutSeconds: 600 },
					},
					credentials: sandboxCredentials(sandbox),
					items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
				});
				const ids = execution.output.map((item) => String(item.json.captchaId));
				plan = drawPlan(rng, ids);
				if (plan.store) {
					forgetLocalClaims();
					store.setMode(plan.store);
					restoreEnv = useQueueMode(store, `hostile-doorbell-${seed}`);
				}
				ids.forEach((id, k) => {
					const captcha = sandbox.captchas.get(id);
					const fate = plan!.fate[k];
					if (fate === 'never') {
						captcha.pingback = null;
						Object.defineProperty(captcha, 'status', {
							configurable: true,
							enumerable: true,
							get: () => 'pending',
							set: () => undefined,
						});
					} else if (fate === 'status') captcha.answer = plan!.statusAnswer[k];
					else if (fate === 'unsolvable') captcha.unsolvable = true;
				});
				const waitingAt = Date.now();
				const deadline = waitingAt + plan.deadlineInMs;
				execution.runExecutionData.resultData.metadata = {
					...execution.runExecutionData.resultData.metadata,
					[DEADLINE_KEY]: String(deadline),
				};
				sandbox.setFaults(plan.faults);

				let resumedAt = 0;
				let forged = 0;
				const resume = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
				const bursts = plan.bursts.map(async (burst) => {
					await new Promise((resolve) => setTimeout(resolve, burst.atMs));
					await Promise.all(
						burst.bodies.map(async (body) => {
							forged++;
							await fetch(resume, {
								method: 'POST',
								body: new URLSearchParams(body),
							}).catch(() => undefined);
						}),
					);
				});
				// A ring is the doorbell's own call: no pingback rings before the deadline's (the first call).
				await waitUntil(() => execution.resumedWith !== undefined && (resumedAt ||= Date.now()) > 0, plan.deadlineInMs + LAST_CHECK_MS + 10_000).catch(
					() => undefined,
				);
				await Promise.all(bursts);
				await new Promise((resolve) => setTimeout(resolve, 300)); // a second resume would show by now

				try {
					expect(execution.resumes).toBe(1);
					expect(resumedAt - deadline).toBeLessThan(LAST_CHECK_MS);
					const resumed = execution.resumedWith!;
					expect(resumed).toHaveLength(count);
					const log = sandbox.log as any[];
					resumed.forEach((item, i) => {
						const json = item.json as IDataObject;
						const id = ids[i];
						const captcha = sandbox.captchas.get(id);
						const fate = plan!.fate[i];
						expect(item.pairedItem).toEqual({ item: i });
						expect(json.captchaId).toBe(id);
						if (typeof json.solution === 'string') {
							expect({
								i,
								solution: json.solution,
								status: isStatusText(json.solution),
							}).toEqual({ i, solution: json.solution, status: false });
							expect({ i, fate, solution: json.solution }).toEqual({
								i,
								fate: 'solved',
								solution: captcha.answer,
							});
						}
						if (fate === 'never')
							expect({ i, status: json.status }).toEqual({
								i,
								status: UNANSWERED,
							});
						if (fate === 'status' || fate === 'unsolvable')
							expect({ i, solution: json.solution }).toEqual({
								i,
								solution: undefined,
							});
						if (json.code !== undefined && fate === 'status') expect(json.code).toBe(plan!.statusAnswer[i]);
						// Nothing fetched is lost: an answer or error a doorbell received before the resume comes out.
						const received = log.some(
							(entry) => entry.at <= resumedAt && entry.at >= waitingAt && ![undefined, 'CAPCHA_NOT_READY'].includes(partFor(entry, id)),
						);
						if (received)
							expect({ i, fate, status: json.status }).not.toEqual({
								i,
								fate,
								status: UNANSWERED,
							});
					});
					// Requests within bounds: one check per call that rang (the sandbox's pingbacks, the forged ones,
					// the deadline's own), each with the client's read retries.
					const gets = log.filter((entry) => entry.endpoint === 'res.php' && entry.params.action === 'get' && entry.at >= waitingAt);
					const rings = log.filter((entry) => entry.endpoint === 'pingback' && entry.at >= waitingAt).length + forged + 1;
					expect(gets.length).toBeLessThanOrEqual(rings * READ_ATTEMPTS);
					for (const status of execution.statuses) expect([200, 400, 409]).toContain(status);
				} catch (error) {
					(error as Error).message = `${context()}\n${(error as Error).message}`;
					throw error;
				}
			} finally {
				await sandbox.close();
			}
		}, 30_000);
	}
});
