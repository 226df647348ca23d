import { createHash, randomBytes } from 'node:crypto';

import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { configuredMethod, getMethod } from '../../../../catalogue';
import { timeoutSignal, timerMs } from '../../../../lib/async';
import { claimOnce } from '../../../../shared/claims';
import type { IdOutcome } from '../../../../shared/idOutcomes';
import { readPingback, type PingbackBody } from '../../../../shared/pingbackBody';
import { lazyResApi, type ResApi } from '../../../../shared/resApi';
import { answerOnly } from '../../../../shared/webhookAnswer';
import { redact, urlSecrets } from '../../../../transport/redact';
import { getServerConfig } from '../../../../transport/serverConfig';
import { answeredItems, awaitingItems, CARRIED_KEY, collectAnswers, DEADLINE_GRACE_MS, DEADLINE_KEY, readCarried, type Awaiting } from './answers';

/**
 * webhook() of Wait for Pingback: a pingback for one of this execution's captchas rings the doorbell.
 *
 * - ONE multi-ID res.php request (through the key's rate limiter) about the captchas whose outcome this process
 *   does not hold yet; what it learns is kept in this process (`waits`) until the execution resumes. Pingbacks for
 *   one execution never ask concurrently: one arriving while a check runs has it run once more, then shares it.
 * - When none is pending, the execution resumes with one item per input item: ONCE, whatever arrives together —
 *   the resume is claimed in this process and, in n8n's queue mode, across processes through n8n's Redis, before
 *   n8n's own check (it resumes only a *waiting* execution) comes into play.
 * - Otherwise the process rings its own doorbell at the deadline (it claims the resume, then sends a request to the
 *   address the pingback came in on, marked by a token only this process knows): one last check, then the
 *   execution resumes with every answer fetched, `unanswered` only for captchas without one. n8n's own deadline, DEADLINE_GRACE_MS later, is the
 *   fallback should this process be gone (it outputs the input items: those answered in execute() and the rest
 *   unanswered).
 * Anything else is acknowledged and changes nothing. Never throws (a throw would end the execution as an error).
 */
export async function pingbackDoorbell(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		const reading = readPingback((this.getBodyData() ?? {}) as PingbackBody);
		if (reading.problem) return answerOnly(this, 400, 'Not a 2Captcha pingback');
		// The run's values as execute() took them (answers.ts Carried); the operation names the captcha type.
		const carried = readCarried(this.customData.get(CARRIED_KEY));
		const operation = getMethod(String(this.getNodeParameter('operation', '')));
		if (!operation) return answerOnly(this, 200, 'OK');
		const method = configuredMethod(operation, () => carried.answerAs);
		const items = this.evaluateExpression('{{ $input.all() }}') as unknown as INodeExecutionData[];
		if (!Array.isArray(items)) return answerOnly(this, 200, 'OK');
		const awaiting = awaitingItems(items, method, carried.fetchAlone);
		const atDeadline = isDeadlineRing(this);
		// Not one of this execution's captchas: no request.
		if (!atDeadline && !awaiting.some((a) => a.captchaId === reading.pingback.id)) return answerOnly(this, 200, 'OK');
		if (awaiting.length === 0) return answerOnly(this, 200, 'OK');

		const key = waitKey(this, awaiting);
		// The deadline ring resumes only what this process rang for, having claimed the resume before ringing.
		if (atDeadline && !waits.get(key)?.claimed) return answerOnly(this, 200, 'OK');
		const wait = waitOf(key, Number(this.customData.get(DEADLINE_KEY)));
		await check(wait, lazyResApi(this), awaiting, atDeadline);
		const complete = awaiting.every((a) => wait.outcomes.has(a.captchaId));
		if (!complete && !atDeadline) {
			armDeadlineRing(this, key, wait, awaiting[0].captchaId);
			return answerOnly(this, 200, 'OK');
		}
		// The outputs are redacted with this call's secrets: read the credential (adds the API key) even when earlier
		// calls fetched every outcome and this one sent no request. Before the claim: a failure keeps it waiting.
		await getServerConfig(this);
		// Exactly once: whoever claims the resume resumes; every other call is only acknowledged. The deadline ring
		// claimed before ringing, and only its own call may use that claim (once): a pingback whose check ends while
		// the ring is under way finds the resume claimed and only acknowledges.
		const claimed = atDeadline ? takeRingClaim(wait) : await claimOnce(resumeClaim(key), RESUME_CLAIM_TTL_MS);
		if (!claimed) return answerOnly(this, 200, 'OK');
		forget(key);
		return { workflowData: [answeredItems(this, method, items, awaiting, wait.outcomes, carried.includeRawAnswer === true)] };
	} catch {
		// A failed check (network, rate limit) keeps the execution waiting: a later pingback or the deadline resumes it.
		return answerOnly(this, 200, 'OK');
	}
}

/** How long a resume stays claimed: past any deadline (Timeout ≤ 1 h) and n8n's own one. */
const RESUME_CLAIM_TTL_MS = 3 * 3600_000;
/** A doorbell waits this long at most for its check (rate limiter and request): later pingbacks or the deadline follow. */
const CHECK_LIMIT_MS = 30_000;
/** The deadline ring's request: header name, and the token that proves it came from this process. */
const DEADLINE_HEADER = 'x-twocaptcha-deadline';
const DEADLINE_TOKEN = randomBytes(24).toString('hex');

/** What this process knows of one waiting execution. */
interface Wait {
	/** Outcomes fetched so far (solutions and errors), kept until the execution resumes. */
	outcomes: Map<string, IdOutcome>;
	/** Epoch ms of the execution's deadline; NaN when custom data did not keep it. */
	deadline: number;
	/** The check under way, and whether a pingback arrived during it (one more check then). */
	checking?: Promise<void>;
	again?: boolean;
	/** The deadline ring is armed. */
	ring?: boolean;
	/** The deadline ring claimed the resume before ringing. */
	claimed?: boolean;
}

const resumeClaim = (key: string) => `resume:${key}`;

/** The deadline ring's claim, for its own call and only once. */
function takeRingClaim(wait: Wait): boolean {
	const claimed = wait.claimed === true;
	wait.claimed = false;
	return claimed;
}

const waits = new Map<string, Wait>();

/** One waiting execution's Wait for Pingback node and captchas (its execution may wait again at another node). */
function waitKey(ctx: IWebhookFunctions, awaiting: Awaiting[]): string {
	const ids = awaiting.map((a) => a.captchaId).join(',');
	return createHash('sha256').update(`${ctx.getInstanceId()}\n${ctx.getExecutionId()}\n${ctx.getNode().name}\n${ids}`).digest('hex');
}

function waitOf(key: string, deadline: number): Wait {
	sweep();
	let wait = waits.get(key);
	if (!wait) {
		wait = { outcomes: new Map(), deadline };
		waits.set(key, wait);
	}
	return wait;
}

function forget(key: string): void {
	waits.delete(key);
}

/** Drops what is kept for executions long past their deadline (resumed elsewhere, or by n8n's own deadline). */
function sweep(): void {
	const now = Date.now();
	for (const [key, wait] of waits) {
		const deadline = Number.isFinite(wait.deadline) ? wait.deadline : now;
		if (now > deadline + RESUME_CLAIM_TTL_MS || (!Number.isFinite(wait.deadline) && !wait.checking && wait.outcomes.size === 0)) forget(key);
	}
}

/**
 * Brings `wait.outcomes` up to date with ONE request at a time per execution: a call arriving during a check makes
 * it run once more and waits for it. At the deadline nothing is waited for beyond CHECK_LIMIT_MS.
 */
async function check(wait: Wait, api: ResApi, awaiting: Awaiting[], atDeadline: boolean): Promise<void> {
	if (wait.checking) {
		wait.again = true;
		return await wait.checking;
	}
	const run = async () => {
		do {
			wait.again = false;
			if (awaiting.every((a) => wait.outcomes.has(a.captchaId))) return;
			const fetched = await collectAnswers(api, awaiting, wait.outcomes, timeoutSignal(CHECK_LIMIT_MS)).catch(() => undefined);
			for (const [id, outcome] of fetched ?? []) wait.outcomes.set(id, outcome);
		} while (wait.again && !atDeadline);
	};
	wait.checking = run().finally(() => (wait.checking = undefined));
	await wait.checking;
}

function isDeadlineRing(ctx: IWebhookFunctions): boolean {
	return ctx.getHeaderData()[DEADLINE_HEADER] === DEADLINE_TOKEN;
}

/**
 * Once per waiting execution and process: at the deadline, a request to the address and port this pingback came in
 * on, with the path and query it used (the resume URL), so n8n runs this doorbell there and it can resume the
 * execution with what this process fetched. Its timer never keeps the process alive.
 */
function armDeadlineRing(ctx: IWebhookFunctions, key: string, wait: Wait, captchaId: string): void {
	if (wait.ring || !Number.isFinite(wait.deadline)) return;
	const req = ctx.getRequestObject();
	const socket = req.socket as typeof req.socket & { encrypted?: boolean };
	const host = socket.localAddress?.replace(/^::ffff:/, '');
	const port = socket.localPort;
	if (!host || !port) return;
	const origin = `${socket.encrypted ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const url = `${origin}${req.originalUrl ?? req.url}`;
	const ring = async () => {
		if (waits.get(key) !== wait) return; // resumed in this process meanwhile
		// Resumed already (here or in another process): nothing to ring for. The execution may be waiting at a later
		// node by now, under the same resume URL.
		if (!(await claimOnce(resumeClaim(key), RESUME_CLAIM_TTL_MS))) return forget(key);
		wait.claimed = true;
		// Our own socket: n8n's certificate may name its public host, not this address.
		const dispatcher = socket.encrypted ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;
		try {
			const response = await request(url, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', [DEADLINE_HEADER]: DEADLINE_TOKEN },
				body: new URLSearchParams({ id: captchaId, code: 'deadline' }).toString(),
				signal: timeoutSignal(DEADLINE_GRACE_MS),
				...(dispatcher ? { dispatcher } : {}),
			});
			await response.body.dump();
		} catch (error) {
			LoggerProxy.warn(`2Captcha Wait for Pingback: the deadline check could not reach this n8n (${redact((error as Error).message, urlSecrets(url))}); n8n's own deadline outputs the items`);
		} finally {
			await dispatcher?.close().catch(() => undefined);
		}
	};
	wait.ring = true;
	// AbortSignal.timeout's timer does not keep the process alive.
	timeoutSignal(timerMs(wait.deadline - Date.now())).addEventListener('abort', () => void ring(), { once: true });
}
