import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultHandler } from './fetchResult';
import { captchaIdField, resultParseAsField } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['getResultWithPrice'] } },
	[captchaIdField, resultParseAsField],
);

/** `res.php action=get2&id=`: like Get Result, plus `price` (a number, in the account's currency). */
export const execute = resultHandler('get2');
