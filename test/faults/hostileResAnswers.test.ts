/**
 * Account, task and pingback actions against a res.php that answers anything: Report Good/Bad count only
 * OK_REPORT_RECORDED as recorded and recognise a status in every spelling the one rule accepts; server texts that
 * reach an output are redacted (API key raw, percent-encoded, JSON-escaped); List Addresses takes only texts; a
 * failed Get Results item names its own captcha IDs.
 */
import type { IDataObject } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { isHostRegistered } from '../../nodes/TwoCaptcha/shared/pingbackAddresses';
import { Secrets } from '../../nodes/TwoCaptcha/transport/redact';
import { ProtocolError } from '../../nodes/TwoCaptcha/transport/errors';
import { runNode } from '../helpers/executeNode';
import { reply, startLocalServer, type LocalServer } from '../transport/localServer';
import { serialize } from './transcript';

const API_KEY = 'k3y/With+Special&Chars=0123456789';
/** The key as a server may echo it: raw, percent-encoded (either case), form-encoded, JSON-escaped (also `\/`). */
const KEY_FORMS = [
	API_KEY,
	encodeURIComponent(API_KEY),
	encodeURIComponent(API_KEY).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
	new URLSearchParams({ v: API_KEY }).toString().slice(2),
	JSON.stringify(API_KEY).slice(1, -1).replace(/\//g, '\\/'),
];
const ECHO = KEY_FORMS.map((form, i) => `f${i}=${form}`).join(' ');

describe('hostile res.php answers to the account, task and pingback actions', () => {
	let server: LocalServer;
	/** What res.php answers: a JSON value (sent as JSON) for the request's form fields. */
	let answer: (fields: Record<string, string>) => unknown;

	beforeAll(async () => {
		server = await startLocalServer((request, res) => {
			const fields = Object.fromEntries(new URLSearchParams(request.body));
			reply(res, 200, JSON.stringify(answer(fields)), 'application/json');
		});
	});
	afterAll(async () => await server.close());

	const run = async (parameters: IDataObject, items: IDataObject[] = [{}]) =>
		await runNode(new TwoCaptcha(), {
			parameters: parameters as never,
			items: items.map((json) => ({ json })),
			credentials: { twoCaptchaSolverApi: { apiKey: API_KEY, server: 'custom', customUrl: server.url } },
			continueOnFail: true,
		});
	const report = async (operation: 'reportGood' | 'reportBad') =>
		(await run({ resource: 'task', operation, captchaId: '4242' }))[0].json;
	const noKey = (value: unknown) => {
		const text = serialize(value, ['node']);
		for (const form of KEY_FORMS) expect(text).not.toContain(form);
	};

	describe('Report Good / Bad', () => {
		it.each([
			['an object', { status: 1, request: {} }],
			['OK', { status: 1, request: 'OK' }],
			['an empty text', { status: 1, request: '' }],
			['a list', { status: 1, request: [1] }],
		])('a status-1 answer other than OK_REPORT_RECORDED (%s) is a protocol error quoting it, never reported', async (_, body) => {
			answer = () => body;
			for (const operation of ['reportGood', 'reportBad'] as const) {
				const json = await report(operation);
				const quoted = body.request === '' ? '(empty body)' : typeof body.request === 'string' ? body.request : JSON.stringify(body.request);
				expect(json).toEqual({ captchaId: '4242', error: `2Captcha answered the report with ${quoted} instead of OK_REPORT_RECORDED` });
			}
		});

		it('counts OK_REPORT_RECORDED, and only it, as recorded', async () => {
			answer = () => ({ status: 1, request: 'OK_REPORT_RECORDED' });
			expect(await report('reportGood')).toEqual({ captchaId: '4242', reported: true, message: 'Reported as correct (OK_REPORT_RECORDED)' });
			answer = () => ({ status: 0, request: 'OK_REPORT_RECORDED' });
			expect(await report('reportBad')).toMatchObject({ code: 'OK_REPORT_RECORDED', category: 'unknown', captchaId: '4242' });
		});

		it.each(['ERROR_DUPLICATE_REPORT', 'ERROR_DUPLICATE_REPORT ', 'ERR_DUPLICATE_REPORT'])(
			'recognises %j in every status the rule accepts as already reported',
			async (code) => {
				for (const status of [0, 1]) {
					answer = () => ({ status, request: code });
					expect(await report('reportBad')).toMatchObject({ captchaId: '4242', reported: true, alreadyReported: true });
				}
			},
		);

		it.each(['ERROR_REPORT_NOT_RECORDED', ' ERROR_REPORT_NOT_RECORDED', 'ERR_REPORT_NOT_RECORDED'])('recognises %j as not recorded', async (code) => {
			answer = () => ({ status: 0, request: code });
			expect(await report('reportBad')).toMatchObject({ captchaId: '4242', reported: false });
		});

		it('never outputs the API key a server echoes', async () => {
			answer = () => ({ status: 1, request: `echo ${ECHO}` });
			const json = await report('reportGood');
			expect(json.error).toMatch(/^2Captcha answered the report with echo f0=\*\*\* f1=\*\*\*/);
			noKey(json);
		});
	});

	describe('Get Results', () => {
		it("redacts a status's text and error_text in failed entries", async () => {
			// One status for both IDs names neither: each is asked alone, and answers its own.
			answer = (fields) =>
				fields.ids ? { status: 0, request: 'ERROR_SHARED' } : { status: 0, request: `ERROR_ECHO_${API_KEY}`, error_text: `bad key ${ECHO}` };
			const [item] = await run({ resource: 'task', operation: 'getResults', captchaIds: '11, 12' });
			const results = item.json.results as IDataObject[];
			expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
			expect(results[0].error).toBe('ERROR_ECHO_***');
			expect(results[0].errorDescription).toMatch(/^bad key f0=\*\*\* f1=\*\*\*/);
			noKey(item.json);
		});

		it('a failed item names its own captcha IDs: an answer that does not match the IDs asked', async () => {
			// Three IDs, two answers: which ID lost its answer cannot be known.
			answer = (fields) => (fields.ids ? { status: 1, request: 'a|b' } : { status: 1, request: 'x' });
			const out = await run({ resource: 'task', operation: 'getResults', captchaIds: '={{ $json.ids }}' }, [{ ids: '21' }, { ids: '22, 23' }]);
			expect(out.map((o) => o.json)).toEqual([
				expect.objectContaining({ error: expect.stringMatching(/does not match the IDs asked/), captchaId: '21' }),
				expect.objectContaining({ error: expect.stringMatching(/does not match the IDs asked/), captchaId: '22, 23' }),
			]);
		});

		it('a failed item names its own captcha IDs: an account-level code met while asking one ID alone', async () => {
			answer = () => ({ status: 0, request: 'ERROR_KEY_DOES_NOT_EXIST' });
			const out = await run({ resource: 'task', operation: 'getResults', captchaIds: '={{ $json.ids }}' }, [{ ids: '31' }, { ids: '32, 33' }]);
			expect(out.map((o) => o.json)).toEqual([
				expect.objectContaining({ code: 'ERROR_KEY_DOES_NOT_EXIST', captchaId: '31' }),
				expect.objectContaining({ code: 'ERROR_KEY_DOES_NOT_EXIST', captchaId: '32, 33' }),
			]);
		});
	});

	describe('Pingback', () => {
		it('never outputs the API key a server echoes in Add / Delete results and listed addresses', async () => {
			answer = (fields) =>
				fields.action === 'get_pingback' ? { status: 1, request: [`a.example.com/${ECHO}`, 'b.example.com'] } : { status: 1, request: { echo: ECHO } };
			const added = await run({ resource: 'pingback', operation: 'addAddress', address: 'a.example.com' });
			const deleted = await run({ resource: 'pingback', operation: 'deleteAddress', scope: 'one', address: 'a.example.com' });
			const [listed] = await run({ resource: 'pingback', operation: 'listAddresses' });
			expect(added[0].json).toMatchObject({ added: true, result: expect.stringContaining('***') });
			expect(deleted[0].json).toMatchObject({ deleted: true, result: expect.stringContaining('***') });
			expect(listed.json.addresses).toEqual([expect.stringMatching(/^a\.example\.com\/f0=\*\*\*/), 'b.example.com']);
			noKey([added, deleted, listed]);
		});

		it.each([
			['entries that are not texts', [{}, null, ['x']]],
			['an object', {}],
			['a number', 5],
		])('List Addresses: %s are a protocol error quoting the answer', async (_, request) => {
			answer = () => ({ status: 1, request });
			const [item] = await run({ resource: 'pingback', operation: 'listAddresses' });
			expect(item.json).toEqual({ error: `get_pingback answered ${JSON.stringify(request)}, not a list of addresses` });
			expect(item.json.addresses).toBeUndefined();
		});

		it.each([[[]], [''], [null]])('List Addresses: no address registered (%j) is an empty list, not an error', async (request) => {
			answer = () => ({ status: 1, request });
			const [item] = await run({ resource: 'pingback', operation: 'listAddresses' });
			expect(item.json).toEqual({ addresses: [] });
		});

		it('a nested ["host"] does not count as registered', async () => {
			const api = { secrets: new Secrets(), call: async () => ({ status: 1, request: [['a.example.com']], extra: {} }) };
			await expect(isHostRegistered(api, 'a.example.com')).rejects.toBeInstanceOf(ProtocolError);
		});

		it('OK_REPORT_RECORDED is no answer to a pingback action', async () => {
			answer = () => ({ status: 1, request: 'OK_REPORT_RECORDED' });
			const [item] = await run({ resource: 'pingback', operation: 'addAddress', address: 'a.example.com' });
			expect(item.json).toMatchObject({ code: 'OK_REPORT_RECORDED', category: 'unknown' });
		});
	});
});
