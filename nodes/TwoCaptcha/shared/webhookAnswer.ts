import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Answers the caller of a webhook here, starting or resuming nothing: the trigger's refusals and acknowledgements,
 * and Wait for Pingback's doorbell while the execution keeps waiting. Never throws (a caller that hung up has
 * nothing to answer; a doorbell's throw would end its execution as an error).
 */
export function answerOnly(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	try {
		ctx.getResponseObject().status(status).send(message).end();
	} catch {
		// the caller hung up: nothing to answer
	}
	return { noWebhookResponse: true };
}
