/**
 * Every operation of the Captcha resource — the 40 catalogue methods and Custom Method — run through the node in
 * n8n-core's real contexts against the sandbox, in each of the three modes:
 * - Wait for Result: the exact in.php parameters sent, and the output parsed from what the sandbox answered;
 * - Submit Only: the same request, the captcha ID out at once, the task pending in the sandbox;
 * - Wait for Pingback: the same request with this execution's resume URL, the execution waiting, then resumed by
 *   the sandbox's pingback with the answer parsed as in Wait for Result.
 */
import type { IDataObject } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { UNANSWERED } from '../../nodes/TwoCaptcha/actions/captcha/modes/waitForPingback/answers';
import { captchaMethods, operationMethods } from '../../nodes/TwoCaptcha/catalogue';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';
import { inputItem, OPERATIONS, parserOf, type Operation } from '../helpers/methodSamples';
import { executeWaiting, startPingbackFront, waitUntil, type PingbackFront } from '../helpers/pingbackExecution';

const { startSandbox } = require('../sandbox');

const SCALE = 0.001;

describe('Captcha → every operation in every mode, end to end against the sandbox', () => {
	let sandbox: any;
	let front: PingbackFront;
	beforeAll(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 4 });
		front = await startPingbackFront(() => new TwoCaptcha());
	});
	afterAll(async () => {
		await front.close();
		await sandbox.close();
		setEngineClock(realClock);
	});

	const submissions = (from: number) => sandbox.log.slice(from).filter((e: any) => e.endpoint === 'in.php');

	/** The one in.php request of a run: key redacted by the sandbox log, json=1, then the operation's parameters. */
	function expectRequest(operation: Operation, from: number, pingback?: string) {
		const sent = submissions(from);
		expect(sent).toHaveLength(1);
		const expected = { key: '***', json: '1', ...operation.expected, ...(pingback ? { pingback } : {}) };
		expect(sent[0].params).toEqual(expected);
		if (operation.files) expect(sent[0].files).toEqual(operation.files.map((file) => expect.objectContaining(file)));
		else expect(sent[0].files).toEqual([]);
	}

	/**
	 * The output of an answered item: the answer the sandbox gave, parsed as the operation parses it. An answer the
	 * entry lets the poller take from a multi-id answer (multiGetAnswer) may come without the extra fields of a
	 * single JSON answer (Turnstile's userAgent): either is right.
	 */
	function expectAnswered(json: IDataObject, operation: Operation, captchaId: string, more: IDataObject = {}) {
		const captcha = sandbox.captchas.get(captchaId);
		expect(captcha?.status).toBe('solved');
		const parse = parserOf(operation);
		const shape = (extra: Record<string, unknown>) => {
			const parsed = parse({ request: captcha.answer, extra });
			expect(parsed.solution).not.toBeUndefined();
			return { captchaId, method: operation.method.value, solution: parsed.solution, ...parsed.extras, ...more };
		};
		const forms = [shape(captcha.extras)];
		if (operation.method.multiGetAnswer === true) forms.push(shape({}));
		expect(forms).toContainEqual(json);
	}

	it('covers the 40 methods 2Captcha serves and Custom Method (no TikTok, no hCaptcha)', () => {
		expect(captchaMethods).toHaveLength(40);
		expect(operationMethods.map((m) => m.value).sort()).toEqual([...captchaMethods.map((m) => m.value), 'customMethod'].sort());
		expect(new Set(OPERATIONS.map((o) => o.method.value)).size).toBe(41);
		expect(operationMethods.map((m) => m.value).join()).not.toMatch(/tiktok|hcaptcha/i);
	});

	describe.each(OPERATIONS.map((operation) => [operation.label, operation] as const))('%s', (_label, operation) => {
		it('Wait for Result: sends the request, outputs the parsed answer', async () => {
			const from = sandbox.log.length;
			const [out] = await runNode(new TwoCaptcha(), {
				// Not a test of the Timeout: at this scale a method's default (180 s) is 0.18 s of real time, which a
				// loaded machine uses up on the requests alone.
				parameters: { ...operation.parameters, mode: 'waitForResult', solverSettings: { timeoutSeconds: 3600 } } as never,
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(operation)],
			});
			expectRequest(operation, from);
			expect(out.pairedItem).toEqual({ item: 0 });
			const captchaId = String(out.json.captchaId);
			expectAnswered(out.json, operation, captchaId, { captchaIds: [captchaId] });
		});

		it('Submit Only: sends the same request with the Pingback URL, outputs the captcha ID at once', async () => {
			const from = sandbox.log.length;
			const pingbackUrl = `${front.url}/trigger/pingback?secret=Tr1gger-S3cret`;
			const [out] = await runNode(new TwoCaptcha(), {
				parameters: { ...operation.parameters, mode: 'submitOnly', pingbackUrl } as never,
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(operation)],
			});
			expectRequest(operation, from, pingbackUrl);
			expect(out.json).toEqual({
				captchaId: expect.stringMatching(/^\d+$/),
				method: operation.method.value,
				status: 'submitted',
				pingbackUrl: `${front.url}/trigger/pingback?secret=***`,
			});
			expect(sandbox.captchas.get(out.json.captchaId)).toBeDefined();
			expect(sandbox.log.slice(from).filter((e: any) => e.endpoint === 'res.php')).toHaveLength(0);
		});

		it('Wait for Pingback: sends it with the resume URL, waits, resumes once with the parsed answer', async () => {
			const from = sandbox.log.length;
			const execution = await executeWaiting(front, new TwoCaptcha(), {
				parameters: { ...operation.parameters, mode: 'waitForPingback', registerPingbackHost: true },
				credentials: sandboxCredentials(sandbox),
				items: [inputItem(operation)],
			});
			const resumeUrl = `${front.url}/webhook-waiting/${execution.id}?signature=${execution.runExecutionData.resumeToken}`;
			expectRequest(operation, from, resumeUrl);
			const captchaId = String(execution.output[0].json.captchaId);
			// Waiting (execute() asks itself only once its earliest first poll has passed): the answer comes by pingback.
			expect(execution.runExecutionData.waitTill).toBeInstanceOf(Date);
			expect(execution.output[0].json).toMatchObject({ method: operation.method.value, status: UNANSWERED });
			await waitUntil(() => execution.resumedWith !== undefined);
			expect(execution.resumes).toBe(1);
			expect(execution.resumedWith).toHaveLength(1);
			expect(execution.resumedWith![0].pairedItem).toEqual({ item: 0 });
			expectAnswered(execution.resumedWith![0].json, operation, captchaId);
		});
	});
});
