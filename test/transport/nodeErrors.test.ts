import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { TransportError, TwoCaptchaApiError } from '../../nodes/TwoCaptcha/transport/errors';
import { errorToJson, toNodeError } from '../../nodes/TwoCaptcha/transport/nodeErrors';
import { secretsOf } from '../../nodes/TwoCaptcha/transport/redact';

const API_KEY = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const node: INode = {
	id: 'n1',
	name: '2Captcha',
	type: 'n8n-nodes-twocaptcha.twoCaptcha',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** One execution's context: its secrets are its own. */
const scope = { getNode: () => node };
beforeAll(() => secretsOf(scope).add(API_KEY));

describe('toNodeError', () => {
	it('turns an API code into a NodeApiError: code and description, the advice, no HTTP code', () => {
		const error = toNodeError(scope, TwoCaptchaApiError.fromCode('ERROR_ZERO_BALANCE'), 3, '4711');

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe("ERROR_ZERO_BALANCE: You don't have funds on your account.");
		expect(error.description).toBe(
			'Stop sending requests. Deposit funds to your account to continue solving captchas. (captcha ID 4711)',
		);
		expect((error as NodeApiError).httpCode).toBeNull();
		expect(error.context).toMatchObject({ itemIndex: 3, captchaId: '4711', apiCode: 'ERROR_ZERO_BALANCE', category: 'accountSuspended' });
	});

	it("keeps the error's own captcha ID when none is given", () => {
		const error = toNodeError(scope, TwoCaptchaApiError.fromCode('ERROR_CAPTCHA_UNSOLVABLE', '99'), 0);
		expect(error.context.captchaId).toBe('99');
		expect(error.description).toContain('captcha ID 99');
	});

	it('keeps an unknown code verbatim', () => {
		const error = toNodeError(scope, TwoCaptchaApiError.fromCode('ERROR_NEW_THING'), 0);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ERROR_NEW_THING: ERROR_NEW_THING');
		expect(error.context.category).toBe('unknown');
	});

	it('turns a transport error into a NodeOperationError that suggests retrying', () => {
		const error = toNodeError(scope, new TransportError('2captcha.com/res.php sent garbage'), 1, '5');
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('2captcha.com/res.php sent garbage');
		expect(error.description).toMatch(/temporary.*\(captcha ID 5\)$/);
		expect(error.context).toMatchObject({ itemIndex: 1, captchaId: '5' });
	});

	it('wraps anything else in a NodeOperationError', () => {
		expect(toNodeError(scope, 'plain text', 0).message).toBe('plain text');
		expect(toNodeError(scope, new RangeError('bad range'), 0)).toBeInstanceOf(NodeOperationError);
	});

	it('passes n8n errors through untouched', () => {
		const original = new NodeOperationError(node, 'already wrapped');
		expect(toNodeError(scope, original, 0)).toBe(original);
	});

	it('never carries the API key', () => {
		const leaky = new Error(`request to https://x.test/res.php?key=${API_KEY} failed`);
		const error = toNodeError(scope, leaky, 0);
		expect(error.message).toBe('request to https://x.test/res.php?key=*** failed');
		const cause = error.cause as Error | undefined;
		for (const text of [error.message, error.description, error.stack, cause?.message, cause?.stack, JSON.stringify(error)]) {
			expect(text ?? '').not.toContain(API_KEY);
		}
	});
});

describe('errorToJson', () => {
	it('describes an API error for continueOnFail outputs', () => {
		expect(errorToJson(scope, TwoCaptchaApiError.fromCode('ERROR_WRONG_CAPTCHA_ID'), '12')).toEqual({
			error: 'ERROR_WRONG_CAPTCHA_ID: The captcha ID is incorrect.',
			code: 'ERROR_WRONG_CAPTCHA_ID',
			category: 'fatalTask',
			captchaId: '12',
		});
	});

	it('marks transport errors transient', () => {
		expect(errorToJson(scope, new TransportError('timed out'))).toEqual({ error: 'timed out', category: 'transient' });
	});

	it('redacts the key from any message', () => {
		expect(errorToJson(scope, new Error(`bad ${API_KEY}`))).toEqual({ error: 'bad ***' });
	});
});

describe('scoping', () => {
	it("masks only the execution's own secrets", () => {
		const other = { getNode: () => node };
		expect(toNodeError(other, new Error(`bad ${API_KEY}`), 0).message).toBe(`bad ${API_KEY}`);
		expect(errorToJson(other, new Error(`bad ${API_KEY}`))).toEqual({ error: `bad ${API_KEY}` });
	});

	it('redacts the cause chain and stacks of errors that are already node errors', () => {
		const cause = new Error(`proxy login:${API_KEY}@1.2.3.4:80 refused`);
		const original = new NodeOperationError(node, `wrapped ${API_KEY}`, { description: `see ${API_KEY}` });
		(original as { cause?: unknown }).cause = cause;
		const error = toNodeError(scope, original, 0);
		const texts = [error.message, error.description, error.stack, cause.message, cause.stack];
		for (const text of texts) expect(text ?? '').not.toContain(API_KEY);
	});
});
