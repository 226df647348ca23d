import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { runWebhook, type FakeRequest } from '../helpers/webhookNode';
import { forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';

const SECRET = 'k3Y_9fQ2-xv81LmZ0aPw';

const receive = async (request: FakeRequest, parameters: Record<string, unknown> = {}) =>
	await runWebhook(new TwoCaptchaTrigger(), { parameters: { secret: SECRET, ...parameters }, request });

const pingback = (code: string, id = '71234567890') => ({ query: { secret: SECRET }, body: { id, code } });

const itemsOf = (result: { workflowData?: Array<Array<{ json: unknown }>> }) =>
	result.workflowData?.[0].map((item) => item.json);

describe('2Captcha Trigger webhook()', () => {
	// Each test is a fresh n8n: no delivery claimed in this process before.
	beforeEach(() => forgetLocalClaims());
	it('outputs captchaId, the raw code, the solution and the receipt time', async () => {
		const before = Date.now();
		const { result, response } = await receive(pingback('03AGdBq25SxXT-pmSeBXjzScW'));

		expect(itemsOf(result)).toEqual([
			{
				captchaId: '71234567890',
				code: '03AGdBq25SxXT-pmSeBXjzScW',
				solved: true,
				solution: '03AGdBq25SxXT-pmSeBXjzScW',
				receivedAt: expect.any(String),
			},
		]);
		const receivedAt = Date.parse((itemsOf(result)![0] as { receivedAt: string }).receivedAt);
		expect(receivedAt).toBeGreaterThanOrEqual(before - 1);
		expect(response.status).toBeUndefined(); // n8n answers with the webhook's responseData ('OK')
	});

	it.each([
		['missing', {}],
		['wrong', { secret: 'k3Y_9fQ2-xv81LmZ0aPX' }],
		['a prefix of it', { secret: SECRET.slice(0, 10) }],
	])('answers 401 and starts nothing when the secret is %s', async (_case, params) => {
		const { result, response } = await receive({ query: params, body: { id: '1', code: 'x' } });

		expect(response).toEqual({ status: 401, body: 'Unauthorized', ended: true });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('accepts nothing while no Secret is configured', async () => {
		const { result, response } = await receive({ query: { secret: '' }, body: { id: '1', code: 'x' } }, { secret: '' });

		expect(response.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('outputs the Reference from the pingback URL next to the answer', async () => {
		const { result } = await receive({ query: { secret: SECRET, reference: 'order 42/ä' }, body: { id: '71234567890', code: 'tok' } });

		expect(itemsOf(result)).toEqual([expect.objectContaining({ captchaId: '71234567890', reference: 'order 42/ä', solution: 'tok' })]);
	});

	it.each([
		['too long', 'x'.repeat(201)],
		['not printable', 'a\u0000b'],
		['repeated', ['a', 'b']],
	])('answers 400 to a Reference that is %s', async (_case, reference) => {
		const { result, response } = await receive({ query: { secret: SECRET, reference }, body: { id: '71234567890', code: 'tok' } });

		expect(response.status).toBe(400);
		expect(response.body).toMatch(/reference/);
		expect(result.workflowData).toBeUndefined();
	});

	it('in n8n queue mode, starts one execution for a pingback delivered twice at once (each call with its own static data)', async () => {
		const queueEnv = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_PREFIX: `twocaptcha-test-${Date.now()}` };
		const saved = { ...process.env };
		Object.assign(process.env, queueEnv);
		try {
			const id = String(Date.now());
			const results = await Promise.all([0, 1, 2].map(async () => (await receive(pingback('tok', id))).result));
			expect(results.filter((result) => result.workflowData)).toHaveLength(1);
		} finally {
			for (const name of Object.keys(queueEnv)) if (!(name in saved)) delete process.env[name];
			const { RedisConnection } = await import('../../nodes/TwoCaptcha/engine/redisConnection');
			const redis = new RedisConnection({ host: '127.0.0.1', port: 6379, db: 0, tls: false });
			const keys = (await redis.call('KEYS', `${queueEnv.QUEUE_BULL_PREFIX}*`)) as string[];
			if (keys.length) await redis.call('DEL', ...keys);
			redis.close();
		}
	});

	it('answers 400 to a body that is not a pingback', async () => {
		const { result, response } = await receive({ query: { secret: SECRET }, body: { code: 'x' } });

		expect(response.status).toBe(400);
		expect(response.body).toMatch(/id is missing/);
		expect(result.workflowData).toBeUndefined();
	});

	it('parses JSON answers and click answers', async () => {
		const geetest = { challenge: 'c', validate: 'v', seccode: 's' };
		const json = await receive(pingback(JSON.stringify(geetest)));
		const clicks = await receive(pingback('click:3/8/9', '71234567891'));

		expect(itemsOf(json.result)![0]).toMatchObject({ code: JSON.stringify(geetest), solution: geetest });
		expect(itemsOf(clicks.result)![0]).toMatchObject({ code: 'click:3/8/9', solution: [3, 8, 9] });
	});

	it('parses with the chosen type, and keeps the raw code when it does not fit', async () => {
		const options = { options: { parseAs: 'coordinates' } };
		const fits = await receive(pingback('coordinates:x=1,y=2'), options);
		const doesNot = await receive(pingback('not-coordinates', '71234567891'), options);

		expect(itemsOf(fits.result)![0]).toMatchObject({ solution: [{ x: 1, y: 2 }], noMatchingImages: false });
		expect(itemsOf(doesNot.result)![0]).toMatchObject({
			solved: true,
			solution: 'not-coordinates',
			parseError: expect.stringContaining('Coordinates answer'),
		});
	});

	it.each([
		['a code the catalogue does not list', 'ERROR_SOMETHING_NEW'],
		['a numbered code', 'ERROR: 1234'],
		['the reference\'s other spelling', 'ERR_PROXY_CONNECTION_FAILED'],
		['not ready', 'CAPCHA_NOT_READY'],
	])('a status is never a solution: %s gives solved: false with its raw text', async (_case, code) => {
		const { result } = await receive(pingback(code));
		const item = itemsOf(result)![0] as Record<string, unknown>;
		expect(item).toMatchObject({ captchaId: '71234567890', solved: false, error: code, code });
		expect(item.solution).toBeUndefined();
	});

	it('reports an unsolvable captcha as solved: false with the code', async () => {
		const { result } = await receive(pingback('ERROR_CAPTCHA_UNSOLVABLE'));

		expect(itemsOf(result)![0]).toMatchObject({
			captchaId: '71234567890',
			solved: false,
			error: 'ERROR_CAPTCHA_UNSOLVABLE',
			code: 'ERROR_CAPTCHA_UNSOLVABLE',
		});
	});
});
