import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface LocalServer {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/** A loopback HTTP server that records every request and lets `respond` decide the reply. */
export async function startLocalServer(
	respond: (request: RecordedRequest, res: http.ServerResponse, req: http.IncomingMessage) => void,
): Promise<LocalServer> {
	const requests: RecordedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('latin1'),
			};
			requests.push(recorded);
			respond(recorded, res, req);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function reply(res: http.ServerResponse, status: number, body: string, contentType = 'text/plain'): void {
	res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}
