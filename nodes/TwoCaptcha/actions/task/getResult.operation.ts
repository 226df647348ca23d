import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultHandler } from './fetchResult';
import { captchaIdField, resultParseAsField } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['getResult'] } },
	[captchaIdField, resultParseAsField],
);

/** `res.php action=get&id=`: the answer and its extras; `{captchaId, ready: false}` while it is being solved. */
export const execute = resultHandler('get');
