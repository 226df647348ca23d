import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { resRequests, SLOW_SOLVES, solveNow, submitTask } from '../helpers/sandboxTasks';

const { startSandbox } = require('../sandbox');

describe('Task → Report Good / Report Bad', () => {
	let sandbox: any;
	const report = async (operation: 'reportGood' | 'reportBad', captchaId: string, extra: Record<string, unknown> = {}) =>
		await runNode(new TwoCaptcha(), {
			parameters: { resource: 'task', operation, captchaId },
			credentials: sandboxCredentials(sandbox),
			...extra,
		});

	beforeEach(async () => {
		sandbox = await startSandbox({ timeScale: 0.001, seed: 41, ...SLOW_SOLVES });
	});
	afterEach(async () => await sandbox.close());

	it('Report Good sends action=reportgood and outputs reported: true', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'TOKEN');

		const [item] = await report('reportGood', id);

		expect(resRequests(sandbox)).toEqual([{ action: 'reportgood', id, key: '***', json: '1' }]);
		expect(item.json).toEqual({ captchaId: id, reported: true, message: expect.stringContaining('correct') });
		expect(sandbox.captchas.get(id).report).toBe('good');
	});

	it('Report Bad sends action=reportbad, which refunds the captcha', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'TOKEN');
		await runNode(new TwoCaptcha(), {
			parameters: { resource: 'task', operation: 'getResult', captchaId: id },
			credentials: sandboxCredentials(sandbox),
		});
		const charged = sandbox.balance(sandbox.apiKey);

		const [item] = await report('reportBad', id);

		expect(resRequests(sandbox).at(-1)).toEqual({ action: 'reportbad', id, key: '***', json: '1' });
		expect(item.json).toMatchObject({ captchaId: id, reported: true, message: expect.stringContaining('incorrect') });
		expect(sandbox.balance(sandbox.apiKey)).toBeGreaterThan(charged);
	});

	it('a second report counts as already reported (ERROR_DUPLICATE_REPORT)', async () => {
		const id = await submitTask(sandbox);
		solveNow(sandbox, id, 'TOKEN');
		await report('reportGood', id);

		const [item] = await report('reportBad', id);

		expect(item.json).toEqual({
			captchaId: id,
			reported: true,
			alreadyReported: true,
			message: expect.stringContaining('ERROR_DUPLICATE_REPORT'),
		});
	});

	it('a refused report is reported: false with the reason (ERROR_REPORT_NOT_RECORDED), not an error', async () => {
		const id = await submitTask(sandbox); // not solved yet: the sandbox refuses the report

		const [item] = await report('reportBad', id);

		expect(item.json).toEqual({ captchaId: id, reported: false, message: expect.stringMatching(/15 minutes.*40%/s) });
	});

	it('a wrong ID fails the item with the code and the ID', async () => {
		const out = await report('reportGood', '999', { continueOnFail: true });

		expect(out[0].json).toMatchObject({ code: 'ERROR_WRONG_CAPTCHA_ID', captchaId: '999' });
	});
});
