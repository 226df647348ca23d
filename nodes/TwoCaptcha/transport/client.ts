
import FormData from 'form-data';
import { request, type Dispatcher } from 'undici';

import { attempt, sleep, timeoutSignal } from '../lib/async';

import { getDispatcher } from './dispatchers';
import { ProtocolError, TransportError } from './errors';
import { parseAnswer } from './parseAnswer';
import { excerpt, redact, requestSecrets } from './redact';
import type { ApiResponse, Endpoint, RequestParams, ServerConfig, UploadFile } from './types';

export type { ApiResponse, Endpoint, RequestParams, ServerConfig, UploadFile } from './types';

export interface ClientOptions {
	/** Per-request limit for connecting, sending and reading the whole answer. Default 30 s. */
	timeoutMs?: number;
	/** Extra attempts for res.php reads after a transport error. Default 2. in.php is never retried here. */
	readRetries?: number;
	/** Wait before the first read retry, doubled each time. Default 5 s, as the API reference advises. */
	retryDelayMs?: number;
	/** Injected for tests; defaults to the shared abortable sleep. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Makes the per-request timeout signal; defaults to AbortSignal.timeout (real time). */
	timeoutSignal?: (ms: number) => AbortSignal;
	/**
	 * Takes one res.php credit from the key's rate limiter; awaited before EVERY res.php request, each read retry
	 * included, so no request of any operation escapes the budget. in.php submissions take their slot in the
	 * solver (the client never retries them).
	 */
	acquireRes?: (signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Answers larger than this are protocol errors, read no further. A 100-id multi-get of long tokens (reCAPTCHA
 * Enterprise ~2.5 kB, JSON answers with cookies a few kB) stays well below it.
 */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const DEFAULT_READ_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 5_000;

/** res.php actions that only read state, so repeating them after a lost answer is harmless. */
const READ_ACTIONS = new Set(['get', 'get2', 'getbalance', 'get_pingback']);

/**
 * The body's bytes, or undefined (the stream destroyed) once it exceeds `limit`. A trickled body is bounded by the
 * request's signal, which aborts the stream at the per-request timeout.
 */
async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer | undefined> {
	// Events rather than for-await: the async iterator hands chunks over a tick later each, which adds up under load.
	return await new Promise<Buffer | undefined>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		body.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) return void chunks.push(chunk);
			body.destroy();
			resolve(undefined);
		});
		body.on('end', () => resolve(Buffer.concat(chunks, size)));
		body.on('error', reject);
	});
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | undefined {
	try {
		return utf8.decode(bytes);
	} catch {
		return undefined;
	}
}

interface EncodedBody {
	body: string | Buffer;
	headers: Record<string, string>;
}

function encodeBody(fields: Record<string, string>, files: UploadFile[] | undefined): EncodedBody {
	if (!files?.length) {
		return {
			body: new URLSearchParams(fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		};
	}
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	for (const file of files) {
		form.append(file.param, file.data, { filename: file.filename, contentType: file.contentType });
	}
	return { body: form.getBuffer(), headers: form.getHeaders() as Record<string, string> };
}

/**
 * Talks to a 2Captcha-compatible server: POST bodies only (the key never goes into a URL), `json=1`
 * always, pooled keep-alive connections, a timeout per request. Answers are judged by their body,
 * not the HTTP status.
 */
export class TwoCaptchaClient {
	private readonly timeoutMs: number;
	private readonly readRetries: number;
	private readonly retryDelayMs: number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	private readonly timeoutSignal: (ms: number) => AbortSignal;
	private readonly acquireRes?: (signal?: AbortSignal) => Promise<void>;
	private readonly origin: string;
	private readonly host: string;

	constructor(
		private readonly server: ServerConfig,
		options: ClientOptions = {},
	) {
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.readRetries = options.readRetries ?? DEFAULT_READ_RETRIES;
		this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
		this.sleep = options.sleep ?? sleep;
		this.timeoutSignal = options.timeoutSignal ?? timeoutSignal;
		this.acquireRes = options.acquireRes;
		const url = new URL(server.baseUrl);
		this.origin = url.origin;
		this.host = url.host;
	}

	/**
	 * POSTs to in.php or res.php and returns the parsed answer. Never throws for API codes (status 0):
	 * use ensureOk() for that. Throws TransportError for anything that is not a 2Captcha answer, ProtocolError
	 * (never retried) for JSON that is one in form but breaks the protocol, and
	 * the signal's reason when `signal` aborts.
	 */
	async call(
		endpoint: Endpoint,
		params: RequestParams,
		files?: UploadFile[],
		signal?: AbortSignal,
	): Promise<ApiResponse> {
		const retries = endpoint === 'res.php' && READ_ACTIONS.has(String(params.action)) ? this.readRetries : 0;
		let lastError: TransportError | undefined;
		for (let round = 0; round <= retries; round++) {
			if (round > 0) await this.sleep(this.retryDelayMs * 2 ** (round - 1), signal);
			if (endpoint === 'res.php') await this.acquireRes?.(signal);
			const outcome = await attempt(this.send(endpoint, params, files, signal));
			if (!outcome.error) return outcome.value;
			if (!(outcome.error instanceof TransportError)) throw outcome.error;
			lastError = outcome.error;
		}
		throw lastError;
	}

	/** The request's fields: the params, then what the credential adds — the key, and soft_id on submissions. */
	private buildFields(endpoint: Endpoint, params: RequestParams): Record<string, string> {
		const fields: Record<string, string> = {};
		for (const [name, value] of Object.entries(params)) {
			if (value !== undefined) fields[name] = String(value);
		}
		fields.key = this.server.apiKey;
		if (endpoint === 'in.php' && this.server.softId) fields.soft_id = this.server.softId;
		fields.json = '1';
		return fields;
	}

	private async send(
		endpoint: Endpoint,
		params: RequestParams,
		files: UploadFile[] | undefined,
		signal: AbortSignal | undefined,
	): Promise<ApiResponse> {
		const fields = this.buildFields(endpoint, params);
		const { body, headers } = encodeBody(fields, files);
		const timeout = this.timeoutSignal(this.timeoutMs);
		const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
		let statusCode: number;
		let bytes: Buffer | undefined;
		try {
			const response = await request(`${this.server.baseUrl}/${endpoint}`, {
				method: 'POST',
				body,
				headers,
				signal: combined,
				dispatcher: getDispatcher(this.origin),
			});
			statusCode = response.statusCode;
			bytes = await readLimited(response.body, MAX_ANSWER_BYTES);
		} catch (error) {
			throw this.failureOf(error, endpoint, timeout, signal);
		}
		if (bytes === undefined) {
			throw new TransportError(
				`${this.host}/${endpoint} sent an answer over ${MAX_ANSWER_BYTES} bytes (HTTP ${statusCode}): protocol error, not read further`,
				{ httpStatus: statusCode },
			);
		}
		const text = decodeUtf8(bytes);
		if (text === undefined) {
			throw new TransportError(`${this.host}/${endpoint} sent an answer that is not UTF-8 (HTTP ${statusCode}): protocol error`, {
				httpStatus: statusCode,
			});
		}
		if (text.trim() === '') {
			throw new TransportError(`${this.host}/${endpoint} sent an empty answer (HTTP ${statusCode}): protocol error`, {
				httpStatus: statusCode,
			});
		}
		const answer = parseAnswer(text);
		if (answer && !('problem' in answer)) return answer;
		// An error page may echo the request: mask its key, proxy credentials and pingback secret.
		const bodyExcerpt = excerpt(text, requestSecrets(fields));
		if (answer) {
			// Well-formed but against the protocol: not retried (a submission that got it may have been paid).
			// res.php's `id` names a captcha; in.php's (a Custom Method parameter) does not.
			const captchaId = endpoint === 'res.php' && typeof params.id === 'string' ? params.id : undefined;
			throw new ProtocolError(`${this.host}/${endpoint} sent ${answer.problem} (HTTP ${statusCode}): protocol error; the service answered: ${bodyExcerpt}`, captchaId);
		}
		throw new TransportError(
			`${this.host}/${endpoint} sent something that is not a 2Captcha answer (HTTP ${statusCode}): ${bodyExcerpt}`,
			{ httpStatus: statusCode, excerpt: bodyExcerpt },
		);
	}

	/** The signal's reason when the caller aborted, else a TransportError (timeout or connection failure). */
	private failureOf(error: unknown, endpoint: Endpoint, timeout: AbortSignal, signal?: AbortSignal): unknown {
		if (signal?.aborted) return signal.reason;
		if (timeout.aborted) {
			return new TransportError(`No answer from ${this.host}/${endpoint} within ${this.timeoutMs} ms`);
		}
		const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return new TransportError(
			`Connection to ${this.host}/${endpoint} failed: ${redact(String(reason), [this.server.apiKey])}`,
		);
	}
}
