/**
 * Property-style, seeded: the 2Captcha Trigger under random concurrent deliveries (ids in every spelling, JSON
 * numbers, replays, bursts), random codes (answers, known and unknown statuses) and a coordination store that
 * misbehaves at random (n8n's queue-mode Redis answering correctly, slowly, too late, `:1` to everything, nil,
 * garbage, or nothing).
 * Asserted every round:
 * - each captcha id starts at most one execution, and exactly one when a well-formed delivery of it arrived;
 * - a status (`ERROR_…`, `ERROR: n`, CAPCHA_NOT_READY …) is never a solution (`solved: false`, raw code kept);
 * - every request is answered (200, 400, 413) — never dropped or thrown because of the store.
 * HOSTILE_SEED=<n> HOSTILE_ROUNDS=<k> reproduces; a failure names its seed.
 */
import type { IDataObject } from 'n8n-workflow';

import { forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';
import { isStatusText } from '../../nodes/TwoCaptcha/transport/errors';
import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { runWebhook } from '../helpers/webhookNode';
import { startHostileStore, useQueueMode, type HostileStore, type StoreMode } from './hostileStore';

const { createRandom } = require('../sandbox/prng');

const BASE_SEED = Number(process.env.HOSTILE_SEED ?? 11_2026);
const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 10);
const SECRET = 'pB7_rTq2-Kx9vLm4ZsWe';

const CODES = ['03AGdBq25SxXT-token', 'click:3/8/9', '{"a":1}', 'ERROR_CAPTCHA_UNSOLVABLE', 'ERROR_SOMETHING_NEW', 'ERROR: 1234', 'CAPCHA_NOT_READY', 'ERR_X'];

describe(`hostile deliveries and store, random rounds (HOSTILE_SEED=${BASE_SEED} HOSTILE_ROUNDS=${ROUNDS})`, () => {
	let store: HostileStore;
	let restoreEnv: () => void;
	beforeAll(async () => {
		store = await startHostileStore();
		restoreEnv = useQueueMode(store, 'hostile-delivery');
	});
	afterAll(() => {
		store.close();
		restoreEnv();
	});

	for (let r = 0; r < ROUNDS; r++) {
		const seed = BASE_SEED + 500 + r;
		it(`seed ${seed}`, async () => {
			const rng = createRandom(seed);
			forgetLocalClaims();
			store.setMode(rng.pick(['real', 'real', 'slow', 'late', 'one', 'nil', 'garbage', 'silent']) as StoreMode);
			const pool = Array.from({ length: rng.int(2, 6) }, (_, i) => 72_000_000_000 + seed * 100 + i);
			const staticData: IDataObject = {};
			const deliveries: Array<{ id: unknown; code: string; wellFormed: boolean }> = [];
			for (let k = 0; k < rng.int(5, 40); k++) {
				const id = rng.pick(pool) as number;
				const spelling = rng.pick(['text', 'number', 'zeros', 'plus', 'spaces', 'bad']);
				const shown = { text: String(id), number: id, zeros: `00${id}`, plus: `+${id}`, spaces: ` ${id} `, bad: `${id}x` }[spelling as string];
				deliveries.push({ id: shown, code: rng.pick(CODES) as string, wellFormed: spelling !== 'bad' });
			}
			// Bursts: deliveries of a burst arrive together, each with the static data as n8n loaded it before any saved.
			const started = new Map<string, number>();
			const statuses: number[] = [];
			const items: IDataObject[] = [];
			for (let start = 0; start < deliveries.length; ) {
				const size = rng.int(1, 8);
				const burst = deliveries.slice(start, start + size);
				start += size;
				const runs = await Promise.all(
					burst.map(async (delivery) => {
						const snapshot = JSON.parse(JSON.stringify(staticData)) as IDataObject;
						const run = await runWebhook(new TwoCaptchaTrigger(), {
							parameters: { secret: SECRET },
							request: { query: { secret: SECRET }, body: { id: delivery.id, code: delivery.code } as IDataObject },
							staticData: snapshot,
						});
						return { run, snapshot };
					}),
				);
				for (const { run, snapshot } of runs) {
					statuses.push(run.response.status ?? 200);
					for (const item of run.result.workflowData?.[0] ?? []) {
						items.push(item.json);
						const id = String(item.json.captchaId);
						started.set(id, (started.get(id) ?? 0) + 1);
					}
					// n8n saves each call's static data: the last save wins, as in n8n.
					Object.assign(staticData, snapshot);
				}
			}
			const context = { seed, mode: deliveries.length, statuses };
			try {
				for (const [id, count] of started) expect({ id, count }).toEqual({ id, count: 1 });
				const delivered = new Set(deliveries.filter((d) => d.wellFormed).map((d) => String(Number(String(d.id).trim()))));
				expect([...started.keys()].sort()).toEqual([...delivered].sort());
				for (const item of items) {
					if (isStatusText(String(item.code))) expect({ code: item.code, solved: item.solved, solution: item.solution }).toEqual({ code: item.code, solved: false, solution: undefined });
				}
				for (const status of statuses) expect([200, 400, 413]).toContain(status);
			} catch (error) {
				(error as Error).message = `Reproduce with HOSTILE_SEED=${seed - 500} HOSTILE_ROUNDS=1 (round seed ${seed})\n${JSON.stringify(context).slice(0, 500)}\n${(error as Error).message}`;
				throw error;
			}
		}, 30_000);
	}
});
