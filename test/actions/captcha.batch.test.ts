/**
 * Many items at once through the node's execute(): concurrency, request economy, order, continueOnFail,
 * and bad input refused before anything is paid for.
 */
import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { runNode, sandboxCredentials } from '../helpers/executeNode';

const { startSandbox } = require('../sandbox');
const { PAGE, SITEKEY } = require('../sandbox/method-cases');
const { png } = require('../sandbox/fixtures');

const SCALE = 0.002; // 1 s of 2Captcha time = 2 ms

const recaptcha = (overrides: Record<string, unknown> = {}) => ({
	resource: 'captcha',
	operation: 'recaptchaV2',
	siteKey: SITEKEY,
	pageUrl: PAGE,
	...overrides,
});

describe('Captcha → many items', () => {
	let sandbox: any;
	beforeEach(async () => {
		setEngineClock(scaledClock(SCALE));
		sandbox = await startSandbox({ timeScale: SCALE, seed: 21, solveTimes: { '*': { min: 10, max: 45 } } });
	});
	afterEach(async () => {
		await sandbox.close();
		setEngineClock(realClock);
	});

	const inPhp = () => sandbox.log.filter((e: any) => e.endpoint === 'in.php');
	const resPhp = () => sandbox.log.filter((e: any) => e.endpoint === 'res.php');
	/** What a logged res.php request answered about one captcha id, if it asked about it. */
	const answerFor = (entry: any, id: string): string | undefined => {
		if (entry.params.id === id) return String(entry.response.request);
		const ids = String(entry.params.ids ?? '').split(',');
		const index = ids.indexOf(id);
		return index < 0 ? undefined : String(entry.response.request).split('|')[index];
	};

	it('solves 100 items concurrently: each answer delivered by the first poll after it is ready, once, few res.php calls, order kept', async () => {
		const items = Array.from({ length: 100 }, (_, i) => ({ json: { n: i } }));
		const out = await runNode(new TwoCaptcha(), {
			// The Timeout at this scale is real time too (300 s = 0.6 s): a loaded machine must not pass for a slow solve.
			parameters: { ...recaptcha(), solverSettings: { firstPollSeconds: 5, timeoutSeconds: 3600 } },
			credentials: sandboxCredentials(sandbox),
			items,
		});

		expect(out).toHaveLength(100);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const captcha = sandbox.captchas.get(item.json.captchaId);
			expect(item.json.solution).toBe(captcha.answer);
		});
		// Wall time ≈ slowest solve + one interval follows from this, independent of machine speed (timing
		// targets themselves live in the benchmark): no captcha waits for more than one poll once it is ready.
		for (const captcha of sandbox.captchas.values()) {
			const polls = resPhp()
				.map((e: any) => ({ at: e.at, part: answerFor(e, captcha.id) }))
				.filter((p: { part?: string }) => p.part !== undefined);
			// Answered exactly once, and never reported not-ready by a poll made after it was ready
			// (1 ms of slack: the log's clock and the sandbox's readiness check are separate Date.now() calls).
			expect(polls.filter((p: { part?: string }) => p.part !== 'CAPCHA_NOT_READY')).toHaveLength(1);
			expect(polls.filter((p: { at: number; part?: string }) => p.at > captcha.readyAt + 1 && p.part === 'CAPCHA_NOT_READY')).toEqual([]);
		}
		expect(inPhp()).toHaveLength(100);
		expect(resPhp().length / 100).toBeLessThan(2.5);
	});

	it('with continueOnFail one item failing leaves the other 99 solved, its captcha id kept', async () => {
		const items = Array.from({ length: 100 }, (_, i) => ({ json: { n: i } }));
		// The 43rd captcha created becomes unsolvable as it is created (no watcher a loaded machine could delay).
		const set = sandbox.captchas.set.bind(sandbox.captchas);
		sandbox.captchas.set = (id: string, captcha: any) => set(id, sandbox.captchas.size === 42 ? Object.assign(captcha, { unsolvable: true }) : captcha);
		const running = runNode(new TwoCaptcha(), {
			// Not a test of the Timeout: at this scale the default (300 s = 0.6 s) is real time a loaded machine can use up.
			parameters: { ...recaptcha(), solverSettings: { firstPollSeconds: 5, timeoutSeconds: 3600 } },
			credentials: sandboxCredentials(sandbox),
			items,
			continueOnFail: true,
		});
		const out = await running;
		const failed = out.filter((item) => item.json.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			code: 'ERROR_CAPTCHA_UNSOLVABLE',
			captchaId: [...sandbox.captchas.keys()][42],
			method: 'recaptchaV2',
		});
		expect(out.filter((item) => typeof item.json.solution === 'string')).toHaveLength(99);
	});

	it('refuses bad input before any request: no in.php call at all', async () => {
		const items = [{ json: { url: PAGE } }, { json: { url: 'not a url' } }];
		const run = runNode(new TwoCaptcha(), {
			parameters: recaptcha({ pageUrl: '={{ $json.url }}' }),
			credentials: sandboxCredentials(sandbox),
			items,
		});
		await expect(run).rejects.toThrow('Page URL');
		expect(inPhp()).toHaveLength(0);
	});

	it('with continueOnFail, bad input becomes an error item and the valid items are still solved', async () => {
		const out = await runNode(new TwoCaptcha(), {
			parameters: recaptcha({ siteKey: '={{ $json.key }}', solverSettings: { firstPollSeconds: 5 } }),
			credentials: sandboxCredentials(sandbox),
			items: [{ json: { key: SITEKEY } }, { json: { key: '   ' } }],
			continueOnFail: true,
		});
		expect(out[0].json.solution).toEqual(expect.any(String));
		expect(out[1].json).toEqual({ error: expect.stringContaining('required'), method: 'recaptchaV2' });
		expect(inPhp()).toHaveLength(1);
	});

	it('a credential that cannot be used fails every item (continueOnFail) before any request', async () => {
		const out = await runNode(new TwoCaptcha(), {
			parameters: recaptcha(),
			credentials: { twoCaptchaSolverApi: { apiKey: sandbox.apiKey, server: 'custom', customUrl: 'ftp://127.0.0.1/' } },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(out).toHaveLength(2);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.error).toEqual(expect.any(String));
			expect(JSON.stringify(item.json)).not.toContain(sandbox.apiKey);
		});
		expect(inPhp()).toHaveLength(0);
	});

	it('sends the soft_id of each credential, even when credentials share one API key (and engine)', async () => {
		const run = async (softId?: string) =>
			await runNode(new TwoCaptcha(), {
				parameters: recaptcha({ mode: 'submitOnly', pingbackUrl: 'http://127.0.0.1:9/pingback' }),
				credentials: { twoCaptchaSolverApi: { ...sandboxCredentials(sandbox).twoCaptchaSolverApi, ...(softId && { softId }) } },
			});
		await run('4242');
		await run();
		expect(inPhp().map((e: any) => e.params.soft_id)).toEqual(['4242', undefined]);
	});

	it('keeps a paid answer the parser cannot read in the error item (continueOnFail)', async () => {
		const running = runNode(new TwoCaptcha(), {
			parameters: recaptcha({ operation: 'coordinates', imageSource: 'base64', imageBase64: png(300, 300, 2048).toString('base64') }),
			credentials: sandboxCredentials(sandbox),
			continueOnFail: true,
		});
		const garble = new Promise<void>((resolve) => {
			const poll = setInterval(() => {
				const [captcha] = sandbox.captchas.values();
				if (captcha) {
					captcha.answer = 'not coordinates at all';
					clearInterval(poll);
					resolve();
				}
			}, 1);
		});
		const [[out]] = await Promise.all([running, garble]);
		expect(out.json).toMatchObject({
			captchaId: expect.any(String),
			method: 'coordinates',
			rawAnswer: 'not coordinates at all',
			error: expect.stringContaining('Coordinates answer'),
		});
	});

	it('without continueOnFail the error keeps the whole unreadable answer (not only its excerpt) and the captcha ID', async () => {
		const garbled = `not coordinates: ${'x'.repeat(300)} the end ${sandbox.apiKey}`;
		const running = runNode(new TwoCaptcha(), {
			parameters: recaptcha({ operation: 'coordinates', imageSource: 'base64', imageBase64: png(300, 300, 2048).toString('base64') }),
			credentials: sandboxCredentials(sandbox),
		});
		const poll = setInterval(() => {
			const [captcha] = sandbox.captchas.values();
			if (captcha) {
				captcha.answer = garbled;
				clearInterval(poll);
			}
		}, 1);
		const error = await running.then(
			() => undefined,
			(caught: unknown) => caught as { message: string; description: string; context: Record<string, unknown> },
		);
		clearInterval(poll);
		expect(error?.message).toContain('Coordinates answer');
		expect(error?.message.length).toBeLessThan(garbled.length);
		expect(error?.description).toContain('x'.repeat(300) + ' the end');
		expect(error?.description).toMatch(/\(captcha ID \d+\)$/);
		expect(error?.context.captchaId).toEqual(expect.any(String));
		expect(JSON.stringify([error?.message, error?.description, error?.context])).not.toContain(sandbox.apiKey);
	});

	it('Submit Only returns the captcha ids at once with the pingback URL, without polling', async () => {
		const out = await runNode(new TwoCaptcha(), {
			parameters: recaptcha({ mode: 'submitOnly', pingbackUrl: 'http://127.0.0.1:9/pingback/secret' }),
			credentials: sandboxCredentials(sandbox),
			items: [{ json: {} }, { json: {} }],
		});
		expect(out.map((o) => o.json)).toEqual([
			{ captchaId: expect.any(String), method: 'recaptchaV2', status: 'submitted', pingbackUrl: 'http://127.0.0.1:9/pingback/secret' },
			{ captchaId: expect.any(String), method: 'recaptchaV2', status: 'submitted', pingbackUrl: 'http://127.0.0.1:9/pingback/secret' },
		]);
		expect(inPhp()[0].params.pingback).toBe('http://127.0.0.1:9/pingback/secret');
		expect(resPhp()).toHaveLength(0);
	});
});
