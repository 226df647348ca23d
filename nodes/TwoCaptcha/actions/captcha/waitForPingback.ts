/**
 * Mode "Wait for Pingback": every item is submitted with 2Captcha's pingback pointed at this execution's resume
 * URL, and the execution waits (holding no worker, polling nothing) until the last answer is in or the deadline.
 *
 * n8n keeps nothing a pingback call writes unless that call resumes the execution, so each pingback is a doorbell
 * (see pingbackDoorbell.ts): ONE multi-ID res.php request about the captchas whose answers it does not hold yet,
 * resuming only when none is pending. What the calls need lives where n8n keeps it for them:
 * - the node's input items, replaced before waiting by one "unanswered" item per input item: the captcha IDs for
 *   the doorbell, and what n8n outputs unchanged if its own deadline resumes the execution (the node does not run
 *   again then), so a later Task → Get Result can fetch those captchas;
 * - custom data: which answers must be fetched alone because a multi-ID answer lacks them (item indexes), and the
 *   deadline, at which the doorbell's process resumes the execution with every answer it fetched. n8n's own
 *   deadline (`waitTill`) comes DEADLINE_GRACE_MS later, as the fallback should that process be gone.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { configuredMethod, getMethod } from '../../catalogue';
import type { CaptchaMethod } from '../../catalogue/types';
import { ProtocolError, TwoCaptchaApiError, statusOf } from '../../transport/errors';
import { toNodeError } from '../../transport/nodeErrors';
import { splitMultiIdAnswer } from '../../transport/multiIdAnswer';
import { addressHost, registerHost } from '../../shared/pingbackAddresses';
import { lazyResApi, type ResApi } from '../../shared/resApi';
import { failedOutcome, isCaptchaStatus, MAX_IDS_PER_REQUEST, singleOutcome, type IdOutcome } from '../../shared/idOutcomes';
import { failedJson, solvedJson } from './output';

export const WAIT_FOR_PINGBACK = 'waitForPingback';

/** All captchas of an execution go into ONE multi-ID request per pingback, so one execution takes this many items. */
export const MAX_PINGBACK_ITEMS = MAX_IDS_PER_REQUEST;

/** Status of an item whose answer had not reached n8n when the deadline resumed the execution. */
export const UNANSWERED = 'unanswered';

/** Custom data key: indexes of the items whose answers are fetched alone (`action=get&id=`), comma-separated. */
export const FETCH_ALONE_KEY = 'twoCaptchaFetchAlone';
/** Custom data key: the execution's deadline (epoch ms), when the doorbell's process resumes it with what it fetched. */
export const DEADLINE_KEY = 'twoCaptchaDeadline';
/** n8n's own deadline comes this much later: the fallback (all items as input) should no doorbell process resume it. */
export const DEADLINE_GRACE_MS = 60_000;

const UNANSWERED_MESSAGE =
	'No answer had reached n8n when the deadline resumed the execution. Fetch it with Task → Get Result and this captcha ID.';

/** Refuses more items than one multi-ID request can ask about, before anything is sent. */
export function checkPingbackItemCount(ctx: IExecuteFunctions, count: number): void {
	if (count <= MAX_PINGBACK_ITEMS) return;
	throw new NodeOperationError(ctx.getNode(), `Wait for Pingback takes at most ${MAX_PINGBACK_ITEMS} items per execution; this run has ${count}`, {
		description: `Nothing was sent to 2Captcha. Split the items into batches of ${MAX_PINGBACK_ITEMS} (Loop Over Items), or use Wait for Result.`,
	});
}

/** This execution's resume URL: n8n's own token is its only secret. */
export function resumeUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
}

/** With "Register Address With 2Captcha": the resume URL's host is registered before any captcha is sent. */
export async function registerResumeHostIfAsked(ctx: IExecuteFunctions): Promise<void> {
	if (ctx.getNodeParameter('registerPingbackHost', 0, false) !== true) return;
	const url = resumeUrl(ctx, 0);
	const host = addressHost(url);
	if (!host) throw new NodeOperationError(ctx.getNode(), 'The resume URL of this execution has no host to register', { description: 'Nothing was sent to 2Captcha.' });
	try {
		await registerHost(lazyResApi(ctx), host, ctx.getExecutionCancelSignal());
	} catch (error) {
		const nodeError = toNodeError(ctx, error, 0);
		nodeError.description = `${nodeError.description ?? ''} No captcha was sent to 2Captcha.`.trim();
		throw nodeError;
	}
}

/** The output of a submitted item until its answer is in, and as the deadline leaves it. */
export function unansweredJson(method: CaptchaMethod, captchaId: string | undefined): IDataObject {
	return { captchaId, method: method.value, status: UNANSWERED, message: UNANSWERED_MESSAGE };
}

export interface Awaiting {
	itemIndex: number;
	captchaId: string;
	/** The multi-ID answer lacks this answer's extras (or may contain '|'): fetched alone with `action=get&id=`. */
	fetchAlone: boolean;
}

/** The submitted items still waiting for their answer; `fetchAlone` from custom data, else from the method. */
export function awaitingItems(items: INodeExecutionData[], method: CaptchaMethod, fetchAlone: string | undefined): Awaiting[] {
	const alone = typeof fetchAlone === 'string' ? new Set(fetchAlone.split(',').filter(Boolean).map(Number)) : undefined;
	const awaiting: Awaiting[] = [];
	items.slice(0, MAX_PINGBACK_ITEMS).forEach((item, itemIndex) => {
		const json = (item?.json ?? {}) as IDataObject;
		if (json.status !== UNANSWERED || json.method !== method.value) return;
		const captchaId = typeof json.captchaId === 'string' ? json.captchaId.trim() : '';
		if (!/^\d{1,20}$/.test(captchaId)) return;
		awaiting.push({ itemIndex, captchaId, fetchAlone: alone ? alone.has(itemIndex) : method.multiGetAnswer !== true });
	});
	return awaiting;
}

/**
 * The outcomes of the awaiting captchas not in `known`, as far as 2Captcha has them: ONE multi-ID request about
 * those; answers it cannot carry (extras, '|' inside an answer) are fetched alone, once each (the caller keeps
 * them). Captchas still pending are absent from the result. Throws on account-level trouble (the deadline covers it).
 */
export async function collectAnswers(
	api: ResApi,
	awaiting: Awaiting[],
	known: ReadonlyMap<string, IdOutcome>,
	signal?: AbortSignal,
): Promise<Map<string, IdOutcome>> {
	const outcomes = new Map<string, IdOutcome>();
	const asked = awaiting.filter((a) => !known.has(a.captchaId));
	if (asked.length === 0) return outcomes;
	const ids = asked.map((a) => a.captchaId);
	const response = await api.call({ action: 'get', ids: ids.join(',') }, signal);
	const status = statusOf(response);
	if (status && !isCaptchaStatus(status)) throw new TwoCaptchaApiError(status);
	// One status for several ids names none of them: nothing learnt (a later pingback or the deadline asks again).
	if (status && ids.length > 1) return outcomes;
	// The one splitter of multi-id answers; an answer that does not match the ids asked tells nothing.
	const parts = splitMultiIdAnswer(String(response.request ?? ''), ids, asked.every((a) => !a.fetchAlone));
	if (parts instanceof ProtocolError) return outcomes;

	const alone: string[] = [];
	asked.forEach((a, k) => {
		const part = parts[k];
		if (part.status === 'failed') outcomes.set(a.captchaId, failedOutcome(part.code));
		else if (part.status === 'ready') outcomes.set(a.captchaId, { status: 'ready', answer: { request: part.answer, extra: {} } });
		else if (part.status === 'fetchAlone') alone.push(a.captchaId);
	});
	const fetched = await Promise.all(alone.map(async (id) => await singleOutcome(api, id, signal)));
	alone.forEach((id, k) => {
		if (fetched[k].status !== 'notReady') outcomes.set(id, fetched[k]);
	});
	return outcomes;
}

/** One output item per input item: answered items in the Wait for Result shape, the others unchanged. */
export function answeredItems(
	scope: object,
	method: CaptchaMethod,
	items: INodeExecutionData[],
	awaiting: Awaiting[],
	outcomes: ReadonlyMap<string, IdOutcome>,
	includeRawAnswer: boolean,
): INodeExecutionData[] {
	const byIndex = new Map(awaiting.map((a) => [a.itemIndex, a.captchaId]));
	return items.map((item, itemIndex) => {
		const captchaId = byIndex.get(itemIndex);
		const outcome = captchaId === undefined ? undefined : outcomes.get(captchaId);
		return { json: outcome ? outcomeJson(scope, method, captchaId!, outcome, includeRawAnswer) : item.json, pairedItem: { item: itemIndex } };
	});
}

function outcomeJson(scope: object, method: CaptchaMethod, captchaId: string, outcome: IdOutcome, includeRawAnswer: boolean): IDataObject {
	if (outcome.status === 'failed') return failedJson(scope, method, TwoCaptchaApiError.fromCode(outcome.code, captchaId), captchaId);
	if (outcome.status === 'notReady') return unansweredJson(method, captchaId);
	try {
		return solvedJson(method, captchaId, outcome.answer, includeRawAnswer);
	} catch (error) {
		// A paid answer the parser cannot read is kept whole.
		return failedJson(scope, method, error, captchaId, { rawAnswer: outcome.answer.request as IDataObject });
	}
}

export interface PingbackRun {
	/** When the first submission was made: answers before `startedAt + earliestSolveMs` are not expected. */
	startedAt: number;
	earliestSolveMs: number;
	/** The longest Timeout of the items: the execution resumes at the latest this long after the submissions. */
	timeoutMs: number;
	includeRawAnswer: boolean;
	/** Per item: answer fetched alone (see Awaiting). */
	fetchAlone: boolean[];
}

/**
 * After the submissions: outputs at once when nothing is awaited (or everything was answered already), else
 * leaves the unanswered items as the node's input (what the deadline outputs) and puts the execution to wait.
 */
export async function waitForPingbacks(
	ctx: IExecuteFunctions,
	method: CaptchaMethod,
	output: INodeExecutionData[],
	run: PingbackRun,
): Promise<INodeExecutionData[]> {
	const fetchAlone = output.flatMap((_, i) => (run.fetchAlone[i] ? [i] : [])).join(',');
	const awaiting = awaitingItems(output, method, fetchAlone);
	if (awaiting.length === 0) return output;

	// A pingback that arrives while this node still runs gets 409 from n8n and is lost: once answers may exist,
	// ask once, so the execution does not wait for an answer that is in already.
	let known = new Map<string, IdOutcome>();
	if (Date.now() - run.startedAt >= run.earliestSolveMs) {
		known = await collectAnswers(lazyResApi(ctx), awaiting, known, ctx.getExecutionCancelSignal()).catch(() => known);
		if (known.size === awaiting.length) return answeredItems(ctx, method, output, awaiting, known, run.includeRawAnswer);
	}
	// Answers fetched here travel in the input items as answered (what n8n outputs at its own deadline too).
	const items = known.size ? answeredItems(ctx, method, output, awaiting, known, run.includeRawAnswer) : output;

	const deadline = Date.now() + run.timeoutMs;
	try {
		// A dropped key (custom data holds 10) costs requests (fetch alone: the doorbell decides by the method) or
		// the early deadline (n8n's own one, DEADLINE_GRACE_MS later, outputs the items as they are).
		ctx.customData.set(DEADLINE_KEY, String(deadline));
		if (awaiting.some((a) => a.fetchAlone !== (method.multiGetAnswer !== true))) ctx.customData.set(FETCH_ALONE_KEY, fetchAlone);
	} catch {
		// custom data is full: see above
	}
	ctx.getExecuteData().data = { main: [items] };
	await ctx.putExecutionToWait(new Date(deadline + DEADLINE_GRACE_MS));
	return items;
}

/** The method of the node's operation as the node configures it (Custom Method's Answer As), for the doorbell. */
export function operationMethod(operation: unknown, read: (name: string) => unknown): CaptchaMethod | undefined {
	const method = typeof operation === 'string' ? getMethod(operation) : undefined;
	return method && configuredMethod(method, read);
}

