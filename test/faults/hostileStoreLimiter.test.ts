/**
 * Property-style, seeded: the in.php limiter shared through n8n's queue-mode Redis, with a store that misbehaves at
 * random and changes its behaviour mid-run (answering correctly, slowly, too late, `:1` to everything, nil,
 * garbage, or nothing). The node runs on the real clock (the shared slots are scored by Redis's own clock) in
 * Submit Only mode: only submissions, each taking its in.php slot. Asserted every round:
 * - items out = items in, in order, with pairedItem; each a submission with its captcha ID, submitted once — or,
 *   when a slow store (answering within its deadline) held it past its Timeout, an error saying it was not sent,
 *   and it was not;
 * - every item settled by its deadline: the run ends within its Timeout plus one Redis deadline (a failed store is
 *   left alone afterwards);
 * - the in.php bounds hold whatever the store says: submissions at least the documented 100 ms apart (the
 *   process's own limiter rules while the store is failed), so n submissions span at least (n − 2) × 100 ms.
 * HOSTILE_SEED=<n> HOSTILE_ROUNDS=<k> reproduces; a failure names its seed.
 */
import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { STORE_MODES, startHostileStore, useQueueMode, type HostileStore, type StoreMode } from './hostileStore';
import { captureLogs } from './transcript';

const { startSandbox } = require('../sandbox');
const { createRandom } = require('../sandbox/prng');
const { SITEKEY } = require('../sandbox/method-cases');

captureLogs();

const BASE_SEED = Number(process.env.HOSTILE_SEED ?? 11_2026);
const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 6);
/** The shared limiter's spacing between two submissions (engine/rateLimiter.ts) and the Redis client's deadline. */
const SPACING_MS = 100;
const REDIS_DEADLINE_MS = 1_000;

describe(`in.php limiter through a misbehaving store, random rounds (HOSTILE_SEED=${BASE_SEED} HOSTILE_ROUNDS=${ROUNDS})`, () => {
	let store: HostileStore;
	let restoreEnv: () => void;
	beforeAll(async () => {
		store = await startHostileStore();
		restoreEnv = useQueueMode(store, 'hostile-store');
	});
	afterAll(() => {
		store.close();
		restoreEnv();
	});

	for (let r = 0; r < ROUNDS; r++) {
		const seed = BASE_SEED + 700 + r;
		it(`seed ${seed}`, async () => {
			const rng = createRandom(seed);
			const count = rng.int(2, 12);
			const timeoutSeconds = rng.int(3, 6);
			const modes: Array<{ atMs: number; mode: StoreMode }> = [
				{ atMs: 0, mode: rng.pick(STORE_MODES) },
				...Array.from({ length: rng.int(0, 3) }, () => ({ atMs: rng.int(0, count * SPACING_MS), mode: rng.pick(STORE_MODES) as StoreMode })),
			];
			// A new sandbox (a new server address): a new engine, and so a store not yet known to have failed.
			const sandbox = await startSandbox({ seed });
			const timers = modes.map(({ atMs, mode }) => setTimeout(() => store.setMode(mode), atMs));
			const started = Date.now();
			try {
				const out = await runNode(new TwoCaptcha(), {
					parameters: {
						resource: 'captcha',
						operation: 'recaptchaV2',
						siteKey: SITEKEY,
						pageUrl: '=https://example.com/login?item={{ $json.n }}',
						mode: 'submitOnly',
						pingbackUrl: 'http://127.0.0.1:9/hook',
						solverSettings: { timeoutSeconds },
					},
					credentials: sandboxCredentials(sandbox),
					items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
					continueOnFail: true,
				});
				const tookMs = Date.now() - started;
				const submissions = (sandbox.log as any[]).filter((entry) => entry.endpoint === 'in.php');
				try {
					expect(out).toHaveLength(count);
					out.forEach((item, i) => {
						expect(item.pairedItem).toEqual({ item: i });
						const mine = submissions.filter((entry) => new URL(entry.params.pageurl).searchParams.get('item') === String(i));
						if (item.json.status === 'submitted') {
							expect({ i, submitted: mine.length }).toEqual({ i, submitted: 1 });
							expect(item.json.captchaId).toBe(String(mine[0].response.request));
						} else {
							// A slow store (within its deadline) slows every submission: an item whose Timeout passes
							// first fails saying it was not sent — and was not.
							expect({ i, error: item.json.error, submitted: mine.length }).toEqual({ i, error: expect.stringMatching(/within its Timeout.*not sent/), submitted: 0 });
						}
					});
					expect(tookMs).toBeLessThan(timeoutSeconds * 1000 + REDIS_DEADLINE_MS);
					const span = submissions.at(-1).at - submissions[0].at;
					expect(span).toBeGreaterThanOrEqual((count - 2) * SPACING_MS);
				} catch (error) {
					(error as Error).message = `Reproduce with HOSTILE_SEED=${seed - 700} HOSTILE_ROUNDS=1 (round seed ${seed})\n${JSON.stringify({ count, timeoutSeconds, modes, tookMs })}\n${(error as Error).message}`;
					throw error;
				}
			} finally {
				timers.forEach(clearTimeout);
				store.setMode('real');
				await sandbox.close();
			}
		}, 30_000);
	}
});
