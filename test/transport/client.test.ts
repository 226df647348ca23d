import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

import { MAX_ANSWER_BYTES, TwoCaptchaClient } from '../../nodes/TwoCaptcha/transport/client';
import { closeAllDispatchers, getDispatcher } from '../../nodes/TwoCaptcha/transport/dispatchers';
import { TransportError } from '../../nodes/TwoCaptcha/transport/errors';
import { type LocalServer, reply, startLocalServer } from './localServer';

const API_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const FAST = { timeoutMs: 2_000, retryDelayMs: 1 };

function clientFor(server: LocalServer, options = {}, softId?: string): TwoCaptchaClient {
	return new TwoCaptchaClient({ apiKey: API_KEY, baseUrl: server.url, softId }, { ...FAST, ...options });
}

const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

async function failureOf(promise: Promise<unknown>): Promise<Error> {
	return await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: Error) => error,
	);
}

/** Nothing a test sees may contain the key. */
function expectNoKey(...texts: unknown[]): void {
	for (const text of texts) expect(JSON.stringify(text) ?? '').not.toContain(API_KEY);
}

let server: LocalServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
	await closeAllDispatchers();
});

describe('TwoCaptchaClient requests', () => {
	it('POSTs the key, json=1 and the params in a form body, never in the URL', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":1,"request":"99"}'));
		const answer = await clientFor(server).call('in.php', { method: 'userrecaptcha', pageurl: 'https://x.test/?a=1&b=2', skipped: undefined });

		expect(answer).toEqual({ status: 1, request: '99', extra: {} });
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/in.php');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(formOf(request.body)).toEqual({ method: 'userrecaptcha', pageurl: 'https://x.test/?a=1&b=2', key: API_KEY, json: '1' });
	});

	it("adds the credential's soft_id where it adds the key, to in.php submissions only; none without one", async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":1,"request":"1"}'));
		const client = clientFor(server, {}, '4242');
		await client.call('in.php', { method: 'post' });
		await client.call('in.php', { method: 'post', soft_id: '777' });
		await client.call('res.php', { action: 'getbalance' });
		await clientFor(server).call('in.php', { method: 'post' });

		expect(formOf(server.requests[0].body)).toMatchObject({ key: API_KEY, soft_id: '4242' });
		expect(formOf(server.requests[1].body).soft_id).toBe('4242');
		expect(formOf(server.requests[2].body).soft_id).toBeUndefined();
		expect(formOf(server.requests[3].body).soft_id).toBeUndefined();
	});

	it('sends files as multipart/form-data with the key as a field', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, 'OK|123'));
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
		const answer = await clientFor(server).call('in.php', { method: 'post' }, [
			{ param: 'file', data: png, filename: 'captcha.png', contentType: 'image/png' },
		]);

		expect(answer).toEqual({ status: 1, request: '123', extra: {} });
		const [request] = server.requests;
		expect(request.url).toBe('/in.php');
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.body).toContain('name="key"\r\n\r\n' + API_KEY);
		expect(request.body).toContain('name="json"\r\n\r\n1');
		expect(request.body).toContain('name="file"; filename="captcha.png"\r\nContent-Type: image/png\r\n\r\n' + png.toString('latin1'));
	});

	it('keeps the path of a custom base URL', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":1,"request":"1.5"}'));
		const client = new TwoCaptchaClient({ apiKey: API_KEY, baseUrl: `${server.url}/api/v1` }, FAST);
		await client.call('res.php', { action: 'getbalance' });
		expect(server.requests[0].url).toBe('/api/v1/res.php');
	});

	it('reuses pooled keep-alive connections for sequential calls', async () => {
		const ports = new Set<number>();
		server = await startLocalServer((_req, res, req) => {
			ports.add(req.socket.remotePort ?? 0);
			reply(res, 200, '{"status":1,"request":"1"}');
		});
		const client = clientFor(server);
		for (let i = 0; i < 10; i++) await client.call('res.php', { action: 'get', id: '1' });
		// undici may open a second socket while the first is being released; never one per request.
		expect(ports.size).toBeLessThanOrEqual(2);
	});

	it('shares one dispatcher per origin across clients', () => {
		expect(getDispatcher('https://2captcha.com')).toBe(getDispatcher('https://2captcha.com'));
		expect(getDispatcher('https://2captcha.com')).not.toBe(getDispatcher('https://rucaptcha.com'));
	});

	it('returns API error codes as answers instead of throwing, whatever the HTTP status', async () => {
		server = await startLocalServer((_req, res) => reply(res, 500, '{"status":0,"request":"ERROR_ZERO_BALANCE"}'));
		await expect(clientFor(server).call('in.php', { method: 'post' })).resolves.toEqual({
			status: 0,
			request: 'ERROR_ZERO_BALANCE',
			extra: {},
		});
	});
});

describe('TwoCaptchaClient transport failures', () => {
	it.each([
		['an HTML 502 page', 502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', /HTTP 502.*502 Bad Gateway/],
		['garbage', 200, '\u0000garbage{', /HTTP 200\): .*garbage/],
	])('turns %s into a TransportError with an excerpt', async (_name, status, body, message) => {
		server = await startLocalServer((_req, res) => reply(res, status, body, 'text/html'));
		const error = await failureOf(clientFor(server).call('in.php', { method: 'post' }));
		expect(error).toBeInstanceOf(TransportError);
		expect(error).toMatchObject({ category: 'transient', httpStatus: status });
		expect(error.message).toMatch(message);
	});

	it.each([
		['an empty body', Buffer.alloc(0), /empty answer \(HTTP 200\): protocol error/],
		['a blank body', Buffer.from(' \r\n'), /empty answer \(HTTP 200\): protocol error/],
		['a body that is not UTF-8', Buffer.from([0x4f, 0x4b, 0x7c, 0xff, 0xfe, 0x31]), /not UTF-8 \(HTTP 200\): protocol error/],
	])('turns %s into a protocol error (a TransportError)', async (_name, body, message) => {
		server = await startLocalServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
			res.end(body);
		});
		const error = await failureOf(clientFor(server).call('in.php', { method: 'post' }));
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(message);
	});

	it('stops reading a body past the size cap, whatever it announces', async () => {
		let written = 0;
		server = await startLocalServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			const chunk = Buffer.alloc(64 * 1024, 'a');
			const pump = () => {
				while (written < 64 * MAX_ANSWER_BYTES && !res.destroyed) {
					written += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
				res.end();
			};
			res.on('close', () => undefined);
			pump();
		});
		const error = await failureOf(clientFor(server).call('res.php', { action: 'getbalance' }));
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(new RegExp(`over ${MAX_ANSWER_BYTES} bytes`));
		// Read no further than the cap and what the sockets buffered meanwhile, never the whole 128 MiB.
		expect(written).toBeLessThan(16 * MAX_ANSWER_BYTES);
	});

	it('bounds a trickled body by the per-request timeout', async () => {
		const timers: NodeJS.Timeout[] = [];
		server = await startLocalServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			const drip = () => {
				if (res.destroyed) return;
				res.write('1');
				timers.push(setTimeout(drip, 20));
			};
			drip();
		});
		const started = Date.now();
		const error = await failureOf(clientFor(server, { timeoutMs: 300 }).call('in.php', { method: 'post' }));
		timers.forEach(clearTimeout);
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(/within 300 ms/);
		expect(Date.now() - started).toBeLessThan(2_000);
	});

	it('cuts long bodies to a short excerpt', async () => {
		server = await startLocalServer((_req, res) => reply(res, 503, `<html>${'x'.repeat(50_000)}</html>`));
		const error = (await failureOf(clientFor(server).call('in.php', {}))) as TransportError;
		expect(error.excerpt!.length).toBeLessThanOrEqual(220);
		expect(error.message.length).toBeLessThan(400);
	});

	it('redacts the key from excerpts of bodies that echo it', async () => {
		server = await startLocalServer((request, res) =>
			reply(res, 502, `<pre>Bad gateway for ${request.body} key=${encodeURIComponent(API_KEY)}</pre>`),
		);
		const error = (await failureOf(clientFor(server).call('in.php', { method: 'post' }))) as TransportError;
		expect(error.message).toContain('***');
		expectNoKey(error.message, error.excerpt, error.stack, server.requests.map((r) => r.url));
	});

	it('turns a connection reset into a TransportError', async () => {
		server = await startLocalServer((_req, res, req) => req.socket.destroy());
		const error = await failureOf(clientFor(server).call('in.php', { method: 'post' }));
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(/failed/);
		expectNoKey(error.message);
	});

	it('turns a refused connection into a TransportError', async () => {
		const client = new TwoCaptchaClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1' }, FAST);
		const error = await failureOf(client.call('in.php', {}));
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(/127\.0\.0\.1:1\/in\.php failed: ECONNREFUSED/);
	});

	it('times out a hung socket', async () => {
		server = await startLocalServer(() => undefined);
		const started = Date.now();
		const error = await failureOf(clientFor(server, { timeoutMs: 150 }).call('in.php', { method: 'post' }));
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(/within 150 ms/);
		expect(Date.now() - started).toBeLessThan(1_500);
	});

	it('times out a body that starts and never ends', async () => {
		server = await startLocalServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
			res.write('{"status":1,');
		});
		const error = await failureOf(clientFor(server, { timeoutMs: 150 }).call('res.php', { action: 'reportbad' }));
		expect(error).toBeInstanceOf(TransportError);
		expect(error.message).toMatch(/within 150 ms/);
	});

	it("rejects with the caller's abort reason, not a TransportError", async () => {
		server = await startLocalServer(() => undefined);
		const controller = new AbortController();
		const pending = clientFor(server).call('res.php', { action: 'get', id: '1' }, undefined, controller.signal);
		setTimeout(() => controller.abort(new Error('execution cancelled')), 30);
		const error = await failureOf(pending);
		expect(error.message).toBe('execution cancelled');
		expect(error).not.toBeInstanceOf(TransportError);
	});
});

describe('TwoCaptchaClient retries', () => {
	function flakyServer(failures: number): Promise<LocalServer> {
		return startLocalServer((_req, res) => {
			if (server!.requests.length <= failures) reply(res, 502, '<html>502</html>');
			else reply(res, 200, '{"status":1,"request":"done"}');
		});
	}

	it.each(['get', 'get2', 'getbalance', 'get_pingback'])('retries res.php action=%s after transport errors', async (action) => {
		server = await flakyServer(2);
		const answer = await clientFor(server, { readRetries: 2 }).call('res.php', { action, id: '1' });
		expect(answer.request).toBe('done');
		expect(server.requests).toHaveLength(3);
	});

	it('gives up after the configured number of read retries', async () => {
		server = await flakyServer(10);
		await expect(clientFor(server, { readRetries: 3 }).call('res.php', { action: 'get', id: '1' })).rejects.toBeInstanceOf(TransportError);
		expect(server.requests).toHaveLength(4);
	});

	it('backs off between read retries, doubling the delay', async () => {
		server = await flakyServer(10);
		const delays: number[] = [];
		const sleep = async (ms: number) => void delays.push(ms);
		await expect(clientFor(server, { readRetries: 3, retryDelayMs: 100, sleep }).call('res.php', { action: 'get' })).rejects.toThrow(TransportError);
		expect(delays).toEqual([100, 200, 400]);
	});

	it('never retries an in.php submission (a retry could pay twice)', async () => {
		server = await flakyServer(1);
		await expect(clientFor(server, { readRetries: 5 }).call('in.php', { method: 'post' })).rejects.toBeInstanceOf(TransportError);
		expect(server.requests).toHaveLength(1);
	});

	it.each(['reportbad', 'reportgood', 'add_pingback', 'del_pingback'])('never retries res.php action=%s', async (action) => {
		server = await flakyServer(1);
		await expect(clientFor(server, { readRetries: 5 }).call('res.php', { action, id: '1' })).rejects.toBeInstanceOf(TransportError);
		expect(server.requests).toHaveLength(1);
	});

	it('does not retry API error codes', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":0,"request":"ERROR_WRONG_CAPTCHA_ID"}'));
		const answer = await clientFor(server, { readRetries: 5 }).call('res.php', { action: 'get', id: '1' });
		expect(answer.request).toBe('ERROR_WRONG_CAPTCHA_ID');
		expect(server.requests).toHaveLength(1);
	});
});

describe('TwoCaptchaClient proxies from the environment', () => {
	const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
	const saved = Object.fromEntries(PROXY_VARS.map((name) => [name, process.env[name]]));
	let proxy: http.Server;
	let proxyUrl: string;
	const tunnels: string[] = [];

	beforeAll(async () => {
		// A CONNECT proxy, as undici's ProxyAgent tunnels through one.
		proxy = http.createServer((_req, res) => reply(res, 405, 'CONNECT only'));
		proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
			tunnels.push(req.url ?? '');
			const [host, port] = (req.url ?? '').split(':');
			const upstream = net.connect(Number(port), host, () => {
				client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
				upstream.write(head);
				upstream.pipe(client);
				client.pipe(upstream);
			});
			upstream.on('error', () => client.destroy());
			client.on('error', () => upstream.destroy());
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		proxy.closeAllConnections();
		await new Promise((resolve) => proxy.close(resolve));
	});

	beforeEach(async () => {
		tunnels.length = 0;
		for (const name of PROXY_VARS) delete process.env[name];
		await closeAllDispatchers();
	});

	afterEach(() => {
		for (const name of PROXY_VARS) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
	});

	it('goes through HTTP_PROXY', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":1,"request":"1.23"}'));
		process.env.HTTP_PROXY = proxyUrl;
		const answer = await clientFor(server).call('res.php', { action: 'getbalance' });
		expect(answer.request).toBe('1.23');
		expect(tunnels).toEqual([new URL(server.url).host]);
		expectNoKey(tunnels);
	});

	it('bypasses the proxy for hosts in NO_PROXY', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":1,"request":"1.23"}'));
		process.env.HTTP_PROXY = proxyUrl;
		process.env.NO_PROXY = '127.0.0.1';
		await clientFor(server).call('res.php', { action: 'getbalance' });
		expect(tunnels).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it('connects directly without proxy variables', async () => {
		server = await startLocalServer((_req, res) => reply(res, 200, '{"status":1,"request":"1.23"}'));
		await clientFor(server).call('res.php', { action: 'getbalance' });
		expect(tunnels).toEqual([]);
	});
});
