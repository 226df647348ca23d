import net from 'node:net';
import tls from 'node:tls';

/** Where n8n's queue mode keeps its Redis (n8n's QUEUE_BULL_REDIS_* settings). */
export interface RedisSettings {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls: boolean;
}

export type RespValue = string | number | null | RespValue[];

/** A reply starting with `-`: Redis refused the command. Its text comes from Redis, never holds the password. */
export class RedisReplyError extends Error {}

const CRLF = '\r\n';

/** One command in RESP: an array of bulk strings. */
function encode(args: ReadonlyArray<string | number>): Buffer {
	const parts = [`*${args.length}${CRLF}`];
	for (const arg of args) {
		const text = String(arg);
		parts.push(`$${Buffer.byteLength(text)}${CRLF}${text}${CRLF}`);
	}
	return Buffer.from(parts.join(''));
}

/**
 * Parses one RESP2 reply from `buffer` at `offset`; undefined while it is incomplete. Errors (`-…`) come back as
 * RedisReplyError values, so a reply inside an array does not break the parse.
 */
function parse(buffer: Buffer, offset: number): { value: RespValue | RedisReplyError; next: number } | undefined {
	const lineEnd = buffer.indexOf(CRLF, offset);
	if (lineEnd < 0) return undefined;
	const type = String.fromCharCode(buffer[offset]);
	const line = buffer.toString('utf8', offset + 1, lineEnd);
	const next = lineEnd + 2;
	switch (type) {
		case '+':
			return { value: line, next };
		case '-':
			return { value: new RedisReplyError(line.slice(0, 200)), next };
		case ':':
			return { value: Number(line), next };
		case '$': {
			const length = Number(line);
			if (length < 0) return { value: null, next };
			if (buffer.length < next + length + 2) return undefined;
			return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
		}
		case '*': {
			const count = Number(line);
			if (count < 0) return { value: null, next };
			const values: RespValue[] = [];
			let at = next;
			for (let i = 0; i < count; i++) {
				const element = parse(buffer, at);
				if (!element) return undefined;
				if (element.value instanceof RedisReplyError) return { value: element.value, next: element.next };
				values.push(element.value);
				at = element.next;
			}
			return { value: values, next: at };
		}
		default:
			throw new Error(`unexpected Redis reply type ${JSON.stringify(type)}`);
	}
}

interface Pending {
	resolve: (value: RespValue) => void;
	reject: (error: Error) => void;
}

/**
 * A minimal Redis client over node:net (RESP2): one connection, commands answered in order, every command with
 * a deadline. AUTH and SELECT run first. Any failure closes the connection and rejects what is pending; the next
 * command connects anew. The socket does not keep the process alive.
 */
export class RedisConnection {
	private socket?: net.Socket;
	private ready?: Promise<void>;
	private pending: Pending[] = [];
	private buffer: Buffer = Buffer.alloc(0);

	constructor(
		private readonly settings: RedisSettings,
		private readonly timeoutMs = 1000,
	) {}

	async call(...args: Array<string | number>): Promise<RespValue> {
		await this.connect();
		return await this.send(args);
	}

	close(): void {
		this.fail(new Error('Redis connection closed'));
	}

	private async connect(): Promise<void> {
		if (!this.ready) {
			this.ready = this.open().catch((error: Error) => {
				this.fail(error);
				throw error;
			});
		}
		await this.ready;
	}

	private async open(): Promise<void> {
		const { host, port, db, username, password } = this.settings;
		const socket = this.settings.tls ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port });
		this.socket = socket;
		socket.setNoDelay(true);
		socket.unref();
		// A socket replaced after a failure must not touch its successor.
		const current = () => this.socket === socket;
		socket.on('data', (chunk: Buffer) => current() && this.receive(chunk));
		socket.on('error', (error) => current() && this.fail(new Error(`Redis ${host}:${port}: ${error.message}`)));
		socket.on('close', () => current() && this.fail(new Error(`Redis ${host}:${port} closed the connection`)));
		const handshake: Array<Array<string | number>> = [];
		if (password) handshake.push(username ? ['AUTH', username, password] : ['AUTH', password]);
		if (db) handshake.push(['SELECT', db]);
		// Commands written before the connection is up are buffered by the socket.
		for (const command of handshake) await this.send(command);
	}

	private async send(args: ReadonlyArray<string | number>): Promise<RespValue> {
		const socket = this.socket;
		if (!socket || socket.destroyed) throw new Error('Redis connection is not open');
		return await new Promise<RespValue>((resolve, reject) => {
			// AbortSignal.timeout's timer does not keep the process alive.
			const deadline = AbortSignal.timeout(this.timeoutMs);
			const onTimeout = () => this.fail(new Error(`Redis did not answer within ${this.timeoutMs} ms`));
			deadline.addEventListener('abort', onTimeout, { once: true });
			const settle = () => deadline.removeEventListener('abort', onTimeout);
			this.pending.push({
				resolve: (value) => (settle(), resolve(value)),
				reject: (error) => (settle(), reject(error)),
			});
			socket.write(encode(args));
		});
	}

	private receive(chunk: Buffer): void {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		try {
			for (;;) {
				const reply = this.buffer.length ? parse(this.buffer, 0) : undefined;
				if (!reply) return;
				this.buffer = this.buffer.subarray(reply.next);
				const waiter = this.pending.shift();
				if (!waiter) throw new Error('Redis sent a reply nobody asked for');
				if (reply.value instanceof RedisReplyError) waiter.reject(reply.value);
				else waiter.resolve(reply.value);
			}
		} catch (error) {
			this.fail(error as Error);
		}
	}

	/** Closes the connection and rejects everything pending; the next call reconnects. */
	private fail(error: Error): void {
		const pending = this.pending;
		this.pending = [];
		this.buffer = Buffer.alloc(0);
		this.ready = undefined;
		const socket = this.socket;
		this.socket = undefined;
		socket?.destroy();
		for (const waiter of pending) waiter.reject(error);
	}
}
