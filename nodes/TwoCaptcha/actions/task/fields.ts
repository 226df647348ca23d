import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { canonicalCaptchaId } from '../../transport/captchaId';
import { excerpt } from '../../transport/redact';
import { isParseAs, parseAsField } from '../../shared/solution';

export const captchaIdField: INodeProperties = {
	displayName: 'Captcha ID',
	name: 'captchaId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2122988149',
	description: 'The ID 2Captcha returned when the captcha was submitted (e.g. by Submit Only)',
};

export const resultParseAsField = parseAsField('How to turn the answer into `solution`. The unparsed answer is always kept in `rawAnswer`.');

const NOTHING_SENT = 'Nothing was sent to 2Captcha for this item.';

/** 2Captcha IDs are digits only (canonicalCaptchaId); anything else would only earn ERROR_WRONG_ID_FORMAT. */
export function validCaptchaId(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const id = canonicalCaptchaId(value);
	if (id === undefined) {
		const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
		const shown = typeof value === 'string' || typeof value === 'number' ? (text === '' ? 'empty' : `"${excerpt(text, [], 40)}"`) : `not text (${Array.isArray(value) ? 'a list' : typeof value})`;
		throw new NodeOperationError(ctx.getNode(), `Captcha ID is ${shown}: 2Captcha IDs contain at most 20 digits only`, {
			itemIndex,
			description: NOTHING_SENT,
		});
	}
	return id;
}

/** The item's Captcha ID parameter, validated. */
export function readCaptchaId(ctx: IExecuteFunctions, itemIndex: number): string {
	return validCaptchaId(ctx, ctx.getNodeParameter('captchaId', itemIndex), itemIndex);
}

/** The raw Captcha ID parameter, to name the captcha in an error even when it is not valid. */
export function captchaIdParameter(ctx: IExecuteFunctions) {
	return (itemIndex: number): string | undefined => {
		const value: unknown = ctx.getNodeParameter('captchaId', itemIndex, '');
		const id = canonicalCaptchaId(value) ?? (typeof value === 'string' ? value.trim() : '');
		return id ? excerpt(id, [], 40) : undefined;
	};
}

/** The item's "Parse As", one of its listed values (an expression can yield anything), checked before any request. */
export function readParseAs(ctx: IExecuteFunctions, itemIndex: number): string {
	const value: unknown = ctx.getNodeParameter('parseAs', itemIndex);
	if (!isParseAs(value)) {
		const shown = typeof value === 'string' ? `"${excerpt(value, [], 40)}"` : typeof value;
		throw new NodeOperationError(ctx.getNode(), `Parse As: ${shown} is not a captcha type of the list`, {
			itemIndex,
			description: NOTHING_SENT,
		});
	}
	return value;
}
