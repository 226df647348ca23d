import type { IDataObject } from 'n8n-workflow';

import { ProtocolError } from '../../transport/errors';
import { idsOutcomes, MAX_IDS_PER_REQUEST, type IdOutcome } from '../../shared/idOutcomes';
import type { ResApi } from '../../shared/resApi';
import type { Secrets } from '../../transport/redact';
import { answerJson } from './fetchResult';

export const AMBIGUOUS_NOTE =
	"2Captcha joins the answers of a multi-ID request with '|' and an answer contained '|' itself, so the " +
	'combined answer could not be split safely: these IDs were fetched with one request each.';

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
		// One status for several ids names none of them: each is asked alone.
		const chunk = await idsOutcomes(api, ids.slice(start, start + MAX_IDS_PER_REQUEST), { answersArePipeFree: true, onSharedStatus: 'askAlone' }, signal);
		if (chunk instanceof ProtocolError) throw chunk;
		for (const [id, outcome] of chunk.outcomes) result.outcomes.set(id, outcome);
		for (const id of chunk.fetchedAlone) result.fetchedIndividually.add(id);
	}
	return result;
}

/**
 * The output entry of one ID; an answer "Parse As" cannot read is a failed entry that keeps the raw answer. The
 * server's texts in `error` / `errorDescription` (a status as sent, its error_text) are redacted with `secrets`.
 */
export function outcomeJson(captchaId: string, outcome: IdOutcome, parseAs: string, secrets: Secrets): IDataObject {
	switch (outcome.status) {
		case 'notReady':
			return { captchaId, ready: false, status: 'notReady' };
		case 'failed':
			return {
				captchaId,
				ready: false,
				status: 'failed',
				error: secrets.redact(outcome.code),
				errorDescription: secrets.redact(outcome.description),
			};
		case 'ready':
			try {
				return answerJson(outcome.answer, parseAs, { captchaId, ready: true, status: 'ready' });
			} catch (error) {
				// Solved, but "Parse As" cannot read it: the other IDs of the item still count.
				const rawAnswer = outcome.answer.request as IDataObject;
				return { captchaId, ready: true, status: 'failed', error: secrets.redact((error as Error).message), rawAnswer };
			}
	}
}
