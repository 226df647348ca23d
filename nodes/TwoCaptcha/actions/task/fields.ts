import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AUTO_PARSE, parseAsOptions } from '../../shared/solution';

export const captchaIdField: INodeProperties = {
	displayName: 'Captcha ID',
	name: 'captchaId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2122988149',
	description: 'The ID 2Captcha returned when the captcha was submitted (e.g. by Submit Only)',
};

export const parseAsField: INodeProperties = {
	displayName: 'Parse As',
	name: 'parseAs',
	type: 'options',
	default: AUTO_PARSE,
	options: parseAsOptions(),
	description: 'How to turn the answer into `solution`. The unparsed answer is always kept in `rawAnswer`.',
};

const NOTHING_SENT = 'Nothing was sent to 2Captcha for this item.';

/** 2Captcha IDs are digits only; anything else would only earn ERROR_WRONG_ID_FORMAT. */
export function validCaptchaId(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const id = String(value ?? '').trim();
	if (!/^\d+$/.test(id)) {
		const shown = id === '' ? 'empty' : `"${id}"`;
		throw new NodeOperationError(ctx.getNode(), `Captcha ID is ${shown}: 2Captcha IDs contain digits only`, {
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
		const id = String(ctx.getNodeParameter('captchaId', itemIndex, '') ?? '').trim();
		return id || undefined;
	};
}
