import type { IDataObject } from 'n8n-workflow';

import { ACTIVATION_HOOK_DEADLINE_MS } from '../../nodes/TwoCaptchaTrigger/registration';
import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { sandboxCredentials } from '../helpers/executeNode';
import { runHook, type HookMethod } from '../helpers/webhookNode';
import { resRequests } from '../helpers/sandboxTasks';
import { startLocalServer, type LocalServer } from '../transport/localServer';

const { startSandbox } = require('../sandbox');

const SECRET = 'k3Y_9fQ2-xv81LmZ0aPw';
const SCALE = 0.01;

describe('2Captcha Trigger webhookMethods (pingback address registration)', () => {
	let sandbox: any;
	let staticData: IDataObject;
	const hook = async (method: HookMethod, parameters: IDataObject = {}, webhookBaseUrl = 'http://127.0.0.1:5678/webhook') =>
		await runHook(new TwoCaptchaTrigger(), method, {
			parameters: { secret: SECRET, registerAddress: true, ...parameters },
			credentials: sandboxCredentials(sandbox),
			staticData,
			webhookBaseUrl,
		});
	/** What n8n does on activation: checkExists, then create unless it exists. */
	const activate = async (webhookBaseUrl?: string) =>
		(await hook('checkExists', {}, webhookBaseUrl)) || (await hook('create', {}, webhookBaseUrl));
	const actions = () => resRequests(sandbox).map(({ action, addr }) => (addr ? `${action} ${addr}` : action));

	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 61 });
		staticData = {};
	});
	afterEach(async () => await sandbox.close());

	it('registers the webhook host on activation and deletes it on deactivation', async () => {
		await activate();
		const afterActivation = JSON.stringify(staticData);
		await hook('delete');

		expect(actions()).toEqual(['get_pingback', 'add_pingback 127.0.0.1', 'del_pingback 127.0.0.1']);
		expect(afterActivation).toContain('"registeredAddress":"127.0.0.1"');
		expect(JSON.stringify(staticData)).not.toContain('registeredAddress');
	});

	it('finds an address registered before with get_pingback, and leaves it alone on deactivation', async () => {
		await hook('create'); // registered by an earlier activation of another node
		staticData = {};

		expect(await hook('checkExists')).toBe(true);
		await hook('delete');

		expect(actions()).toEqual(['add_pingback 127.0.0.1', 'get_pingback']);
	});

	it('does not call 2Captcha at all without "Register Address"', async () => {
		expect(await hook('checkExists', { registerAddress: false })).toBe(true);
		expect(await hook('delete', { registerAddress: false })).toBe(true);

		expect(actions()).toEqual([]);
	});

	it('refuses to activate with a weak Secret', async () => {
		await expect(hook('checkExists', { secret: 'short', registerAddress: false })).rejects.toThrow(
			/Secret must have at least 16 characters/,
		);
	});

	it('says clearly when 2Captcha refuses the registration because of the IP (ERROR_IP_ADDRES)', async () => {
		const attempt = activate('https://n8n.example.com/webhook');

		await expect(attempt).rejects.toMatchObject({
			message: expect.stringMatching(/ERROR_IP_ADDRES.*n8n\.example\.com.*own IP/),
			description: expect.stringContaining('proxy, NAT or tunnel'),
		});
		expect(staticData).toEqual({});
	});
});

describe('2Captcha Trigger activation when 2Captcha does not answer', () => {
	let server: LocalServer;
	beforeEach(async () => {
		setEngineClock(scaledClock(SCALE));
		// Accepts every request and never answers.
		server = await startLocalServer(() => undefined);
	});
	afterEach(async () => {
		await server.close();
		setEngineClock(realClock);
	});

	it(`ends within ${ACTIVATION_HOOK_DEADLINE_MS / 1000} s with an error saying so, inside n8n's deadline for activating a workflow`, async () => {
		const started = Date.now();
		const check = runHook(new TwoCaptchaTrigger(), 'checkExists', {
			parameters: { secret: SECRET, registerAddress: true },
			credentials: { twoCaptchaSolverApi: { apiKey: 'a'.repeat(32), server: 'custom', customUrl: server.url } },
			staticData: {},
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		});
		await expect(check).rejects.toThrow(/2Captcha did not answer within 30 s while checking the pingback address/);
		// In 2Captcha time (1 s = 1 ms here): the deadline, not three 30 s request timeouts and two retry waits (105 s).
		expect((Date.now() - started) / SCALE / 1000).toBeLessThan(60);
		expect(server.requests.length).toBeGreaterThanOrEqual(1);
	});
});
