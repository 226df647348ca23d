import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../perItem';
import { lazyResApi } from '../../shared/resApi';
import { resultParseAsField, readParseAs, validCaptchaId } from './fields';
import { AMBIGUOUS_NOTE, multiGet, outcomeJson, type MultiGetResult } from './multiGet';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['getResults'] } },
	[
		{
			displayName: 'Captcha IDs',
			name: 'captchaIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 2122988149, 2122988150',
			description:
				"One ID or many, separated by commas, spaces or line breaks (or an expression returning an array). The IDs of all items go out together in one multi-ID request; each item outputs the results of its own IDs. 2Captcha joins the answers with '|', so an answer containing '|' (FunCaptcha tokens, rotate angles ...) makes the combined answer ambiguous: those IDs are then fetched one by one and listed in fetchedIndividually. Combined answers carry no extras such as userAgent: use Get Result for those.",
		},
		resultParseAsField,
	],
);

/** The IDs of one item: a list in a string, or an array from an expression; each checked before any request. */
function readCaptchaIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const value = ctx.getNodeParameter('captchaIds', itemIndex) as unknown;
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	const ids = raw.map((id) => id.trim()).filter((id) => id !== '');
	if (ids.length === 0) validCaptchaId(ctx, '', itemIndex);
	return ids.map((id) => validCaptchaId(ctx, id, itemIndex));
}

function tryReadCaptchaIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	try {
		return readCaptchaIds(ctx, itemIndex);
	} catch {
		return []; // this item fails on its own when it runs
	}
}

/** `res.php action=get&ids=`: the IDs of all items in one request (per 100 IDs), one output item per input item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = lazyResApi(this);
	const allIds = [...new Set(items.flatMap((_, itemIndex) => tryReadCaptchaIds(this, itemIndex)))];
	let batch: Promise<MultiGetResult> | undefined;

	// A failed item (a mismatched answer, an account-level code) reports its own IDs.
	const captchaIdsOf = (itemIndex: number) => readCaptchaIds(this, itemIndex).join(', ');
	return await runPerItem(this, items, async (itemIndex, signal) => {
		const captchaIds = readCaptchaIds(this, itemIndex);
		const parseAs = readParseAs(this, itemIndex);
		batch ??= multiGet(api, allIds, signal);
		const { outcomes, fetchedIndividually } = await batch;
		const results = captchaIds.map((id) => outcomeJson(id, outcomes.get(id)!, parseAs, api.secrets));
		const individually = captchaIds.filter((id) => fetchedIndividually.has(id));
		const json: IDataObject = {
			captchaIds,
			results,
			allReady: results.every((r) => r.status === 'ready'),
			counts: countByStatus(results),
		};
		if (individually.length > 0) Object.assign(json, { fetchedIndividually: individually, note: AMBIGUOUS_NOTE });
		return json;
	}, { captchaIdOf: captchaIdsOf });
}

function countByStatus(results: IDataObject[]): IDataObject {
	const counts: Record<string, number> = { ready: 0, notReady: 0, failed: 0 };
	for (const { status } of results) counts[status as string]++;
	return counts;
}
