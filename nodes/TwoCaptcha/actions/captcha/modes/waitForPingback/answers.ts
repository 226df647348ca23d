/**
 * What both halves of Wait for Pingback share (execute.ts submits and waits, webhook.ts is the doorbell): the items
 * a waiting execution keeps, what execute() carries to the doorbell in custom data, and the ONE multi-ID check.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CaptchaMethod } from '../../../../catalogue/types';
import { idsOutcomes, MAX_IDS_PER_REQUEST, type IdOutcome } from '../../../../shared/idOutcomes';
import type { ResApi } from '../../../../shared/resApi';
import { canonicalCaptchaId } from '../../../../transport/captchaId';
import { ProtocolError, TwoCaptchaApiError } from '../../../../transport/errors';
import { failedJson, solvedJson } from '../../output';

/** All captchas of an execution go into ONE multi-ID request per pingback, so one execution takes this many items. */
export const MAX_PINGBACK_ITEMS = MAX_IDS_PER_REQUEST;

/** Status of an item whose answer had not reached n8n when the deadline resumed the execution. */
export const UNANSWERED = 'unanswered';

/** Custom data key: the execution's deadline (epoch ms), when the doorbell's process resumes it with what it fetched. */
export const DEADLINE_KEY = 'twoCaptchaDeadline';
/** Custom data key: the run's values the doorbell needs (Carried), as JSON; absent when all are the defaults. */
export const CARRIED_KEY = 'twoCaptchaWaitRun';
/** n8n's own deadline comes this much later: the fallback (all items as input) should no doorbell process resume it. */
export const DEADLINE_GRACE_MS = 60_000;

const UNANSWERED_MESSAGE =
	'No answer had reached n8n when the deadline resumed the execution. Fetch it with Task → Get Result and this captcha ID.';

/**
 * Values of the run that execute() took once and the doorbell uses as they were (custom data holds at most 10 keys
 * of 512 characters: a dropped key means the defaults).
 */
export interface Carried {
	/** Indexes of the items whose answers are fetched alone; absent: as the method says (`multiGetAnswer`). */
	fetchAlone?: number[];
	/** Include Raw Answer of the run. */
	includeRawAnswer?: boolean;
	/** Custom Method's Answer As. */
	answerAs?: string;
}

/** Reads what execute() carried; anything unreadable is the defaults. */
export function readCarried(text: unknown): Carried {
	try {
		const value = typeof text === 'string' ? (JSON.parse(text) as Carried) : {};
		const fetchAlone = Array.isArray(value?.fetchAlone) ? value.fetchAlone.filter(Number.isInteger) : undefined;
		return {
			...(fetchAlone ? { fetchAlone } : {}),
			includeRawAnswer: value?.includeRawAnswer === true,
			...(typeof value?.answerAs === 'string' ? { answerAs: value.answerAs } : {}),
		};
	} catch {
		return {};
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

/** The items of a waiting execution still waiting for their answer; `fetchAlone` as carried, else from the method. */
export function awaitingItems(items: INodeExecutionData[], method: CaptchaMethod, fetchAlone: readonly number[] | undefined): Awaiting[] {
	const awaiting: Awaiting[] = [];
	items.slice(0, MAX_PINGBACK_ITEMS).forEach((item, itemIndex) => {
		const json = (item?.json ?? {}) as IDataObject;
		if (json.status !== UNANSWERED || json.method !== method.value) return;
		const captchaId = canonicalCaptchaId(json.captchaId);
		if (captchaId === undefined) return;
		awaiting.push({ itemIndex, captchaId, fetchAlone: fetchAlone ? fetchAlone.includes(itemIndex) : method.multiGetAnswer !== true });
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
	known: ReadonlyMap<string, IdOutcome> = new Map(),
	signal?: AbortSignal,
): Promise<Map<string, IdOutcome>> {
	const outcomes = new Map<string, IdOutcome>();
	const asked = awaiting.filter((a) => !known.has(a.captchaId));
	if (asked.length === 0) return outcomes;
	// One status for several ids, or an answer that does not match the ids asked, tells nothing: a later pingback or
	// the deadline asks again.
	const answered = await idsOutcomes(
		api,
		asked.map((a) => a.captchaId),
		{ answersArePipeFree: asked.every((a) => !a.fetchAlone), onSharedStatus: 'learnNothing' },
		signal,
	);
	if (answered instanceof ProtocolError) return outcomes;
	for (const [id, outcome] of answered.outcomes) if (outcome.status !== 'notReady') outcomes.set(id, outcome);
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
