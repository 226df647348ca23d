/**
 * A small HTTP server standing in for n8n's webhook servers (production webhooks, waiting executions): each request
 * arrives as n8n hands it to a node — query string → query, urlencoded body → body — and `handle` answers it.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FrontRequest {
	url: URL;
	body: Record<string, string>;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	socket: Socket;
	originalUrl: string;
}

export interface WebhookFront {
	/** http://127.0.0.1:<port> */
	origin: string;
	close: () => Promise<void>;
}

export async function startWebhookFront(handle: (request: FrontRequest) => Promise<{ status: number; body?: string }>): Promise<WebhookFront> {
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url!, 'http://front');
		const { status, body } = await handle({
			url,
			body: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			socket: req.socket,
			originalUrl: req.url!,
		});
		res.writeHead(status).end(body ?? '');
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

/** Resolves once `condition()` holds (checked every 10 ms); throws after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
