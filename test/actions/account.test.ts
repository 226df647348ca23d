import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { resRequests } from '../helpers/sandboxTasks';

const { startSandbox } = require('../sandbox');

describe('Account → Get Balance', () => {
	let sandbox: any;
	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 11, balance: 12.5 });
	});
	afterEach(async () => await sandbox.close());

	it('sends action=getbalance and outputs the balance as a number, one item per input item', async () => {
		const out = await runNode(new TwoCaptcha(), {
			parameters: { resource: 'account', operation: 'getBalance' },
			credentials: sandboxCredentials(sandbox),
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
		});

		expect(out).toEqual([
			{ json: { balance: 12.5 }, pairedItem: { item: 0 } },
			{ json: { balance: 12.5 }, pairedItem: { item: 1 } },
		]);
		const requests = resRequests(sandbox);
		expect(requests).toHaveLength(2);
		expect(requests[0]).toEqual({ action: 'getbalance', key: '***', json: '1' });
	});

	it('fails with the API code for a wrong key, and never shows the key', async () => {
		const credentials = sandboxCredentials({ url: sandbox.url, apiKey: 'f'.repeat(32) });
		const run = runNode(new TwoCaptcha(), { parameters: { resource: 'account', operation: 'getBalance' }, credentials });

		await expect(run).rejects.toThrow('ERROR_KEY_DOES_NOT_EXIST');
		await run.catch((error) => expect(JSON.stringify(error)).not.toContain('f'.repeat(32)));
	});

	it('outputs the error with continueOnFail', async () => {
		const credentials = sandboxCredentials({ url: sandbox.url, apiKey: 'f'.repeat(32) });
		const out = await runNode(new TwoCaptcha(), {
			parameters: { resource: 'account', operation: 'getBalance' },
			credentials,
			continueOnFail: true,
		});

		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ code: 'ERROR_KEY_DOES_NOT_EXIST', category: 'fatalConfig' });
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});
});
