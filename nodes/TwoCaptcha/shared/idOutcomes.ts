/**
 * What res.php says about captchas by id: ready (with its answer), not ready, or failed with a per-captcha code. The
 * one multi-ID fetch of both readers of answers by id: Task → Get Results and Wait for Pingback.
 */
import { ProtocolError, TwoCaptchaApiError, classifyStatus, isCaptchaStatus, statusOf, type CodeClassification } from '../transport/errors';
import { splitMultiIdAnswer, type IdPart } from '../transport/multiIdAnswer';
import type { RawAnswer } from '../transport/types';
import type { ResApi } from './resApi';

/** The reference sets no limit on `ids`; chunks keep answers small and confine an ambiguity to its chunk. */
export const MAX_IDS_PER_REQUEST = 100;

export type IdOutcome =
	| { status: 'ready'; answer: RawAnswer }
	| { status: 'notReady' }
	| { status: 'failed'; code: string; description: string };

/** One captcha with `action=get&id=`: ready (with extras), not ready, or failed; account-level codes throw. */
async function singleOutcome(api: ResApi, captchaId: string, signal?: AbortSignal): Promise<IdOutcome> {
	const response = await api.call({ action: 'get', id: captchaId }, signal);
	const status = statusOf(response);
	if (!status) return { status: 'ready', answer: { request: response.request, extra: response.extra } };
	return statusOutcome(status, captchaId);
}

/** One captcha's status: not ready, or failed with its code as sent (raw text when unlisted); account-level codes throw. */
function statusOutcome(status: CodeClassification, captchaId?: string): IdOutcome {
	if (status.category === 'notReady') return { status: 'notReady' };
	if (!isCaptchaStatus(status)) throw new TwoCaptchaApiError(status, captchaId);
	return { status: 'failed', code: status.code, description: status.description };
}

function failedOutcome(code: string): IdOutcome {
	const { description } = classifyStatus(code);
	return { status: 'failed', code, description };
}

export interface IdsOutcomes {
	/** Every id asked, in the order asked: ready, not ready or failed. */
	outcomes: Map<string, IdOutcome>;
	/** The ids the joined answer could not carry, fetched alone with `action=get&id=`. */
	fetchedAlone: Set<string>;
}

export interface IdsQuestion {
	/** No answer of these ids contains '|' or needs extras: ready answers are taken from the joined answer. */
	answersArePipeFree: boolean;
	/** One status for several ids names none of them: `askAlone` fetches each alone, `learnNothing` learns no outcome. */
	onSharedStatus: 'askAlone' | 'learnNothing';
}

/**
 * The outcomes of up to MAX_IDS_PER_REQUEST captchas with ONE `action=get&ids=` request; the ids whose answers the
 * joined answer cannot carry are fetched alone, once each. Account-level codes throw. An answer that does not match
 * the ids asked is returned as the ProtocolError (the caller decides what it costs).
 */
export async function idsOutcomes(
	api: ResApi,
	ids: readonly string[],
	question: IdsQuestion,
	signal?: AbortSignal,
): Promise<IdsOutcomes | ProtocolError> {
	const response = await api.call({ action: 'get', ids: ids.join(',') }, signal);
	const status = statusOf(response);
	if (status && !isCaptchaStatus(status)) throw new TwoCaptchaApiError(status);
	let parts: IdPart[] | ProtocolError;
	if (status) {
		// A status found is never split again: for one id it is that captcha's (its raw code kept when unlisted).
		if (ids.length === 1) return { outcomes: new Map([[ids[0], statusOutcome(status, ids[0])]]), fetchedAlone: new Set() };
		if (question.onSharedStatus === 'learnNothing') return { outcomes: new Map(), fetchedAlone: new Set() };
		parts = ids.map(() => ({ status: 'fetchAlone' }));
	} else if (typeof response.request !== 'string') {
		// Answers come joined as text: any other value does not match the ids asked and is never stringified; each
		// id is asked alone (as the poller does), where an object answer is a method's own form.
		parts = ids.map(() => ({ status: 'fetchAlone' }));
	} else {
		parts = splitMultiIdAnswer(response.request, ids, question.answersArePipeFree);
	}
	if (parts instanceof ProtocolError) return parts;

	const alone = ids.filter((_, k) => parts[k].status === 'fetchAlone');
	const fetched = new Map(await Promise.all(alone.map(async (id) => [id, await singleOutcome(api, id, signal)] as const)));
	const outcomes = new Map<string, IdOutcome>();
	ids.forEach((id, k) => outcomes.set(id, fetched.get(id) ?? partOutcome(parts[k])));
	return { outcomes, fetchedAlone: new Set(alone) };
}

function partOutcome(part: IdPart): IdOutcome {
	if (part.status === 'failed') return failedOutcome(part.code);
	if (part.status === 'ready') return { status: 'ready', answer: { request: part.answer, extra: {} } };
	return { status: 'notReady' };
}
