/**
 * Mode "Wait for Pingback" in n8n-core's real contexts: execute() submits with the resume URL and puts the
 * execution to wait; the sandbox delivers pingbacks to a small HTTP front standing in for n8n's waiting-webhook
 * server (signature check → 401, execution over → 409), which runs the node's webhook() in a real WebhookContext
 * on the execution as execute() left it (its stack entry, custom data).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { DEADLINE_GRACE_MS, DEADLINE_KEY, UNANSWERED } from '../../nodes/TwoCaptcha/actions/captcha/modes/waitForPingback/answers';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { sandboxCredentials } from '../helpers/executeNode';
import type { CredentialsData } from '../helpers/n8nContext';
import { executeWaiting, startPingbackFront, waitUntil as waitFor, type PingbackFront as Front } from '../helpers/pingbackExecution';

const { startSandbox } = require('../sandbox');
const { PAGE, SITEKEY } = require('../sandbox/method-cases');

const SCALE = 0.01; // 1 s of 2Captcha time = 10 ms

const startFront = async () => await startPingbackFront(() => new TwoCaptcha());
const execute = async (
	front: Front,
	setup: { parameters: IDataObject; credentials: CredentialsData; items: INodeExecutionData[]; continueOnFail?: boolean },
) => await executeWaiting(front, new TwoCaptcha(), setup);

describe('Captcha → Wait for Pingback', () => {
	let sandbox: any;
	let front: Front;
	const parameters = (extra: IDataObject = {}): IDataObject => ({
		resource: 'captcha',
		operation: 'recaptchaV2',
		siteKey: SITEKEY,
		pageUrl: PAGE,
		mode: 'waitForPingback',
		registerPingbackHost: true,
		...extra,
	});
	const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { n: i } }));
	const resPhp = () => sandbox.log.filter((e: any) => e.endpoint === 'res.php' && e.params.action === 'get');

	beforeEach(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 7, solveTimes: { '*': { min: 20, max: 60 } } });
		front = await startFront();
	});
	afterEach(async () => {
		await sandbox.close();
		await front.close();
		setEngineClock(realClock);
	});

	it('waits, then resumes once with one item per input item when the last answer is in; ≤ 1 res.php get per captcha', async () => {
		const execution = await execute(front, { parameters: parameters(), credentials: sandboxCredentials(sandbox), items: items(10) });

		// Waiting: the deadline is the longest Timeout (recaptcha: 300 s) after the submissions.
		expect(execution.runExecutionData.waitTill).toBeInstanceOf(Date);
		expect(execution.runExecutionData.waitTill!.getTime()).toBeGreaterThan(Date.now() + 290_000);
		const submitted = sandbox.log.filter((e: any) => e.endpoint === 'in.php');
		expect(submitted).toHaveLength(10);
		for (const entry of submitted) {
			expect(entry.params.pingback).toBe(`${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`);
		}
		// The resume URL (n8n's token) is nowhere in the output.
		expect(JSON.stringify(execution.output)).not.toContain(execution.runExecutionData.resumeToken!);
		execution.output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ method: 'recaptchaV2', status: UNANSWERED, captchaId: expect.stringMatching(/^\d+$/) });
		});

		await waitFor(() => execution.resumedWith !== undefined);
		const resumed = execution.resumedWith!;
		expect(resumed).toHaveLength(10);
		resumed.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const captcha = sandbox.captchas.get(item.json.captchaId);
			expect(item.json.captchaId).toBe(execution.output[i].json.captchaId);
			expect(item.json).toEqual({ captchaId: item.json.captchaId, method: 'recaptchaV2', solution: captcha.answer });
		});
		// The last answer resumed it: every captcha was solved before that.
		const solvedBy = Math.max(...[...sandbox.captchas.values()].map((c: any) => c.readyAt));
		expect(solvedBy).toBeLessThanOrEqual(Date.now());
		expect(execution.resumes).toBe(1);
		expect(resPhp().length).toBeLessThanOrEqual(10);
		// Every request asked at once about all captchas whose answers were not fetched yet: never one fetched before.
		const asked = resPhp().map((entry: any) => String(entry.params.ids).split(','));
		expect(asked[0]).toHaveLength(10);
		asked.slice(1).forEach((ids: string[], k: number) => expect(asked[k]).toEqual(expect.arrayContaining(ids)));
	});

	it('applies Include Raw Answer as execute() took it: the doorbell reads no setting again', async () => {
		const execution = await execute(front, {
			parameters: parameters({ solverSettings: { includeRawAnswer: true } }),
			credentials: sandboxCredentials(sandbox),
			items: items(3),
		});
		expect(execution.output.every((item) => item.json.status === UNANSWERED)).toBe(true);
		// What the webhook's own parameters say now is not what the run took.
		execution.parameters = parameters({ solverSettings: { includeRawAnswer: 'no' } });
		await waitFor(() => execution.resumedWith !== undefined);
		for (const item of execution.resumedWith!) {
			const captcha = sandbox.captchas.get(item.json.captchaId);
			expect(item.json).toEqual({ captchaId: item.json.captchaId, method: 'recaptchaV2', solution: captcha.answer, rawAnswer: captcha.answer });
		}
		expect(execution.resumes).toBe(1);
	});

	it('the deadline outputs each captcha ID with status "unanswered", in order, for Task → Get Result', async () => {
		const execution = await execute(front, {
			parameters: parameters({ solverSettings: { timeoutSeconds: 30 } }),
			credentials: sandboxCredentials(sandbox),
			items: items(3),
		});
		// The doorbell's process resumes at the Timeout; n8n's own deadline (the fallback) a grace period later.
		const deadline = Number(execution.runExecutionData.resultData.metadata?.[DEADLINE_KEY]);
		expect(deadline).toBeGreaterThan(Date.now() + 25_000);
		expect(deadline).toBeLessThan(Date.now() + 31_000);
		expect(execution.runExecutionData.waitTill!.getTime()).toBe(deadline + DEADLINE_GRACE_MS);
		const atDeadline = execution.deadlineOutput();
		expect(atDeadline).toHaveLength(3);
		atDeadline.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.captchaId).toBe(execution.output[i].json.captchaId);
			expect(item.json.status).toBe(UNANSWERED);
			expect(String(item.json.message)).toContain('Get Result');
		});
	});

	it('refuses more than 100 items before anything is sent', async () => {
		await expect(
			execute(front, { parameters: parameters(), credentials: sandboxCredentials(sandbox), items: items(101) }),
		).rejects.toThrow(/at most 100 items/);
		expect(sandbox.log.filter((e: any) => e.endpoint === 'in.php' || e.endpoint === 'res.php')).toHaveLength(0);
	});

	it('a pingback for another captcha, a malformed body and a bad signature change nothing and cost no request', async () => {
		const execution = await execute(front, {
			parameters: parameters({ solverSettings: { timeoutSeconds: 600 } }),
			credentials: sandboxCredentials(sandbox),
			items: items(2),
		});
		const before = resPhp().length;
		const resume = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
		const post = async (url: string, body: Record<string, string>) =>
			(await fetch(url, { method: 'POST', body: new URLSearchParams(body) })).status;
		expect(await post(resume, { id: '99999999999', code: 'x' })).toBe(200);
		expect(await post(resume, { nothing: 'here' })).toBe(400);
		expect(await post(`${front.url}/webhook-waiting/${execution.id}?signature=wrong`, { id: String(execution.output[0].json.captchaId), code: 'x' })).toBe(401);
		expect(resPhp().length).toBe(before);
		expect(execution.resumedWith).toBeUndefined();
	});

	it('a pingback while answers are pending asks once and keeps waiting; one after the end gets 409', async () => {
		// The sandbox sends no pingback for these captchas: this test's are the only ones (a real one arriving
		// beside the forged one, on a loaded machine, would ring too and ask once more).
		const set = sandbox.captchas.set.bind(sandbox.captchas);
		sandbox.captchas.set = (id: string, captcha: any) => set(id, Object.assign(captcha, { pingback: null }));
		const execution = await execute(front, {
			parameters: parameters(),
			credentials: sandboxCredentials(sandbox),
			items: items(2),
		}).finally(() => (sandbox.captchas.set = set));
		const resume = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
		const ids = execution.output.map((item) => String(item.json.captchaId));
		const before = resPhp().length;
		const status = (await fetch(resume, { method: 'POST', body: new URLSearchParams({ id: ids[0], code: 'forged' }) })).status;
		expect(status).toBe(200);
		expect(resPhp().length).toBe(before + 1);
		// Both answered by now, or not: a real pingback once they are resumes the execution.
		await waitFor(() => ids.every((id) => sandbox.captchas.get(id).status === 'solved'));
		if (!execution.resumedWith) await fetch(resume, { method: 'POST', body: new URLSearchParams({ id: ids[1], code: 'x' }) });
		await waitFor(() => execution.resumedWith !== undefined);
		// The answer comes from 2Captcha, never from the pingback's body.
		expect(execution.resumedWith!.map((item) => item.json.solution)).not.toContain('forged');
		const late = (await fetch(resume, { method: 'POST', body: new URLSearchParams({ id: ids[0], code: 'late' }) })).status;
		expect(late).toBe(409);
		expect(execution.resumes).toBe(1);
	});

	it('Continue On Fail: an unsolvable captcha resumes as an error item with its captcha ID', async () => {
		const execution = await execute(front, {
			parameters: parameters(),
			credentials: sandboxCredentials(sandbox),
			items: items(3),
			continueOnFail: true,
		});
		const failing = String(execution.output[1].json.captchaId);
		Object.assign(sandbox.captchas.get(failing), { unsolvable: true });
		await waitFor(() => execution.resumedWith !== undefined);
		const resumed = execution.resumedWith!;
		expect(resumed).toHaveLength(3);
		expect(resumed[1].json).toMatchObject({ captchaId: failing, code: 'ERROR_CAPTCHA_UNSOLVABLE', method: 'recaptchaV2' });
		expect(resumed[0].json.solution).toBeDefined();
		expect(resumed[2].json.solution).toBeDefined();
	});
	it('answers a multi-ID request cannot carry (FunCaptcha tokens contain "|") are fetched alone, once each', async () => {
		const execution = await execute(front, {
			parameters: {
				resource: 'captcha',
				operation: 'funCaptcha',
				publicKey: '12AB34CD-56F7-AB8C-9D01-2EF3456789A0',
				pageUrl: PAGE,
				mode: 'waitForPingback',
				registerPingbackHost: true,
			},
			credentials: sandboxCredentials(sandbox),
			items: items(3),
		});
		await waitFor(() => execution.resumedWith !== undefined);
		const resumed = execution.resumedWith!;
		resumed.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.solution).toBe(sandbox.captchas.get(item.json.captchaId).answer);
		});
		const singles = resPhp().filter((e: any) => e.params.id !== undefined);
		expect(singles.map((e: any) => e.params.id).sort()).toEqual(resumed.map((item) => item.json.captchaId).sort());
		expect(resPhp().length).toBeLessThanOrEqual(3 + 3);
	});

	/** Keeps a sandbox captcha unsolved, without its pingback, until `release()`. */
	function hold(captchaId: string): { release: (status: 'solved' | 'unsolvable') => void } {
		const captcha = sandbox.captchas.get(captchaId);
		const pingback = captcha.pingback;
		captcha.pingback = null;
		let status = 'pending';
		Object.defineProperty(captcha, 'status', { configurable: true, enumerable: true, get: () => status, set: () => undefined });
		return {
			release: (next) => {
				Object.defineProperty(captcha, 'status', { configurable: true, enumerable: true, writable: true, value: next });
				captcha.pingback = pingback;
				status = next;
			},
		};
	}

	it('ten pingbacks at the same moment for the last answers resume the execution once, with one check', async () => {
		const execution = await execute(front, { parameters: parameters(), credentials: sandboxCredentials(sandbox), items: items(3) });
		const ids = execution.output.map((item) => String(item.json.captchaId));
		const held = ids.map((id) => hold(id));
		const before = resPhp().length;
		for (const h of held) h.release('solved');
		const resume = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
		const statuses = await Promise.all(
			Array.from({ length: 10 }, async (_, k) => (await fetch(resume, { method: 'POST', body: new URLSearchParams({ id: ids[k % 3], code: 'x' }) })).status),
		);
		expect(execution.resumes).toBe(1);
		expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
		// Concurrent doorbells share one check (and one more for those that arrived during it).
		expect(resPhp().length - before).toBeLessThanOrEqual(2);
		expect(execution.resumedWith!.map((item) => item.json.solution)).toEqual(ids.map((id) => sandbox.captchas.get(id).answer));
	});

	it('never outputs the API key an unknown status echoes when concurrent doorbells resume the execution', async () => {
		await sandbox.close();
		const apiKey = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00';
		sandbox = await startSandbox({ timeScale: SCALE, seed: 7, apiKey, solveTimes: { '*': { min: 20, max: 60 } } });
		const execution = await execute(front, { parameters: parameters(), credentials: sandboxCredentials(sandbox), items: items(3), continueOnFail: true });
		const ids = execution.output.map((item) => String(item.json.captchaId));
		const held = ids.map((id) => hold(id));
		// Each "answer" is an unknown status quoting the key: a failed item whose error text must be redacted.
		for (const id of ids) sandbox.captchas.get(id).answer = `ERROR_ECHO_${apiKey}`;
		for (const h of held) h.release('solved');
		const resume = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
		await Promise.all(Array.from({ length: 10 }, async (_, k) => await fetch(resume, { method: 'POST', body: new URLSearchParams({ id: ids[k % 3], code: 'x' }) })));

		expect(execution.resumes).toBe(1);
		const text = JSON.stringify(execution.resumedWith);
		expect(text).toContain('ERROR_ECHO_***');
		expect(text).not.toContain(apiKey);
	});

	it('the deadline outputs what pingbacks fetched as answered, and only the captcha without an answer as unanswered', async () => {
		const execution = await execute(front, {
			parameters: parameters({ solverSettings: { timeoutSeconds: 600 } }),
			credentials: sandboxCredentials(sandbox),
			items: items(3),
		});
		const ids = execution.output.map((item) => String(item.json.captchaId));
		hold(ids[1]);
		// The deadline, brought near (the Timeout's minutes would be minutes here too).
		execution.runExecutionData.resultData.metadata = { ...execution.runExecutionData.resultData.metadata, [DEADLINE_KEY]: String(Date.now() + 1500) };
		const resume = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
		// The answers of the other two arrive (pingbacks from the sandbox, or these) and are fetched.
		await waitFor(() => [ids[0], ids[2]].every((id) => sandbox.captchas.get(id).status === 'solved'));
		for (const id of [ids[0], ids[2]]) await fetch(resume, { method: 'POST', body: new URLSearchParams({ id, code: 'x' }) });
		expect(execution.resumedWith).toBeUndefined();

		await waitFor(() => execution.resumedWith !== undefined);
		const resumed = execution.resumedWith!;
		expect(resumed.map((item) => item.json.captchaId)).toEqual(ids);
		expect(resumed[0].json.solution).toBe(sandbox.captchas.get(ids[0]).answer);
		expect(resumed[2].json.solution).toBe(sandbox.captchas.get(ids[2]).answer);
		expect(resumed[1].json).toMatchObject({ captchaId: ids[1], status: UNANSWERED });
		resumed.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(execution.resumes).toBe(1);
	});
});
