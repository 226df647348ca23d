import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { failNow, resRequests, SLOW_SOLVES, solveNow, submitTask } from '../helpers/sandboxTasks';

import { reply, startLocalServer } from '../transport/localServer';

const { startSandbox } = require('../sandbox');

describe('Task → Get Results', () => {
	let sandbox: any;
	const run = async (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		await runNode(new TwoCaptcha(), {
			parameters: { resource: 'task', operation: 'getResults', ...parameters },
			credentials: sandboxCredentials(sandbox),
			...extra,
		});

	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 31, ...SLOW_SOLVES });
	});
	afterEach(async () => await sandbox.close());

	it('fetches a comma list in one ids= request: ready, not ready and failed entries, with counts', async () => {
		const [ready, pending, unsolvable] = [await submitTask(sandbox), await submitTask(sandbox), await submitTask(sandbox)];
		solveNow(sandbox, ready, 'TOKEN-A');
		failNow(sandbox, unsolvable);

		const [item] = await run({ captchaIds: `${ready}, ${pending}\n${unsolvable}` });

		expect(resRequests(sandbox)).toEqual([
			{ action: 'get', ids: `${ready},${pending},${unsolvable}`, key: '***', json: '1' },
		]);
		expect(item.json).toEqual({
			captchaIds: [ready, pending, unsolvable],
			results: [
				{ captchaId: ready, ready: true, status: 'ready', solution: 'TOKEN-A', rawAnswer: 'TOKEN-A' },
				{ captchaId: pending, ready: false, status: 'notReady' },
				{
					captchaId: unsolvable,
					ready: false,
					status: 'failed',
					error: 'ERROR_CAPTCHA_UNSOLVABLE',
					errorDescription: expect.any(String),
				},
			],
			allReady: false,
			counts: { ready: 1, notReady: 1, failed: 1 },
		});
	});

	it('never guesses when the answer does not match the IDs asked: a protocol error, or each ID asked alone', async () => {
		const ids = [await submitTask(sandbox), await submitTask(sandbox), await submitTask(sandbox)];
		ids.forEach((id, k) => solveNow(sandbox, id, `T${k}`));
		sandbox.setFaults({ mismatchRate: 1 });

		const seen = new Set<string>();
		for (let round = 0; round < 6; round++) {
			const out = await run({ captchaIds: ids.join(',') }, { continueOnFail: true });
			expect(out).toHaveLength(1);
			expect(out[0].pairedItem).toEqual({ item: 0 });
			const json = out[0].json as Record<string, any>;
			if (json.error !== undefined) {
				// A part missing: which ID lost its answer cannot be known.
				expect(String(json.error)).toMatch(/does not match the IDs asked .*protocol error/);
				seen.add('protocol error');
			} else {
				// A part too many: statuses are placed from the ends, the rest is asked alone; no ID gets another's answer.
				for (const result of json.results) {
					if (result.ready) expect(result.solution).toBe(`T${ids.indexOf(result.captchaId)}`);
				}
				seen.add('results');
			}
		}
		expect(seen.has('protocol error')).toBe(true);
	});

	it('sends the IDs of all items in one request and gives each item its own results', async () => {
		const ids = [await submitTask(sandbox), await submitTask(sandbox), await submitTask(sandbox)];
		ids.forEach((id, k) => solveNow(sandbox, id, `T${k}`));

		const out = await run(
			{ captchaIds: '={{ $json.ids }}' },
			{ items: [{ json: { ids: [ids[0], ids[1]] } }, { json: { ids: ids[2] } }] },
		);

		expect(resRequests(sandbox)).toEqual([{ action: 'get', ids: ids.join(','), key: '***', json: '1' }]);
		expect(out[0].json.results).toMatchObject([{ captchaId: ids[0], solution: 'T0' }, { captchaId: ids[1], solution: 'T1' }]);
		expect(out[1].json.results).toMatchObject([{ captchaId: ids[2], solution: 'T2' }]);
		expect(out[1].json.allReady).toBe(true);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("fetches the IDs one by one when an answer containing '|' makes the combined answer ambiguous", async () => {
		const [a, b] = [await submitTask(sandbox), await submitTask(sandbox)];
		solveNow(sandbox, a, 'token=abc|r=eu-west-1|pkey=X');
		solveNow(sandbox, b, 'PLAIN');

		const [item] = await run({ captchaIds: `${a},${b}` });

		expect(resRequests(sandbox)).toEqual([
			{ action: 'get', ids: `${a},${b}`, key: '***', json: '1' },
			expect.objectContaining({ action: 'get', id: a }),
			expect.objectContaining({ action: 'get', id: b }),
		]);
		expect(item.json.results).toEqual([
			expect.objectContaining({ captchaId: a, status: 'ready', solution: 'token=abc|r=eu-west-1|pkey=X' }),
			expect.objectContaining({ captchaId: b, status: 'ready', solution: 'PLAIN' }),
		]);
		expect(item.json.fetchedIndividually).toEqual([a, b]);
		expect(item.json.note).toMatch(/'\|'/);
	});

	it("never lets an answer fetched alone replace the entry's own fields with its extras", async () => {
		const a = await submitTask(sandbox);
		solveNow(sandbox, a, 'tok|x', { captchaId: '999', ready: false, solution: 'forged', rawAnswer: 'forged', cookies: 'c=1' });

		const [item] = await run({ captchaIds: a });

		expect(item.json.fetchedIndividually).toEqual([a]);
		expect(item.json.results).toEqual([
			{ captchaId: a, ready: true, status: 'ready', solution: 'tok|x', rawAnswer: 'tok|x', cookies: 'c=1' },
		]);
		expect(item.json.counts).toEqual({ ready: 1, notReady: 0, failed: 0 });
	});

	it('decodes JSON object answers from the combined string', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, { captcha_voucher: 'v', existing_token: 't' });

		const [item] = await run({ captchaIds: id, parseAs: 'amazonWaf' });

		expect((item.json.results as any[])[0].solution).toEqual({ captcha_voucher: 'v', existing_token: 't' });
	});

	it('marks a wrong ID as failed and an invalid item as an error of that item only', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'OK-TOKEN');

		const out = await run(
			{ captchaIds: '={{ $json.ids }}' },
			{ items: [{ json: { ids: `${id},123` } }, { json: { ids: 'x1' } }], continueOnFail: true },
		);

		expect(out[0].json.results).toMatchObject([
			{ captchaId: id, status: 'ready' },
			{ captchaId: '123', status: 'failed', error: 'ERROR_WRONG_CAPTCHA_ID' },
		]);
		expect(out[1].json.error).toMatch(/digits only/);
		expect(resRequests(sandbox)).toHaveLength(1);
	});

	describe('against a server whose answers are hostile', () => {
		const answering = async (body: string, parameters: Record<string, unknown>) => {
			const server = await startLocalServer((_req, res) => reply(res, 200, body, 'application/json'));
			try {
				const out = await runNode(new TwoCaptcha(), {
					parameters: { resource: 'task', operation: 'getResults', ...parameters },
					credentials: sandboxCredentials({ url: server.url, apiKey: 'k'.repeat(32) }),
					continueOnFail: true,
				});
				return { json: out[0].json as Record<string, any>, requests: server.requests.length };
			} finally {
				await server.close();
			}
		};

		it.each([
			['{"status":0,"request":"Service unavailable"}', 'Service unavailable'],
			['{"status":0,"request":"error_x"}', 'error_x'],
			['{"status":0,"request":{}}', '{}'],
			['{"status":2,"request":"ERROR_NEW"}', 'ERROR_NEW'],
		])('one ID answered %s is that captcha failed with the raw code, never a solution', async (body, code) => {
			const { json, requests } = await answering(body, { captchaIds: '123' });
			expect(json.results).toEqual([{ captchaId: '123', ready: false, status: 'failed', error: code, errorDescription: expect.any(String) }]);
			expect(requests).toBe(1);
		});

		it.each([
			[{}, ['123']],
			[['tok'], ['123']],
			[['a|b'], ['123', '456']],
		])('%j for the IDs is never stringified into a solution: each ID is asked alone, its answer kept as it came', async (request, ids) => {
			const { json, requests } = await answering(JSON.stringify({ status: 1, request }), { captchaIds: ids.join(',') });
			expect(requests).toBe(1 + ids.length);
			expect(json.results).toHaveLength(ids.length);
			for (const [k, id] of ids.entries()) expect(json.results[k]).toMatchObject({ captchaId: id, ready: true, rawAnswer: request });
		});

		it('a status other than 0 or 1 with an answer as its text is a protocol error of the item', async () => {
			const { json } = await answering('{"status":7,"request":"tok"}', { captchaIds: '123' });
			expect(json.results).toBeUndefined();
			expect(json.error).toMatch(/protocol error/);
		});
	});
});
