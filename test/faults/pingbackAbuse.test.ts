/**
 * Forged, malformed, oversized and replayed pingbacks: each is answered without starting an execution, and a
 * genuine pingback still starts exactly one.
 */
import type { IDataObject } from 'n8n-workflow';

import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { MAX_CODE_CHARS } from '../../nodes/TwoCaptchaTrigger/pingbackItem';
import { runWebhook, type FakeRequest } from '../helpers/webhookNode';
import { captureLogs, itLeaksNoSecrets, record } from './transcript';

captureLogs();

const SECRET = 'pB7_rTq2-Kx9vLm4ZsWe';
const ID = '71234567890';
const TOKEN = '03AGdBq25SxXT-pmSeBXjzScW';

/** Delivers one request to the trigger; `staticData` persists between deliveries like an active workflow's. */
async function deliver(request: FakeRequest, staticData: IDataObject = {}) {
	const { result, response } = await runWebhook(new TwoCaptchaTrigger(), { parameters: { secret: SECRET }, request, staticData });
	record('pingback response', response);
	const executions = result.workflowData?.[0].length ?? 0;
	return { status: response.status ?? 200, body: response.body, executions, items: result.workflowData?.[0] ?? [] };
}

const withSecret = (body: unknown, secret: unknown = SECRET): FakeRequest => ({ query: { secret } as IDataObject, body: body as IDataObject });

describe('Pingback abuse: rejected without starting an execution, or handled idempotently', () => {
	it.each([
		['no secret parameter', { query: {}, body: { id: ID, code: TOKEN } }],
		['an empty secret', withSecret({ id: ID, code: TOKEN }, '')],
		['a wrong secret', withSecret({ id: ID, code: TOKEN }, 'pB7_rTq2-Kx9vLm4ZsWX')],
		['the secret plus one character', withSecret({ id: ID, code: TOKEN }, `${SECRET}x`)],
		['the secret as an array', withSecret({ id: ID, code: TOKEN }, [SECRET])],
	])('401 for %s', async (_case, request) => {
		expect(await deliver(request as FakeRequest)).toMatchObject({ status: 401, executions: 0 });
	});

	it.each([
		['an empty body', {}, 400],
		['no body at all', undefined, 400],
		['a JSON array body', [{ id: ID, code: TOKEN }], 400],
		['a text body', `id=${ID}&code=${TOKEN}`, 400],
		['no id', { code: TOKEN }, 400],
		['no code', { id: ID }, 400],
		['an id that is not a number', { id: '7123abc', code: TOKEN }, 400],
		['a negative id', { id: '-1', code: TOKEN }, 400],
		['an id given twice (id[]=)', { id: [ID, '71234567891'], code: TOKEN }, 400],
		['an oversized id', { id: '9'.repeat(21), code: TOKEN }, 400],
		['a code that is an object', { id: ID, code: { token: TOKEN } }, 400],
		['an oversized code', { id: ID, code: 'x'.repeat(MAX_CODE_CHARS + 1) }, 413],
	])('rejects %s', async (_case, body, status) => {
		const outcome = await deliver(withSecret(body));
		expect(outcome).toMatchObject({ status, executions: 0 });
		expect(String(outcome.body)).toMatch(/^Not a 2Captcha pingback: /);
	});

	it('accepts a code of the largest allowed size', async () => {
		expect(await deliver(withSecret({ id: ID, code: 'x'.repeat(MAX_CODE_CHARS) }))).toMatchObject({ status: 200, executions: 1 });
	});

	it('starts one execution per captcha id: a replay is acknowledged (200) and starts nothing', async () => {
		const staticData: IDataObject = {};
		const first = await deliver(withSecret({ id: ID, code: TOKEN }), staticData);
		const replay = await deliver(withSecret({ id: ID, code: TOKEN }), staticData);
		const forgedReplay = await deliver(withSecret({ id: ` ${ID} `, code: 'another-answer' }), staticData);
		const next = await deliver(withSecret({ id: '71234567891', code: TOKEN }), staticData);

		expect(first).toMatchObject({ status: 200, executions: 1 });
		expect(first.items[0].json).toMatchObject({ captchaId: ID, solution: TOKEN });
		expect(replay).toMatchObject({ status: 200, body: 'OK', executions: 0 });
		expect(forgedReplay).toMatchObject({ status: 200, executions: 0 });
		expect(next).toMatchObject({ status: 200, executions: 1 });
	});

	it.each([
		['leading zeros', `0${ID}`],
		['many leading zeros', `0000${ID}`],
		['surrounding whitespace', `\t${ID}\n`],
		['a plus sign', `+${ID}`],
		['a plus sign, zeros and spaces', ` +00${ID} `],
	])('another spelling of a delivered id (%s) is the same delivery', async (_case, spelling) => {
		const staticData: IDataObject = {};
		const first = await deliver(withSecret({ id: spelling, code: TOKEN }), staticData);
		expect(first).toMatchObject({ status: 200, executions: 1 });
		expect(first.items[0].json).toMatchObject({ captchaId: ID });
		expect(await deliver(withSecret({ id: ID, code: TOKEN }), staticData)).toMatchObject({ executions: 0 });
		expect(await deliver(withSecret({ id: spelling, code: 'another' }), staticData)).toMatchObject({ executions: 0 });
	});

	it('ids remembered in an older spelling still count as delivered', async () => {
		const staticData: IDataObject = {};
		await deliver(withSecret({ id: '71234567891', code: TOKEN }), staticData);
		const remembered = Object.values(staticData)[0] as { deliveredIds: string[] };
		remembered.deliveredIds.push(`00${ID}`);
		expect(await deliver(withSecret({ id: ID, code: TOKEN }), staticData)).toMatchObject({ executions: 0 });
	});

	it('a rejected request does not use up the id: the genuine pingback after it still starts the execution', async () => {
		const staticData: IDataObject = {};
		await deliver(withSecret({ id: ID, code: TOKEN }, 'wrong-secret-wrong-secret'), staticData);
		await deliver(withSecret({ id: ID, code: { forged: true } }), staticData);

		expect(await deliver(withSecret({ id: ID, code: TOKEN }), staticData)).toMatchObject({ status: 200, executions: 1 });
	});

	it('remembers the last 1000 ids only, so static data stays small', async () => {
		const staticData: IDataObject = {};
		for (let n = 0; n < 1001; n++) await deliver(withSecret({ id: String(70000000000 + n), code: TOKEN }), staticData);
		const remembered = Object.values(staticData)[0] as { deliveredIds: string[] };

		expect(remembered.deliveredIds).toHaveLength(1000);
		expect(await deliver(withSecret({ id: '70000000000', code: TOKEN }), staticData)).toMatchObject({ executions: 1 });
		expect(await deliver(withSecret({ id: '70000001000', code: TOKEN }), staticData)).toMatchObject({ executions: 0 });
	});

	itLeaksNoSecrets([SECRET]);
});
