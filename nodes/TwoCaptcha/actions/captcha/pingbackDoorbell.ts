import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { pingbackProblem, type PingbackBody } from '../../../TwoCaptchaTrigger/pingbackItem';
import { lazyResApi } from '../../shared/resApi';
import { answeredItems, awaitingItems, collectAnswers, FETCH_ALONE_KEY, operationMethod } from './waitForPingback';

/**
 * webhook() of Wait for Pingback: a pingback for one of this execution's captchas rings the doorbell. ONE
 * multi-ID res.php request (through the key's rate limiter) asks about all of them; the execution resumes, with
 * one item per input item, only when none is pending. Anything else is acknowledged and changes nothing: n8n
 * keeps no state of a call that does not resume. Never throws (a throw would end the execution as an error).
 */
export async function pingbackDoorbell(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		const body = (this.getBodyData() ?? {}) as PingbackBody;
		if (pingbackProblem(body)) return answerOnly(this, 400, 'Not a 2Captcha pingback');
		const method = operationMethod(this.getNodeParameter('operation', ''), (name) => this.getNodeParameter(name, undefined));
		if (!method) return answerOnly(this, 200, 'OK');
		const items = this.evaluateExpression('{{ $input.all() }}') as unknown as INodeExecutionData[];
		if (!Array.isArray(items)) return answerOnly(this, 200, 'OK');
		const fetchAlone = this.customData.get(FETCH_ALONE_KEY);
		const awaiting = awaitingItems(items, method, fetchAlone);
		const pingedId = String(body.id).trim();
		// Not one of this execution's captchas: no request.
		if (!awaiting.some((a) => a.captchaId === pingedId)) return answerOnly(this, 200, 'OK');

		const outcomes = await collectAnswers(lazyResApi(this), awaiting);
		if (!outcomes) return answerOnly(this, 200, 'OK');
		const settings = (this.getNodeParameter('solverSettings', {}) ?? {}) as IDataObject;
		return { workflowData: [answeredItems(this, method, items, awaiting, outcomes, settings.includeRawAnswer === true)] };
	} catch {
		// A failed check (network, rate limit) keeps the execution waiting: a later pingback or the deadline resumes it.
		return answerOnly(this, 200, 'OK');
	}
}

/** Answers the caller here; the execution keeps waiting. */
function answerOnly(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	try {
		ctx.getResponseObject().status(status).send(message).end();
	} catch {
		// the caller hung up: nothing to answer, and webhook() must never throw
	}
	return { noWebhookResponse: true };
}
