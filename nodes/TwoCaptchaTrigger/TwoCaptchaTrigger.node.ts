import type { IDataObject, INodeType, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { AUTO_PARSE } from '../TwoCaptcha/actions/task/solution';
import { SECRET_SEGMENT, triggerDescription } from './description';
import { pingbackItem, pingbackProblem, type PingbackBody } from './pingbackItem';
import { pingbackRegistration } from './registration';
import { secretMatches } from './secret';

/** Receives 2Captcha pingbacks (`id`, `code`) on a URL carrying a secret: the asynchronous half of solving. */
export class TwoCaptchaTrigger implements INodeType {
	description = triggerDescription;

	webhookMethods = { default: pingbackRegistration };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const given = (this.getParamsData() as IDataObject)[SECRET_SEGMENT];
		if (!secretMatches(String(this.getNodeParameter('secret', '') ?? ''), given)) {
			return reject(this, 401, 'Unauthorized');
		}
		const body = (this.getBodyData() ?? {}) as PingbackBody;
		const problem = pingbackProblem(body);
		if (problem) return reject(this, 400, `Not a 2Captcha pingback: ${problem}`);

		const options = this.getNodeParameter('options', {}) as { parseAs?: string };
		const json = pingbackItem(body as { id: string; code: string }, options.parseAs ?? AUTO_PARSE, new Date());
		return { workflowData: [[{ json }]] };
	}
}

/** Answers the request here and starts no execution. */
function reject(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.status(status).send(message).end();
	return { noWebhookResponse: true };
}
