import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { captchaIdField } from './fields';
import { reportHandler } from './report';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['reportGood'] } },
	[captchaIdField],
);

/** `res.php action=reportgood`: the answer was accepted by the target site. */
export const execute = reportHandler('reportgood');
