import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultHandler } from './fetchResult';
import { captchaIdField, parseAsField } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['getResult'] } },
	[captchaIdField, parseAsField],
);

/** `res.php action=get&id=`: the answer and its extras; `{captchaId, ready: false}` while it is being solved. */
export const execute = resultHandler('get');
