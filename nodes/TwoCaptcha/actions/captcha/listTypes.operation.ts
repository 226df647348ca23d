/**
 * Captcha → List Captcha Types: every type of the catalogue with its required and optional fields, what each
 * means, and its solution's shape. Free: nothing is sent to 2Captcha. It is what an AI agent calls before Solve
 * Any Captcha, and what a person reads to fill Captcha Parameters.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { captchaMethods } from '../../catalogue';
import { FieldError } from '../../catalogue/toRequest';
import { excerpt } from '../../transport/redact';
import { runPerItem } from '../perItem';
import { describeType, findCaptchaType, typeValues } from './captchaTypes';

export const LIST_TYPES = 'listCaptchaTypes';

export const listTypesProperties: INodeProperties[] = [
	{
		displayName: 'Only These Types',
		name: 'onlyTypes',
		type: 'string',
		default: '',
		placeholder: 'e.g. recaptchaV2, turnstile',
		displayOptions: { show: { resource: ['captcha'], operation: [LIST_TYPES] } },
		description: 'Captcha types to describe, separated by commas; empty lists every type',
	},
];

/** The types a comma-separated text names; every type when it is empty. */
function selectedTypes(text: unknown) {
	const names = (typeof text === 'string' ? text : '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.length === 0) return captchaMethods;
	return names.map((name) => {
		const method = findCaptchaType(name);
		if (!method) throw new FieldError('Only These Types', `"${excerpt(name)}" is not a captcha type; the types are ${typeValues()}`);
		return method;
	});
}

/** One output item per input item: `{ types: [{ type, name, description, required, optional, solution, … }] }`. */
export async function listTypesOperation(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => ({
		types: selectedTypes(this.getNodeParameter('onlyTypes', itemIndex, '')).map(describeType),
	}));
}
