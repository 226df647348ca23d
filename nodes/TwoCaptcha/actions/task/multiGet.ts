import type { IDataObject } from 'n8n-workflow';

import type { RawAnswer } from '../../catalogue/types';
import { ProtocolError, TwoCaptchaApiError, classifyStatus, statusOf, type CodeClassification } from '../../transport/errors';
import type { ResApi } from '../../shared/resApi';
import { splitMultiIdAnswer } from '../../shared/multiIdAnswer';
import { answerJson } from './fetchResult';

/** The reference sets no limit on `ids`; chunks keep answers small and confine an ambiguity to its chunk. */
export const MAX_IDS_PER_REQUEST = 100;

export const AMBIGUOUS_NOTE =
	"2Captcha joins the answers of a multi-ID request with '|' and an answer contained '|' itself, so the " +
	'combined answer could not be split safely: these IDs were fetched with one request each.';

export type IdOutcome =
	| { status: 'ready'; answer: RawAnswer }
	| { status: 'notReady' }
	| { status: 'failed'; code: string; description: string };

export interface MultiGetResult {
	outcomes: Map<string, IdOutcome>;
	/** IDs fetched one by one because the combined answer of their chunk was ambiguous. */
	fetchedIndividually: Set<string>;
}

/**
 * The state of many captchas with `action=get&ids=1,2,3`. The answers come joined with '|' and without
 * extras (userAgent, cookies ...), split by the shared splitter: when an answer contained '|', the IDs it cannot
 * place are fetched again one at a time with `action=get&id=` (which has extras). An answer that does not match
 * the IDs asked fails the item with a ProtocolError.
 */
export async function multiGet(api: ResApi, ids: string[], signal?: AbortSignal): Promise<MultiGetResult> {
	const result: MultiGetResult = { outcomes: new Map(), fetchedIndividually: new Set() };
	for (let start = 0; start < ids.length; start += MAX_IDS_PER_REQUEST) {
		const chunk = ids.slice(start, start + MAX_IDS_PER_REQUEST);
		const response = await api.call({ action: 'get', ids: chunk.join(',') }, signal);
		const status = statusOf(response);
		if (status && !isCaptchaStatus(status)) throw new TwoCaptchaApiError(status);
		// One status for several ids names none of them: each is asked alone.
		const parts = status && chunk.length > 1 ? chunk.map(() => ({ status: 'fetchAlone' as const })) : splitMultiIdAnswer(String(response.request ?? ''), chunk, true);
		if (parts instanceof ProtocolError) throw parts;
		const alone = chunk.filter((_, k) => parts[k].status === 'fetchAlone');
		const fetched = await Promise.all(alone.map(async (id) => await singleOutcome(api, id, signal)));
		alone.forEach((id, k) => {
			result.outcomes.set(id, fetched[k]);
			result.fetchedIndividually.add(id);
		});
		chunk.forEach((id, k) => {
			const part = parts[k];
			if (part.status === 'notReady') result.outcomes.set(id, { status: 'notReady' });
			else if (part.status === 'failed') result.outcomes.set(id, failedOutcome(part.code));
			else if (part.status === 'ready') result.outcomes.set(id, { status: 'ready', answer: { request: part.answer, extra: {} } });
		});
	}
	return result;
}

/**
 * A status about one captcha: not ready, a per-captcha code (unsolvable, wrong ID ...) or one the catalogue does not
 * list (reported on the captcha with its raw text). Account-level codes are not.
 */
export function isCaptchaStatus({ category }: CodeClassification): boolean {
	return category === 'notReady' || category === 'fatalTask' || category === 'unknown';
}

/** One captcha with `action=get&id=`: ready (with extras), not ready, or failed; account-level codes throw. */
export async function singleOutcome(api: ResApi, captchaId: string, signal?: AbortSignal): Promise<IdOutcome> {
	const response = await api.call({ action: 'get', id: captchaId }, signal);
	const status = statusOf(response);
	if (!status) return { status: 'ready', answer: { request: response.request, extra: response.extra } };
	if (status.category === 'notReady') return { status: 'notReady' };
	if (!isCaptchaStatus(status)) throw new TwoCaptchaApiError(status, captchaId);
	return { status: 'failed', code: status.code, description: status.description };
}

export function failedOutcome(code: string): IdOutcome {
	const { description } = classifyStatus(code);
	return { status: 'failed', code, description };
}

/** The output entry of one ID; an answer "Parse As" cannot read is a failed entry that keeps the raw answer. */
export function outcomeJson(captchaId: string, outcome: IdOutcome, parseAs: string): IDataObject {
	switch (outcome.status) {
		case 'notReady':
			return { captchaId, ready: false, status: 'notReady' };
		case 'failed':
			return { captchaId, ready: false, status: 'failed', error: outcome.code, errorDescription: outcome.description };
		case 'ready':
			try {
				return { captchaId, ready: true, status: 'ready', ...answerJson(outcome.answer, parseAs) };
			} catch (error) {
				// Solved, but "Parse As" cannot read it: the other IDs of the item still count.
				const rawAnswer = outcome.answer.request as IDataObject;
				return { captchaId, ready: true, status: 'failed', error: (error as Error).message, rawAnswer };
			}
	}
}
