/**
 * Secrets never leave: a server that answers with an HTML error page echoing the whole request (form body raw,
 * as JSON and HTML-escaped) must not make the API key, the proxy password or the pingback URL's secret appear in
 * any output item or error (message, description, stack, cause), in any encoding.
 */
import type { INodeParameters } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';
import { scaledClock } from '../helpers/scaledClock';
import { runNode } from '../helpers/executeNode';
import { startLocalServer, type LocalServer } from '../transport/localServer';
import { serialize } from './transcript';

const API_KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const PROXY_PASSWORD = 'S3cret-Pr0xy+pa55/w0rd&x=1';
const PINGBACK_SECRET = 'Tr1gg3r-S3cr3t_0123456789';
const PINGBACK = `https://n8n.example.com/webhook/abc/pingback?secret=${PINGBACK_SECRET}`;

/** Every encoding a secret may be echoed in. */
function forms(secret: string): string[] {
	const percent = encodeURIComponent(secret);
	return [
		secret,
		percent,
		percent.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
		new URLSearchParams({ v: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
		JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
	];
}

const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Outputs and errors as JSON, without `node` (the workflow's own parameters). */
const serialized = (value: unknown) => serialize(value, ['node']);

describe.each([400, 502])('HTTP %i page echoing the request', (status) => {
	let server: LocalServer;
	beforeAll(async () => {
		setEngineClock(scaledClock(0.005));
		server = await startLocalServer((request, res) => {
			const fields = Object.fromEntries(new URLSearchParams(request.body));
			res.writeHead(status, { 'content-type': 'text/html' });
			res.end(`<html><body><h1>${status}</h1><pre>${request.body}</pre><code>${html(JSON.stringify(fields))}</code><p>${html(request.body)}</p></body></html>`);
		});
	});
	afterAll(async () => {
		await server.close();
		setEngineClock(realClock);
	});

	const parameters: INodeParameters = {
		resource: 'captcha',
		operation: 'recaptchaV2',
		siteKey: '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-',
		pageUrl: 'https://example.com/login',
		mode: 'submitOnly',
		pingbackUrl: PINGBACK,
		options: { proxy: `scraper:${PROXY_PASSWORD}@10.0.0.2:3128`, proxyType: 'HTTP' },
	};

	it.each([true, false])('continueOnFail %s: no secret in outputs or errors', async (continueOnFail) => {
		let thrown: unknown;
		let out: unknown[] = [];
		try {
			out = await runNode(new TwoCaptcha(), {
				parameters,
				items: [{ json: {} }],
				credentials: { twoCaptchaSolverApi: { apiKey: API_KEY, server: 'custom', customUrl: server.url } },
				continueOnFail,
			});
		} catch (error) {
			thrown = error;
		}
		// The page did echo the secrets: the request reached the server and the error quotes the page.
		expect(server.requests.length).toBeGreaterThan(0);
		expect(server.requests.at(-1)!.body).toContain(encodeURIComponent(PINGBACK_SECRET));
		const transcript = serialized({ out, thrown, description: (thrown as { description?: unknown })?.description });
		expect(transcript).toMatch(/not a 2Captcha answer/);
		for (const secret of [API_KEY, PROXY_PASSWORD, PINGBACK_SECRET]) {
			for (const form of forms(secret)) expect(transcript).not.toContain(form);
		}
	});
});
