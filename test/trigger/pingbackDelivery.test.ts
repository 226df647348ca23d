/**
 * The asynchronous pair end to end: the 2Captcha node submits in Submit Only mode with a pingback URL, the
 * sandbox solves and POSTs `id` + `code` to that URL, and a small HTTP front (standing in for n8n's webhook
 * server: query string → query, urlencoded body → body) hands each request to the trigger's webhook().
 */
import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { runWebhook, TEST_WEBHOOK_ID } from '../helpers/webhookNode';
import { startWebhookFront, waitUntil } from '../helpers/webhookFront';
import { forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';

const { startSandbox } = require('../sandbox');

const SECRET = 'Zp4_wq9-Lr2xV7mN0cTe';
const PINGBACK_PATH = `/webhook/${TEST_WEBHOOK_ID}/pingback`;
const waitFor = async (condition: () => boolean) => await waitUntil(condition, 5000);

interface Front {
	url: string;
	items: Array<Record<string, unknown>>;
	statuses: number[];
	close: () => Promise<void>;
}

/** Hands each request to the trigger's webhook() and keeps what it answered and started. */
async function startTriggerFront(): Promise<Front> {
	const items: Front['items'] = [];
	const statuses: number[] = [];
	const server = await startWebhookFront(async (request) => {
		if (request.url.pathname !== PINGBACK_PATH) return { status: 404 };
		const { result, response } = await runWebhook(new TwoCaptchaTrigger(), { parameters: { secret: SECRET }, request: { body: request.body, query: request.query } });
		const status = response.status ?? 200;
		statuses.push(status);
		items.push(...(result.workflowData?.[0] ?? []).map((item) => item.json));
		return { status, body: status === 200 ? 'OK' : String(response.body) };
	});
	return { url: `${server.origin}${PINGBACK_PATH}`, items, statuses, close: server.close };
}

describe('Submit Only + 2Captcha Trigger: pingbacks from the sandbox', () => {
	// Each test is a fresh n8n: no delivery claimed in this process before.
	beforeEach(() => forgetLocalClaims());
	let sandbox: any;
	let front: Front;
	const RECAPTCHA = { operation: 'recaptchaV2', siteKey: '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-' };
	const submit = async (pingbackUrl: string, count: number, captcha: Record<string, string> = RECAPTCHA, items = Array.from({ length: count }, () => ({ json: {} }))) =>
		await runNode(new TwoCaptcha(), {
			parameters: {
				resource: 'captcha',
				pageUrl: 'https://example.com/login',
				mode: 'submitOnly',
				pingbackUrl,
				...captcha,
			},
			credentials: sandboxCredentials(sandbox),
			items,
		});
	const deliveries = () => sandbox.log.filter((entry: any) => entry.endpoint === 'pingback');

	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 71, solveTimes: { '*': { min: 1, max: 5 } } });
		front = await startTriggerFront();
		await runNode(new TwoCaptcha(), {
			parameters: { resource: 'pingback', operation: 'addAddress', address: '127.0.0.1' },
			credentials: sandboxCredentials(sandbox),
		});
	});
	afterEach(async () => {
		await sandbox.close();
		await front.close();
	});

	it('turns every pingback into one trigger item with the captcha ID, code and solution', async () => {
		const submitted = await submit(`${front.url}?secret=${SECRET}`, 3);
		const ids = submitted.map((item) => item.json.captchaId as string);
		expect(submitted.map((item) => item.json.status)).toEqual(['submitted', 'submitted', 'submitted']);

		await waitFor(() => front.items.length === 3);

		const byId = new Map(front.items.map((item) => [item.captchaId, item]));
		expect([...byId.keys()].sort()).toEqual([...ids].sort());
		for (const id of ids) {
			const answer = sandbox.captchas.get(id).answer;
			expect(byId.get(id)).toEqual({ captchaId: id, code: answer, solved: true, solution: answer, receivedAt: expect.any(String) });
		}
		expect(front.statuses).toEqual([200, 200, 200]);
	});

	it('carries each item\'s Reference through the pingback URL to the trigger item, and masks the secret', async () => {
		const orders = ['order 1/ä&x=y', 'B-2', '#3 ?'];
		const submitted = await submit(
			`${front.url}?secret=${SECRET}`,
			3,
			{ ...RECAPTCHA, reference: '={{ $json.order }}' },
			orders.map((order) => ({ json: { order } })),
		);

		expect(submitted.map((item) => item.json.reference)).toEqual(orders);
		for (const item of submitted) {
			expect(JSON.stringify(item.json)).not.toContain(SECRET);
			expect(new URL(item.json.pingbackUrl as string).searchParams.get('secret')).toBe('***');
		}
		await waitFor(() => front.items.length === 3);
		const byId = new Map(front.items.map((item) => [item.captchaId, item.reference]));
		expect(submitted.map((item) => byId.get(item.json.captchaId))).toEqual(orders);
	});

	it('refuses a Reference that is too long or not printable before anything is sent', async () => {
		for (const reference of ['x'.repeat(201), 'line\nbreak']) {
			await expect(submit(`${front.url}?secret=${SECRET}`, 1, { ...RECAPTCHA, reference })).rejects.toThrow(/Reference/);
		}
		expect(sandbox.log.filter((entry: any) => entry.endpoint === 'in.php')).toEqual([]);
	});

	it('delivers object answers (Geetest) as JSON in `code` and parsed in `solution`', async () => {
		const geetest = { operation: 'geetest', gt: '81388ea1fc187e0c335c0a8907ff2625', challenge: '12345678abc90123d45678ef90123a456b' };
		const [submitted] = await submit(`${front.url}?secret=${SECRET}`, 1, geetest);

		await waitFor(() => front.items.length === 1);

		const answer = sandbox.captchas.get(submitted.json.captchaId).answer;
		expect(answer).toEqual(expect.objectContaining({ challenge: expect.any(String), validate: expect.any(String) }));
		expect(front.items[0]).toMatchObject({ code: JSON.stringify(answer), solution: answer });
	});

	it('refuses pingbacks with a wrong secret: 401 and no items', async () => {
		await submit(`${front.url}?secret=not-the-secret-at-all`, 1);

		await waitFor(() => deliveries().length === 1);

		expect(front.items).toEqual([]);
		expect(front.statuses.every((status) => status === 401)).toBe(true);
		expect(deliveries()[0]).toMatchObject({ delivered: false, status: 401 });
	});
});
