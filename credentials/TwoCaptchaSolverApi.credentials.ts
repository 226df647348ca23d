import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { ERROR_CODES } from '../nodes/TwoCaptcha/transport/errorCatalogue';

/**
 * The API answers errors with HTTP 200, so the test judges the body. n8n applies the first rule
 * whose `key` has `value` and shows its (static) message: one rule per known code names the code
 * the server sent; the last two catch unknown codes and answers that are not 2Captcha's at all.
 */
const testRules: IAuthenticateRuleResponseSuccessBody[] = [
	...ERROR_CODES.filter((spec) => spec.category !== 'notReady').map((spec) => ({
		type: 'responseSuccessBody' as const,
		properties: {
			key: 'request',
			value: spec.code,
			message: `${spec.code}: ${spec.description} ${spec.advice}`,
		},
	})),
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'status',
			value: 0,
			message: 'The server rejected the request with an error code that 2Captcha does not document',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'status',
			value: undefined,
			message: 'The server did not answer like the 2Captcha API: check the server URL',
		},
	},
];

export class TwoCaptchaSolverApi implements ICredentialType {
	name = 'twoCaptchaSolverApi';

	displayName = '2Captcha API';

	icon = 'file:twoCaptcha.svg' as const;

	documentationUrl = 'https://2captcha.com/2captcha-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The 32-character API key from your 2Captcha account settings',
		},
		{
			displayName: 'Server',
			name: 'server',
			type: 'options',
			options: [
				{ name: '2captcha.com', value: 'https://2captcha.com' },
				{ name: 'Custom URL', value: 'custom' },
				{ name: 'rucaptcha.com', value: 'https://rucaptcha.com' },
			],
			default: 'https://2captcha.com',
			description: 'Where to send requests: 2Captcha, RuCaptcha, or any 2Captcha-compatible service',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://captcha.example.com',
			description: 'Base URL of a 2Captcha-compatible service; in.php and res.php are appended to it',
			displayOptions: { show: { server: ['custom'] } },
		},
		{
			displayName: 'Soft ID',
			name: 'softId',
			type: 'string',
			default: '',
			description: 'Optional developer soft_id sent with every captcha submission',
		},
	];

	// POST with the key in the body: the key never appears in a URL, so no `authenticate` block.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.server === "custom" ? $credentials.customUrl.replace(/\\/+$/, "") : $credentials.server}}/res.php',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {
				key: '={{$credentials.apiKey}}',
				action: 'getbalance',
				json: 1,
			},
			json: true,
		},
		rules: testRules,
	};
}
