import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { REFERENCE_QUERY_PARAM, referenceProblem } from '../TwoCaptcha/shared/reference';
import { AUTO_PARSE } from '../TwoCaptcha/shared/solution';
import { answerOnly } from '../TwoCaptcha/shared/webhookAnswer';
import { TWO_CAPTCHA_DESCRIPTION, TWO_CAPTCHA_ICON } from '../TwoCaptcha/shared/nodeIdentity';
import { readPingback, type PingbackBody } from '../TwoCaptcha/shared/pingbackBody';
import { isFirstDelivery } from './deliveries';
import { pingbackItem } from './pingbackItem';
import { SECRET_QUERY_PARAM } from '../TwoCaptcha/shared/pingbackSecret';
import { TRIGGER_PANEL, triggerProperties } from './properties';
import { pingbackRegistration } from './registration';
import { secretMatches } from './secret';
import { PINGBACK_PATH_EXPRESSION } from './webhookPath';

/** Receives 2Captcha pingbacks (`id`, `code`) on a URL carrying a secret: the asynchronous half of solving. */
export class TwoCaptchaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '2Captcha Trigger',
		name: 'twoCaptchaTrigger',
		icon: TWO_CAPTCHA_ICON,
		group: ['trigger'],
		version: 1,
		subtitle: 'On captcha answer (pingback)',
		// The editor's Docs link: taken as it is (a codex link gets a tracking query, which would break the fragment).
		documentationUrl: 'https://2captcha.com/2captcha-api#pingback',
		// n8n's node creator shows this on the merged 2Captcha entry (see TWO_CAPTCHA_DESCRIPTION); the trigger's own
		// purpose is in its subtitle and its Pingback URL notice.
		description: TWO_CAPTCHA_DESCRIPTION,
		defaults: { name: '2Captcha Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'twoCaptchaSolverApi',
				required: true,
				displayOptions: { show: { registerAddress: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// <base>/<webhookId>/pingback, unique per trigger; the Secret comes as ?secret=…, so a request without
				// it reaches webhook() and gets a 401. The editor shows the path with ?secret=<your Secret> (see
				// webhookPath.ts), so its Webhook URLs are the Pingback URL to paste.
				path: PINGBACK_PATH_EXPRESSION,
				responseMode: 'onReceived',
				responseData: 'OK',
			},
		],
		triggerPanel: TRIGGER_PANEL,
		properties: triggerProperties,
	};

	webhookMethods = { default: pingbackRegistration };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const given = (this.getQueryData() as IDataObject)[SECRET_QUERY_PARAM];
		if (!secretMatches(String(this.getNodeParameter('secret', '') ?? ''), given)) {
			return answerOnly(this, 401, 'Unauthorized');
		}
		const { pingback, problem } = readPingback((this.getBodyData() ?? {}) as PingbackBody);
		if (problem) return answerOnly(this, problem.tooLarge ? 413 : 400, `Not a 2Captcha pingback: ${problem.reason}`);
		const reference = (this.getQueryData() as IDataObject)[REFERENCE_QUERY_PARAM];
		const badReference = reference === undefined ? undefined : referenceProblem(reference);
		if (badReference) return answerOnly(this, 400, `Not a 2Captcha pingback: reference ${badReference}`);
		const scope = `${this.getWorkflow().id}:${this.getNode().id}`;
		if (!(await isFirstDelivery(this.getWorkflowStaticData('node'), pingback.id, scope))) return answerOnly(this, 200, 'OK');

		const options = this.getNodeParameter('options', {}) as { parseAs?: string };
		const json = pingbackItem(pingback, options.parseAs ?? AUTO_PARSE, new Date(), reference as string | undefined);
		return { workflowData: [[{ json }]] };
	}
}
