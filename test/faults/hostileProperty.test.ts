/**
 * Property-style: random combinations of hostile server answers (sandbox hostile mode) and settings, thrown at the
 * node through n8n-core's ExecuteContext on a scaled clock. Every round asserts:
 * - one output item per input item, in order, with pairedItem; each a solution, a submission or an error;
 * - the run ends within its deadline (each item settles by its own);
 * - every well-formed captcha id in.php answered for an item is reported in that item (captchaId / captchaIds);
 * - paid in.php submissions per item ≤ 1 + Retries When Unsolvable, plus the documented transport resubmissions;
 * - a solution is the sandbox's answer for the item's captcha;
 * - no secret (API key, proxy password, pingback secret) in any output or error, raw, `+`-form or percent-encoded.
 * Seeded: HOSTILE_SEED=<n> HOSTILE_ROUNDS=<k> reproduces; a failure names its seed.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	TRANSPORT_RETRIES,
	itemsOf,
	recaptchaParameters,
	runDeadlineMs,
	solve,
	startFaultSandbox,
	stopFaultSandbox,
	type LogEntry,
	type Sandbox,
	type SolveSettings,
} from './harness';
import { API_KEY, PROXY_PASSWORD, captureLogs } from './transcript';

const { createRandom } = require('../sandbox/prng');

captureLogs();

const BASE_SEED = Number(process.env.HOSTILE_SEED ?? 11_2026);
const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 10);
const PINGBACK_SECRET = 'Pb-S3cret-q7Zt';
const PINGBACK_URL = `http://127.0.0.1:9/hook?secret=${PINGBACK_SECRET}`;
const SECRETS = [API_KEY, PROXY_PASSWORD, PINGBACK_SECRET];
const CAPTCHA_ID = /^\d{1,20}$/;
/** Answers that replace the whole reply: the submission was lost, nothing was created (sandbox faults.js). */
const LOST = ['html502', 'reset', 'hang', 'echo', 'oversize', 'trickle', 'nonUtf8'];
const SLOW_DOWN = new Set(['ERROR_NO_SLOT_AVAILABLE', 'MAX_USER_TURN', 'ERROR: 1003']);

interface Round {
	seed: number;
	faults: Record<string, number>;
	settings: SolveSettings;
	submitOnly: boolean;
	items: number;
}

function drawRound(seed: number): Round {
	const rng = createRandom(seed);
	const rate = (max: number) => (rng.chance(0.5) ? Math.round(rng.between(0, max) * 100) / 100 : 0);
	const faults = {
		echoRate: rate(0.5),
		oversizeRate: rate(0.1),
		trickleRate: rate(0.05),
		nonUtf8Rate: rate(0.1),
		html502Rate: rate(0.1),
		resetRate: rate(0.05),
		hangRate: rate(0.03),
		duplicateIdRate: rate(0.3),
		emptyIdRate: rate(0.2),
		mismatchRate: rate(0.5),
		noSlotRate: rate(0.2),
		unsolvableRate: rate(0.4),
		oversizeBytes: 2 * 1024 * 1024 + 1024,
	};
	return {
		seed,
		faults,
		settings: {
			timeoutSeconds: rng.int(20, 120),
			firstPollSeconds: rng.int(1, 10),
			pollIntervalSeconds: rng.int(1, 10),
			unsolvableRetries: rng.int(0, 2),
			maxInFlight: rng.int(1, 12),
		},
		submitOnly: rng.chance(0.25),
		items: rng.int(2, 10),
	};
}

/** Every spelling a secret travels in: raw, percent-encoding, and the form body's `+`-encoding. */
const forms = (secret: string) => [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];

function serialize(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (!(inner instanceof Error)) return inner;
		const { name, message, stack, cause } = inner;
		return { ...inner, name, message, stack, cause, description: (inner as { description?: unknown }).description };
	});
}

const itemOf = (entry: LogEntry): number => Number(new URL(entry.params.pageurl).searchParams.get('item'));

function check(round: Round, sandbox: Sandbox, run: Awaited<ReturnType<typeof solve>>): void {
	const retries = round.settings.unsolvableRetries ?? 0;
	expect(run.error).toBeUndefined();
	expect(run.out).toHaveLength(round.items);
	expect(run.engineMs).toBeLessThan(runDeadlineMs(round.settings));

	const submissions: LogEntry[][] = Array.from({ length: round.items }, () => []);
	for (const entry of sandbox.log as LogEntry[]) if (entry.endpoint === 'in.php') submissions[itemOf(entry)].push(entry);

	run.out.forEach((item, index) => {
		const json = item.json as Record<string, any>;
		expect(item.pairedItem).toEqual({ item: index });
		const settled = typeof json.solution === 'string' || typeof json.error === 'string' || json.status === 'submitted';
		expect({ index, json, settled }).toEqual({ index, json, settled: true });

		// An id in.php answered must be reported, unless its answer never reached the node: on a loaded machine the
		// reply can come after the client's timeout (then a transport resubmission follows, or the item fails with it).
		const reported = new Set([...(json.captchaIds ?? []), json.captchaId].filter(Boolean));
		submissions[index].forEach((entry, k) => {
			const id = String(entry.response?.request ?? '');
			if (entry.response?.status !== 1 || !CAPTCHA_ID.test(id) || reported.has(id)) return;
			const lostOnTheWay = k < submissions[index].length - 1 || /No answer from/.test(String(json.error));
			expect({ index, id, reported: false, lostOnTheWay }).toEqual({ index, id, reported: false, lostOnTheWay: true });
		});

		const created = submissions[index].filter((entry) => entry.response?.status === 1 && !entry.faults.includes('duplicateId'));
		expect(created.length).toBeLessThanOrEqual(1 + retries);
		const lost = submissions[index].filter((entry) => entry.faults.some((fault: string) => LOST.includes(fault)));
		const sent = submissions[index].filter((entry) => !SLOW_DOWN.has(String(entry.response?.request)));
		expect(lost.length).toBeLessThanOrEqual((TRANSPORT_RETRIES + 1) * (1 + retries));
		expect(sent.length - lost.length).toBeLessThanOrEqual(1 + retries);

		if (typeof json.solution === 'string') expect(json.solution).toBe(sandbox.captchas.get(json.captchaId).answer);
	});

	const text = serialize({ out: run.out, error: run.error });
	const leaked = SECRETS.flatMap(forms).filter((form) => text.includes(form));
	expect(leaked).toEqual([]);
}

describe(`hostile server, random rounds (HOSTILE_SEED=${BASE_SEED} HOSTILE_ROUNDS=${ROUNDS})`, () => {
	for (let r = 0; r < ROUNDS; r++) {
		const round = drawRound(BASE_SEED + r);
		it(`seed ${round.seed}: ${round.items} items, ${round.submitOnly ? 'submit only' : 'wait'}`, async () => {
			const sandbox = await startFaultSandbox({ seed: round.seed, faults: round.faults });
			try {
				const parameters: INodeParameters = {
					...recaptchaParameters(round.settings),
					...(round.submitOnly && { mode: 'submitOnly', pingbackUrl: PINGBACK_URL }),
				};
				const run = await solve(sandbox, parameters, itemsOf(round.items));
				try {
					check(round, sandbox, run);
				} catch (error) {
					(error as Error).message = `Reproduce with HOSTILE_SEED=${round.seed} HOSTILE_ROUNDS=1\n${JSON.stringify(round)}\n${(error as Error).message}`;
					throw error;
				}
			} finally {
				await stopFaultSandbox(sandbox);
			}
		}, 30_000);
	}
});
