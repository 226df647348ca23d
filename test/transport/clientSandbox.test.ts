import { TwoCaptchaClient } from '../../nodes/TwoCaptcha/transport/client';
import { closeAllDispatchers } from '../../nodes/TwoCaptcha/transport/dispatchers';
import { TransportError, TwoCaptchaApiError, ensureOk } from '../../nodes/TwoCaptcha/transport/errors';
import { toNodeError } from '../../nodes/TwoCaptcha/transport/nodeErrors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../sandbox') as {
	startSandbox: (options: object) => Promise<{
		url: string;
		apiKey: string;
		log: unknown[];
		setFaults(faults: object): void;
		close(): Promise<void>;
	}>;
};

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('TwoCaptchaClient against the sandbox', () => {
	let sandbox: Sandbox;
	let client: TwoCaptchaClient;
	const outputs: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 0.001 });
		client = new TwoCaptchaClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }, { timeoutMs: 2_000, retryDelayMs: 1 });
	});

	afterAll(async () => {
		await sandbox.close();
		await closeAllDispatchers();
	});

	it('reads the balance', async () => {
		const answer = ensureOk(await client.call('res.php', { action: 'getbalance' }));
		outputs.push(JSON.stringify(answer));
		expect(Number(answer.request)).toBeGreaterThan(0);
	});

	it('submits a captcha and gets its ID', async () => {
		const answer = ensureOk(
			await client.call('in.php', { method: 'turnstile', sitekey: '0x4AAAAAAAC3DHQFLr1GavRN', pageurl: 'https://example.com/login' }),
		);
		outputs.push(JSON.stringify(answer));
		expect(String(answer.request)).toMatch(/^\d+$/);
	});

	it('classifies the answer to a wrong key', async () => {
		const wrong = new TwoCaptchaClient({ apiKey: '0'.repeat(32), baseUrl: sandbox.url });
		const error = await wrong.call('res.php', { action: 'getbalance' }).then(ensureOk).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TwoCaptchaApiError);
		expect(error).toMatchObject({ code: 'ERROR_KEY_DOES_NOT_EXIST', category: 'fatalConfig' });
	});

	it('reports an injected HTML 502 as transient', async () => {
		sandbox.setFaults({ html502Rate: 1 });
		try {
			const error = await client.call('in.php', { method: 'turnstile' }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(TransportError);
			const node = { id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
			const nodeError = toNodeError({ getNode: () => node }, error, 0);
			outputs.push((error as Error).message, nodeError.message, String(nodeError.description));
		} finally {
			sandbox.setFaults({ html502Rate: 0 });
		}
	});

	it('never puts the key in a URL, a logged request or any output', () => {
		const logged = JSON.stringify(sandbox.log);
		expect(sandbox.log.length).toBeGreaterThan(0);
		expect(logged).not.toContain(sandbox.apiKey);
		for (const text of outputs) expect(text).not.toContain(sandbox.apiKey);
	});
});
