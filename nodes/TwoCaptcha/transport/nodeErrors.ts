import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { TransportError, TwoCaptchaApiError } from './errors';
import { redactKnownSecrets } from './redact';

/** What a continueOnFail output item carries instead of a solution. */
export interface ErrorJson {
	error: string;
	code?: string;
	category?: string;
	captchaId?: string;
	[key: string]: string | undefined;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function withCaptchaId(text: string, captchaId: string | undefined): string {
	return captchaId ? `${text} (captcha ID ${captchaId})` : text;
}

/**
 * Wraps any error for n8n: NodeApiError for codes answered by 2Captcha (message = code and
 * description, description = the reference's advice, no HTTP code), NodeOperationError for the rest.
 * Every text is redacted with the API keys this process has seen (see rememberSecret).
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	captchaId?: string,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof TwoCaptchaApiError) {
		const id = captchaId ?? error.captchaId;
		const message = redactKnownSecrets(error.message);
		// A plain object, not the error itself: NodeApiError would read `code` as an HTTP status.
		const response: JsonObject = { message, apiCode: error.code, category: error.category };
		if (id) response.captchaId = id;
		const nodeError = new NodeApiError(node, response, {
			message,
			description: withCaptchaId(redactKnownSecrets(error.advice), id),
			itemIndex,
		});
		nodeError.context.apiCode = error.code;
		nodeError.context.category = error.category;
		if (id) nodeError.context.captchaId = id;
		return nodeError;
	}
	const description =
		error instanceof TransportError
			? 'The 2Captcha server did not answer properly. This is usually temporary: retry later.'
			: undefined;
	const nodeError = new NodeOperationError(node, redactKnownSecrets(messageOf(error)), {
		itemIndex,
		description: description && withCaptchaId(description, captchaId),
	});
	if (captchaId) nodeError.context.captchaId = captchaId;
	return nodeError;
}

/** The JSON of a failed item for continueOnFail outputs; redacted like toNodeError. */
export function errorToJson(
	error: unknown,
	captchaId?: string,
): ErrorJson {
	const json: ErrorJson = { error: redactKnownSecrets(messageOf(error)) };
	if (error instanceof TwoCaptchaApiError) {
		json.code = error.code;
		json.category = error.category;
	} else if (error instanceof TransportError) {
		json.category = error.category;
	}
	const id = captchaId ?? (error instanceof TwoCaptchaApiError ? error.captchaId : undefined);
	if (id) json.captchaId = id;
	return json;
}
