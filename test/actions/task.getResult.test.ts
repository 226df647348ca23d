import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { failNow, resRequests, SLOW_SOLVES, solveNow, submitTask } from '../helpers/sandboxTasks';

const { startSandbox } = require('../sandbox');

describe('Task → Get Result / Get Result with Price', () => {
	let sandbox: any;
	const run = async (operation: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		await runNode(new TwoCaptcha(), {
			parameters: { resource: 'task', operation, ...parameters },
			credentials: sandboxCredentials(sandbox),
			...extra,
		});

	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 21, ...SLOW_SOLVES });
	});
	afterEach(async () => await sandbox.close());

	it('sends action=get&id= and outputs the answer, its extras and captchaId', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'TOKEN-123', { useragent: 'Mozilla/5.0 test' });

		const [item] = await run('getResult', { captchaId: id });

		expect(resRequests(sandbox)).toEqual([{ action: 'get', id, key: '***', json: '1' }]);
		expect(item.json).toEqual({
			captchaId: id,
			ready: true,
			solution: 'TOKEN-123',
			useragent: 'Mozilla/5.0 test',
			rawAnswer: 'TOKEN-123',
		});
	});

	it("never lets the answer's extra fields replace the node's own (captchaId, ready, solution, rawAnswer, price)", async () => {
		const id = await submitTask(sandbox);
		const forged = { captchaId: '999', ready: false, solution: 'forged', rawAnswer: 'forged', useragent: 'UA-1' };
		solveNow(sandbox, id, 'tok', forged);

		const [item] = await run('getResult', { captchaId: id });
		const [priced] = await run('getResultWithPrice', { captchaId: id });

		expect(item.json).toEqual({ captchaId: id, ready: true, solution: 'tok', rawAnswer: 'tok', useragent: 'UA-1' });
		expect(priced.json).toMatchObject({ captchaId: id, ready: true, solution: 'tok', rawAnswer: 'tok', useragent: 'UA-1' });
		expect(typeof priced.json.price).toBe('number');
	});

	it('outputs ready: false while the captcha is not solved, without failing', async () => {
		const id = await submitTask(sandbox);

		const out = await run('getResult', { captchaId: id });

		expect(out).toEqual([{ json: { captchaId: id, ready: false }, pairedItem: { item: 0 } }]);
	});

	it('parses JSON answers by default and with a chosen captcha type', async () => {
		const id = await submitTask(sandbox);
		const geetest = { challenge: 'c1', validate: 'v1', seccode: 's1|jordan' };
		solveNow(sandbox, id, geetest);

		const [auto] = await run('getResult', { captchaId: id });
		const [asGeetest] = await run('getResult', { captchaId: id, parseAs: 'geetest' });

		expect(auto.json.solution).toEqual(geetest);
		expect(asGeetest.json.solution).toEqual(geetest);
	});

	it('parses click answers in Auto mode', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'coordinates:x=39,y=59;x=252,y=72');

		const [item] = await run('getResult', { captchaId: id });

		expect(item.json.solution).toEqual([
			{ x: 39, y: 59 },
			{ x: 252, y: 72 },
		]);
		expect(item.json.rawAnswer).toBe('coordinates:x=39,y=59;x=252,y=72');
	});

	it('fails an unsolvable captcha with its code and captcha ID; continueOnFail keeps the ID in the item', async () => {
		const id = await submitTask(sandbox);
		failNow(sandbox, id);

		await expect(run('getResult', { captchaId: id })).rejects.toMatchObject({
			message: expect.stringContaining('ERROR_CAPTCHA_UNSOLVABLE'),
			context: expect.objectContaining({ captchaId: id }),
		});
		const [item] = await run('getResult', { captchaId: id }, { continueOnFail: true });
		expect(item.json).toMatchObject({ code: 'ERROR_CAPTCHA_UNSOLVABLE', captchaId: id });
	});

	it('rejects an ID that is not digits before sending anything', async () => {
		const out = await run('getResult', { captchaId: '12ab' }, { continueOnFail: true });

		expect(out[0].json).toMatchObject({ error: expect.stringContaining('digits only'), captchaId: '12ab' });
		expect(resRequests(sandbox)).toEqual([]);
	});

	it('runs each item with its own ID, outputs in input order', async () => {
		const ids = [await submitTask(sandbox), await submitTask(sandbox), await submitTask(sandbox)];
		solveNow(sandbox, ids[0], 'A');
		solveNow(sandbox, ids[2], 'C');

		const out = await run('getResult', { captchaId: '={{ $json.id }}' }, { items: ids.map((id) => ({ json: { id } })) });

		expect(out.map((item) => [item.json.captchaId, item.json.ready, item.json.solution])).toEqual([
			[ids[0], true, 'A'],
			[ids[1], false, undefined],
			[ids[2], true, 'C'],
		]);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('Get Result with Price sends action=get2 and outputs the price as a number', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'TOKEN-9');

		const [item] = await run('getResultWithPrice', { captchaId: id });

		expect(resRequests(sandbox)).toEqual([{ action: 'get2', id, key: '***', json: '1' }]);
		expect(item.json).toEqual({
			captchaId: id,
			ready: true,
			solution: 'TOKEN-9',
			rawAnswer: 'TOKEN-9',
			price: sandbox.captchas.get(id).price,
		});
		expect(typeof item.json.price).toBe('number');
	});
});
