/**
 * A coordination store on a local port standing in for n8n's queue-mode Redis, misbehaving on demand: `mode`
 * decides every reply — `real` (a real Redis answers), `slow` (the real answer, 300 ms late: within the client's
 * deadline), `late` (the real answer, 1.5 s late: past it), `one` (`:1` to everything), `nil`, `garbage`, or
 * `silent` (no answer at all).
 */
import { once } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export const STORE_MODES = ['real', 'slow', 'late', 'one', 'nil', 'garbage', 'silent'] as const;
export type StoreMode = (typeof STORE_MODES)[number];

export interface HostileStore {
	port: number;
	setMode: (mode: StoreMode) => void;
	close: () => void;
}

const DELAY_MS: Partial<Record<StoreMode, number>> = { slow: 300, late: 1500 };

export async function startHostileStore(): Promise<HostileStore> {
	let mode: StoreMode = 'real';
	const sockets: net.Socket[] = [];
	const server = net
		.createServer((socket) => {
			sockets.push(socket);
			const upstream = net.connect(6379, '127.0.0.1');
			upstream.on('error', () => socket.destroy());
			// The mode of the moment a request came decides its reply (and its delay).
			const relaying: StoreMode[] = [];
			upstream.on('data', (chunk) => {
				const as = relaying.shift() ?? mode;
				const delay = DELAY_MS[as];
				if (delay) setTimeout(() => socket.destroyed || socket.write(chunk), delay).unref();
				else socket.write(chunk);
			});
			socket.on('data', (chunk) => {
				const commands = (String(chunk).match(/^\*\d+\r$/gm) ?? []).length || 1;
				if (mode === 'real' || mode in DELAY_MS) {
					// Replies come back in one chunk per command here (requests are small and answered in order).
					for (let k = 0; k < commands; k++) relaying.push(mode);
					upstream.write(chunk);
				} else if (mode === 'one') socket.write(':1\r\n'.repeat(commands));
				else if (mode === 'nil') socket.write('$-1\r\n'.repeat(commands));
				else if (mode === 'garbage') socket.write('?what\r\n');
				// 'silent': no answer at all
			});
			socket.on('close', () => upstream.destroy());
			socket.on('error', () => upstream.destroy());
		})
		.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		port: (server.address() as AddressInfo).port,
		setMode: (next) => (mode = next),
		close: () => {
			for (const socket of sockets) socket.destroy();
			server.close();
		},
	};
}

const QUEUE_ENV = ['EXECUTIONS_MODE', 'QUEUE_BULL_REDIS_HOST', 'QUEUE_BULL_REDIS_PORT', 'QUEUE_BULL_REDIS_DB', 'QUEUE_BULL_PREFIX'] as const;

/** Points n8n's queue-mode settings (as every n8n process has them) at `store`; returns the undo. */
export function useQueueMode(store: HostileStore, prefix: string): () => void {
	const saved = Object.fromEntries(QUEUE_ENV.map((key) => [key, process.env[key]]));
	Object.assign(process.env, {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(store.port),
		QUEUE_BULL_REDIS_DB: '6',
		QUEUE_BULL_PREFIX: `${prefix}-${process.pid}`,
	});
	return () => {
		for (const key of QUEUE_ENV) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
	};
}
