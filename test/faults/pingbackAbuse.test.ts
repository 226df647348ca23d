/**
 * Forged, malformed, oversized and replayed pingbacks: each is answered without starting an execution, and a
 * genuine pingback still starts exactly one.
 */
import type { IDataObject } from 'n8n-workflow';

import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { MAX_CODE_CHARS } from '../../nodes/TwoCaptcha/shared/pingbackBody';
import { runWebhook, type FakeRequest } from '../helpers/webhookNode';
import { captureLogs, itLeaksNoSecrets, record } from './transcript';
import { forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';

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
	// Each test is a fresh n8n: no delivery claimed in this process before.
	beforeEach(() => forgetLocalClaims());
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
		forgetLocalClaims(); // n8n restarted: only the static data remembers
		expect(await deliver(withSecret({ id: '70000000000', code: TOKEN }), staticData)).toMatchObject({ executions: 1 });
		expect(await deliver(withSecret({ id: '70000001000', code: TOKEN }), staticData)).toMatchObject({ executions: 0 });
	});

	it('a JSON number id is the id its digits spell: delivered as number then as text, one execution', async () => {
		const staticData: IDataObject = {};
		expect(await deliver(withSecret({ id: Number(ID), code: TOKEN }), staticData)).toMatchObject({ status: 200, executions: 1 });
		expect(await deliver(withSecret({ id: ID, code: TOKEN }), staticData)).toMatchObject({ status: 200, executions: 0 });
		expect((await deliver(withSecret({ id: 71234567892, code: TOKEN }))).items[0].json).toMatchObject({ captchaId: '71234567892' });
	});

	it.each([
		['a number too large to be exact', { id: 12345678901234567890, code: TOKEN }],
		['a fraction', { id: 7123.5, code: TOKEN }],
		['a negative number', { id: -7, code: TOKEN }],
	])('rejects an id that is %s', async (_case, body) => {
		expect(await deliver(withSecret(body))).toMatchObject({ status: 400, executions: 0 });
	});

	it('one captcha id delivered ten times at the same moment starts one execution (regular mode too)', async () => {
		// Each delivery loads the static data before any saves it, as n8n runs concurrent webhook calls.
		const outcomes = await Promise.all(Array.from({ length: 10 }, async () => await deliver(withSecret({ id: ID, code: TOKEN }), {})));
		expect(outcomes.reduce((sum, outcome) => sum + outcome.executions, 0)).toBe(1);
		for (const outcome of outcomes) expect(outcome.status).toBe(200);
	});

	it.each([
		['a right-to-left override', 'order\u202E42'],
		['a zero-width space', 'order\u200B42'],
		['a byte order mark', '\uFEFForder 42'],
		['a line break', 'order\n42'],
	])('rejects a reference holding %s, as every text field does', async (_case, reference) => {
		const outcome = await deliver({ query: { secret: SECRET, reference }, body: { id: ID, code: TOKEN } });
		expect(outcome).toMatchObject({ status: 400, executions: 0 });
	});

	itLeaksNoSecrets([SECRET]);
});
