import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { captchaIdField } from './fields';
import { reportHandler } from './report';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['reportBad'] } },
	[
		{
			displayName:
				'Report Bad only answers the target site rejected: 2Captcha rechecks them and refunds wrong ones, and blocks reporting for accounts that report correct answers',
			name: 'reportBadNotice',
			type: 'notice',
			default: '',
		},
		captchaIdField,
	],
);

/** `res.php action=reportbad`: the answer was rejected by the target site; a wrong answer is refunded. */
export const execute = reportHandler('reportbad');
