import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { AnswerParseError, TransportError, TwoCaptchaApiError } from './errors';
import { redactError, secretsOf, textOf } from './redact';

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

/** The running node and the execution its secrets belong to (`this` of execute, a hook or a webhook). */
export interface ErrorScope {
	getNode(): INode;
}

/**
 * Wraps any error for n8n: NodeApiError for codes answered by 2Captcha (message = code and
 * description, description = the reference's advice, no HTTP code), NodeOperationError for the rest.
 * Every text (message, description, stack, cause chain, context) is redacted with the secrets of
 * this execution (secretsOf(scope)).
 */
export function toNodeError(
	scope: ErrorScope,
	error: unknown,
	itemIndex: number,
	captchaId?: string,
): NodeApiError | NodeOperationError {
	return redactError(nodeErrorOf(scope.getNode(), error, itemIndex, captchaId), secretsOf(scope));
}

function nodeErrorOf(node: INode, error: unknown, itemIndex: number, captchaId?: string): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof TwoCaptchaApiError) {
		const id = captchaId ?? error.captchaId;
		const message = error.message;
		// A plain object, not the error itself: NodeApiError would read `code` as an HTTP status.
		const response: JsonObject = { message, apiCode: error.code, category: error.category };
		if (id) response.captchaId = id;
		const nodeError = new NodeApiError(node, response, {
			message,
			description: withCaptchaId(error.advice, id),
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
			: error instanceof AnswerParseError
				? `The answer as received (the captcha was paid): ${textOf(error.raw)}`
				: undefined;
	const nodeError = new NodeOperationError(node, messageOf(error), {
		itemIndex,
		description: description && withCaptchaId(description, captchaId),
	});
	if (captchaId) nodeError.context.captchaId = captchaId;
	if (error instanceof AnswerParseError) nodeError.context.rawAnswer = error.raw as JsonObject;
	return nodeError;
}

/** The JSON of a failed item for continueOnFail outputs; redacted like toNodeError. */
export function errorToJson(
	scope: object,
	error: unknown,
	captchaId?: string,
): ErrorJson {
	const json: ErrorJson = { error: secretsOf(scope).redact(messageOf(error)) };
	if (error instanceof TwoCaptchaApiError) {
		json.code = error.code;
		json.category = error.category;
	} else if (error instanceof TransportError) {
		json.category = error.category;
	}
	const id = captchaId ?? (error instanceof TwoCaptchaApiError ? error.captchaId : undefined);
	if (id) json.captchaId = id;
	for (const [key, value] of Object.entries(json)) if (value !== undefined) json[key] = secretsOf(scope).redact(value);
	return json;
}
