import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsHelper,
	type INode,
	type INodeType,
	type IRunExecutionData,
} from 'n8n-workflow';

import { TwoCaptchaSolverApi } from '../../credentials/TwoCaptchaSolverApi.credentials';
import { buildAdditionalData } from '../helpers/n8nContext';
import { type LocalServer, reply, startLocalServer } from '../transport/localServer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../sandbox') as {
	startSandbox: (options: object) => Promise<{ url: string; apiKey: string; close(): Promise<void> }>;
};

const credential = new TwoCaptchaSolverApi();
const CREDENTIAL_TYPE = credential.name;

/**
 * Runs the credential's test the way n8n's CredentialsTester does: the request goes through n8n-core's
 * RoutingNode (expressions resolved against $credentials, real HTTP), then the first rule whose key has
 * its value turns the test into an error with that rule's message.
 */
async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: [],
			outputs: [],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credential.test.request } },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: '2Captcha' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	const credentialsHelper: Partial<ICredentialsHelper> = {
		getParentTypes: () => [],
		preAuthentication: async () => undefined,
		authenticate: async (_creds, _type, requestOptions) => requestOptions as never,
	};
	const additionalData = buildAdditionalData({}, { credentialsHelper: credentialsHelper as ICredentialsHelper });
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = { id: 'cred-1', name: '2Captcha', type: CREDENTIAL_TYPE, data };
	const response = await new RoutingNode(context, nodeType, decrypted).runNode();
	const json = response![0][0].json as Record<string, unknown>;
	for (const rule of credential.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && json[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

describe('2Captcha API credential', () => {
	it('is named and shaped as the nodes expect', () => {
		expect(credential.name).toBe('twoCaptchaSolverApi');
		expect(credential.displayName).toBe('2Captcha API');
		expect(credential.properties.map((p) => p.name)).toEqual(['apiKey', 'server', 'customUrl', 'softId']);
		expect(credential.properties[0].typeOptions).toEqual({ password: true });
		expect(credential.properties[1].default).toBe('https://2captcha.com');
		expect(credential.properties[2].displayOptions).toEqual({ show: { server: ['custom'] } });
		expect(credential).not.toHaveProperty('authenticate');
	});

	it('checks every code the test may meet before the catch-all rules', () => {
		const keys = (credential.test.rules ?? []).map((rule) =>
			rule.type === 'responseSuccessBody' ? `${rule.properties.key}=${String(rule.properties.value)}` : rule.type,
		);
		expect(keys).toContain('request=ERROR_WRONG_USER_KEY');
		expect(keys).toContain('request=ERROR: 1004');
		expect(keys.slice(-2)).toEqual(['status=0', 'status=undefined']);
	});

	describe('against the sandbox', () => {
		let sandbox: { url: string; apiKey: string; close(): Promise<void> };
		beforeAll(async () => (sandbox = await startSandbox({ timeScale: 0.001 })));
		afterAll(async () => await sandbox.close());

		const custom = (extra: ICredentialDataDecryptedObject) => ({ server: 'custom', customUrl: sandbox.url, ...extra });

		it('accepts a key with a balance', async () => {
			await expect(testCredential(custom({ apiKey: sandbox.apiKey }))).resolves.toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
		});

		it('calls the selected server when it is not custom', async () => {
			const result = await testCredential({ server: sandbox.url, customUrl: 'http://unused.invalid', apiKey: sandbox.apiKey });
			expect(result.status).toBe('OK');
		});

		it('accepts a custom URL with a trailing slash', async () => {
			const result = await testCredential({ server: 'custom', customUrl: `${sandbox.url}/`, apiKey: sandbox.apiKey });
			expect(result.status).toBe('OK');
		});

		it('rejects a malformed key with ERROR_WRONG_USER_KEY and its meaning', async () => {
			const result = await testCredential(custom({ apiKey: 'short' }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^ERROR_WRONG_USER_KEY: The key parameter is in an incorrect format/);
		});

		it('rejects an unknown key with ERROR_KEY_DOES_NOT_EXIST', async () => {
			const result = await testCredential(custom({ apiKey: '0'.repeat(32) }));
			expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^ERROR_KEY_DOES_NOT_EXIST: /) });
			expect(result.message).not.toContain('0'.repeat(32));
		});
	});

	describe('against a recording server', () => {
		let server: LocalServer;
		let nextReply = '';
		beforeAll(async () => (server = await startLocalServer((_req, res) => reply(res, 200, nextReply, 'text/html'))));
		afterAll(async () => await server.close());

		it('POSTs key, action=getbalance and json=1 as a form body to res.php, no key in the URL', async () => {
			nextReply = '{"status":1,"request":"12.5"}';
			const apiKey = 'c0ffeec0ffeec0ffeec0ffeec0ffee00';
			await expect(testCredential({ server: 'custom', customUrl: server.url, apiKey })).resolves.toMatchObject({ status: 'OK' });
			const request = server.requests[server.requests.length - 1];
			expect(request.method).toBe('POST');
			expect(request.url).toBe('/res.php');
			expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
			expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ key: apiKey, action: 'getbalance', json: '1' });
		});

		it('fails an undocumented error code', async () => {
			nextReply = '{"status":0,"request":"ERROR_SOMETHING_NEW"}';
			const result = await testCredential({ server: 'custom', customUrl: server.url, apiKey: 'k'.repeat(32) });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/does not document/) });
		});

		it('fails a server that does not speak the 2Captcha API', async () => {
			nextReply = '<html><body>Welcome to nginx!</body></html>';
			const result = await testCredential({ server: 'custom', customUrl: server.url, apiKey: 'k'.repeat(32) });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/check the server URL/) });
		});
	});
});
