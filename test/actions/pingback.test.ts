import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { resRequests } from '../helpers/sandboxTasks';

const { startSandbox } = require('../sandbox');

describe('Pingback → Add / List / Delete Address', () => {
	let sandbox: any;
	const run = async (operation: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
		await runNode(new TwoCaptcha(), {
			parameters: { resource: 'pingback', operation, ...parameters },
			credentials: sandboxCredentials(sandbox),
			...extra,
		});
	const list = async () => (await run('listAddresses'))[0].json.addresses;

	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 51 });
	});
	afterEach(async () => await sandbox.close());

	it('adds, lists and deletes one address, sending add_pingback / get_pingback / del_pingback', async () => {
		const [added] = await run('addAddress', { address: 'http://127.0.0.1:5678/webhook/' });
		expect(added.json).toEqual({ address: 'http://127.0.0.1:5678/webhook/', added: true, result: 'OK' });
		expect(await list()).toEqual(['http://127.0.0.1:5678/webhook/']);

		const [deleted] = await run('deleteAddress', { address: '127.0.0.1' });
		expect(deleted.json).toEqual({ address: '127.0.0.1', deleted: true, result: 'OK' });
		expect(await list()).toEqual([]);

		expect(resRequests(sandbox).map(({ action, addr }) => [action, addr])).toEqual([
			['add_pingback', 'http://127.0.0.1:5678/webhook/'],
			['get_pingback', undefined],
			['del_pingback', '127.0.0.1'],
			['get_pingback', undefined],
		]);
	});

	it('deletes every address with "All Addresses" (addr=all)', async () => {
		await run('addAddress', { address: '127.0.0.1' });
		await run('addAddress', { address: 'localhost' });
		expect(await list()).toHaveLength(2);

		const [deleted] = await run('deleteAddress', { scope: 'all' });

		expect(deleted.json).toEqual({ address: 'all', deleted: true, result: 'OK' });
		expect(resRequests(sandbox).find((p) => p.action === 'del_pingback')).toMatchObject({ addr: 'all' });
		expect(await list()).toEqual([]);
	});

	it('explains ERROR_IP_ADDRES: the address must be registered from its own IP', async () => {
		const attempt = run('addAddress', { address: 'n8n.example.com' });

		await expect(attempt).rejects.toMatchObject({
			message: expect.stringMatching(/ERROR_IP_ADDRES.*n8n\.example\.com.*own IP/),
			description: expect.stringContaining('2captcha.com/setting/pingback'),
		});
	});

	it('rejects an address that is not a host before sending anything', async () => {
		const out = await run('addAddress', { address: 'http://' }, { continueOnFail: true });

		expect(out[0].json.error).toMatch(/not a domain, IP address or URL/);
		expect(resRequests(sandbox)).toEqual([]);
	});
});
