import type { IDataObject } from 'n8n-workflow';

import type { RawAnswer } from '../../catalogue/types';
import { classifyCode, ensureOk } from '../../transport/errors';
import type { ApiResponse } from '../../transport/types';
import type { ResApi } from '../resApi';
import { answerJson, isNotReady, NOT_READY } from './fetchResult';

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
 * extras (userAgent, cookies ...). When a chunk's answer splits into more parts than it has IDs, some answer
 * contained '|', so that chunk is fetched again one ID at a time with `action=get&id=` (which has extras).
 */
export async function multiGet(api: ResApi, ids: string[], signal?: AbortSignal): Promise<MultiGetResult> {
	const result: MultiGetResult = { outcomes: new Map(), fetchedIndividually: new Set() };
	for (let start = 0; start < ids.length; start += MAX_IDS_PER_REQUEST) {
		const chunk = ids.slice(start, start + MAX_IDS_PER_REQUEST);
		const parts = answerParts(await api.call({ action: 'get', ids: chunk.join(',') }, signal));
		if (parts.length === chunk.length) {
			chunk.forEach((id, k) => result.outcomes.set(id, partOutcome(parts[k])));
			continue;
		}
		const outcomes = await Promise.all(chunk.map(async (id) => await singleOutcome(api, id, signal)));
		chunk.forEach((id, k) => {
			result.outcomes.set(id, outcomes[k]);
			result.fetchedIndividually.add(id);
		});
	}
	return result;
}

/** A code about one captcha (not ready, unsolvable, wrong ID ...); account-level codes are not. */
export function isCaptchaCode(code: string): boolean {
	const { category } = classifyCode(code);
	return category === 'notReady' || category === 'fatalTask';
}

/** The '|'-separated parts; a status-0 answer with a captcha code is one such part, other codes throw. */
function answerParts(response: ApiResponse): string[] {
	const text = String(response.request ?? '');
	if (response.status !== 1 && !isCaptchaCode(text)) ensureOk(response);
	return text.split('|');
}

export function partOutcome(part: string): IdOutcome {
	if (part === NOT_READY) return { status: 'notReady' };
	if (isCaptchaCode(part)) return failed(part);
	return { status: 'ready', answer: { request: part, extra: {} } };
}

export async function singleOutcome(api: ResApi, captchaId: string, signal?: AbortSignal): Promise<IdOutcome> {
	const response = await api.call({ action: 'get', id: captchaId }, signal);
	if (isNotReady(response)) return { status: 'notReady' };
	if (response.status === 1) return { status: 'ready', answer: { request: response.request, extra: response.extra } };
	const code = String(response.request ?? '');
	if (!isCaptchaCode(code)) ensureOk(response, captchaId);
	return failed(code);
}

function failed(code: string): IdOutcome {
	const { description } = classifyCode(code);
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
