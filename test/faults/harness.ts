/**
 * Runs the solve node against a sandbox with injected faults, on a scaled clock, and checks the invariants every
 * fault must keep: one output item per input item, no paid submission repeated beyond the documented retries,
 * and the run over within its deadline.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { MIN_REAL_TIMEOUT_MS, scaledClock } from '../helpers/scaledClock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { API_KEY, PROXY, record } from './transcript';

const { startSandbox } = require('../sandbox');
const { SITEKEY } = require('../sandbox/method-cases');

/** 1 s of 2Captcha time = 5 ms. */
export const SCALE = 0.005;

/** in.php resubmissions after a transport failure (solver.ts), each 5 s later. */
export const TRANSPORT_RETRIES = 2;
const TRANSPORT_RETRY_MS = 5_000;
/** The client's 30 s per request, in engine time (the scaled clock keeps it above a real minimum). */
const REQUEST_TIMEOUT_MS = Math.max(30_000, MIN_REAL_TIMEOUT_MS / SCALE);

export type Sandbox = any;
export type LogEntry = Record<string, any>;

/** Changes the sandbox's faults as requests arrive (called before the request's faults are drawn). */
export type Steer = (sandbox: Sandbox, entry: LogEntry) => void;

/** Starts a sandbox on the suite's clock and scale; `steer` may change its faults mid-run. */
export async function startFaultSandbox(options: Record<string, unknown> = {}, steer?: Steer): Promise<Sandbox> {
	setEngineClock(scaledClock(SCALE));
	let sandbox: Sandbox;
	sandbox = await startSandbox({
		timeScale: SCALE,
		seed: 8,
		apiKey: API_KEY,
		solveTimes: { '*': { min: 10, max: 30 } },
		onLog: (entry: LogEntry) => sandbox && steer?.(sandbox, entry),
		...options,
	});
	return sandbox;
}

/** Engine milliseconds between two sandbox log times. */
export const engineMsBetween = (from: number, to: number): number => (to - from) / SCALE;

export async function stopFaultSandbox(sandbox: Sandbox): Promise<void> {
	await sandbox?.close();
	setEngineClock(realClock);
}

export interface SolveSettings {
	firstPollSeconds?: number;
	pollIntervalSeconds?: number;
	timeoutSeconds: number;
	unsolvableRetries?: number;
	maxInFlight?: number;
}

/** reCAPTCHA V2 through a password proxy; each item's page URL names the item, so the sandbox log maps to items. */
export function recaptchaParameters(settings: SolveSettings): INodeParameters {
	return {
		resource: 'captcha',
		operation: 'recaptchaV2',
		siteKey: SITEKEY,
		pageUrl: '=https://example.com/login?item={{ $json.n }}',
		options: { proxy: PROXY, proxyType: 'HTTP' },
		solverSettings: { firstPollSeconds: 5, pollIntervalSeconds: 5, ...settings } as INodeParameters,
	};
}

export const itemsOf = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, n) => ({ json: { n } }));

export interface Run {
	out: INodeExecutionData[];
	/** Thrown by the node (continueOnFail off), if anything. */
	error?: Error;
	/** Duration in 2Captcha (engine) milliseconds. */
	engineMs: number;
}

/** Runs the node with continueOnFail (unless told otherwise) and records what came out for the secrets scan. */
export async function solve(
	sandbox: Sandbox,
	parameters: INodeParameters,
	items: INodeExecutionData[],
	extra: { continueOnFail?: boolean; signal?: AbortSignal } = {},
): Promise<Run> {
	const started = Date.now();
	let out: INodeExecutionData[] = [];
	let error: Error | undefined;
	try {
		out = await runNode(new TwoCaptcha(), {
			parameters,
			items,
			credentials: sandboxCredentials(sandbox),
			continueOnFail: extra.continueOnFail ?? true,
			signal: extra.signal,
		});
	} catch (thrown) {
		error = thrown as Error;
	}
	record('output', out);
	if (error) record('thrown', { error, description: (error as { description?: unknown }).description });
	return { out, error, engineMs: (Date.now() - started) / SCALE };
}

/** The longest a run may take: slow-down phase and polling each bounded by the timeout, plus transport retries. */
export function runDeadlineMs(settings: SolveSettings): number {
	const timeoutMs = settings.timeoutSeconds * 1000;
	const transportRetries = TRANSPORT_RETRIES * (REQUEST_TIMEOUT_MS + TRANSPORT_RETRY_MS) + REQUEST_TIMEOUT_MS;
	const attempts = 1 + (settings.unsolvableRetries ?? 0);
	// A hung res.php read holds the shared poller, and so its deadline checks, for one request timeout at most.
	return attempts * (2 * timeoutMs + transportRetries) + REQUEST_TIMEOUT_MS;
}

const itemOfPageUrl = (pageurl: string): number => Number(new URL(pageurl).searchParams.get('item'));

/** The in.php requests the sandbox received for each item, in order. */
function submissionsByItem(sandbox: Sandbox, itemCount: number): LogEntry[][] {
	const byItem: LogEntry[][] = Array.from({ length: itemCount }, () => []);
	for (const entry of sandbox.log as LogEntry[]) {
		if (entry.endpoint === 'in.php') byItem[itemOfPageUrl(entry.params.pageurl)].push(entry);
	}
	return byItem;
}

const accepted = (entry: LogEntry) => entry.response?.status === 1;
/** Answers that cost nothing and are not a submission: slow-down and ban codes. */
const SLOW_DOWN = new Set(['ERROR_NO_SLOT_AVAILABLE', 'MAX_USER_TURN', 'ERROR: 1003']);
const transportFailed = (entry: LogEntry) =>
	entry.faults.some((f: string) => ['html502', 'reset', 'hang', 'echo', 'oversize', 'trickle', 'nonUtf8'].includes(f));

/**
 * The invariants of every fault scenario:
 * - exactly one output item per input item, in order, each a solution or an error, with the captcha id whenever
 *   one was issued;
 * - per item at most one captcha charged, and every accepted captcha but the last one was unsolvable
 *   (the "Retries When Unsolvable" resubmissions);
 * - per paid attempt at most TRANSPORT_RETRIES resubmissions, and only after a transport failure.
 */
export function expectInvariants(sandbox: Sandbox, run: Run, itemCount: number, settings: SolveSettings): void {
	expect(run.error).toBeUndefined();
	expect(run.out).toHaveLength(itemCount);
	const submissions = submissionsByItem(sandbox, itemCount);
	run.out.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		const json = item.json;
		const ids = submissions[index].filter(accepted).map((entry) => String(entry.response.request));
		const captchas = ids.map((id) => sandbox.captchas.get(id));
		const context = { index, json, ids };

		expect({ ...context, solvedOrFailed: typeof json.solution === 'string' || typeof json.error === 'string' }).toEqual({
			...context,
			solvedOrFailed: true,
		});
		expect(ids.length).toBeLessThanOrEqual(1 + (settings.unsolvableRetries ?? 0));
		expect(captchas.slice(0, -1).every((captcha) => captcha.status === 'unsolvable')).toBe(true);
		expect(captchas.filter((captcha) => captcha.status === 'solved').length).toBeLessThanOrEqual(1);
		if (ids.length > 0) expect(json.captchaId).toBe(ids[ids.length - 1]);
		else expect(json).toEqual(expect.objectContaining({ error: expect.any(String) }));
		if (typeof json.solution === 'string') expect(json.solution).toBe(captchas[captchas.length - 1].answer);

		const paid = submissions[index].filter((entry) => !SLOW_DOWN.has(String(entry.response?.request)));
		const failedInTransport = paid.filter(transportFailed).length;
		expect(paid.length - failedInTransport).toBeLessThanOrEqual(Math.max(1, ids.length));
		expect(failedInTransport).toBeLessThanOrEqual((TRANSPORT_RETRIES + 1) * (1 + (settings.unsolvableRetries ?? 0)));
	});
	expect(run.engineMs).toBeLessThan(runDeadlineMs(settings));
}

/** Every answer the sandbox gave (the `request` of each reply), for counting codes. */
export const answers = (sandbox: Sandbox): string[] =>
	(sandbox.log as LogEntry[]).filter((entry) => entry.response).map((entry) => String(entry.response.request));
