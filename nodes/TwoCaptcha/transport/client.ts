import FormData from 'form-data';
import { sleep as n8nSleep } from 'n8n-workflow';
import { request } from 'undici';

import { getDispatcher } from './dispatchers';
import { TransportError } from './errors';
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
	/** Injected for tests; defaults to n8n-workflow's abortable sleep. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Makes the per-request timeout signal; defaults to AbortSignal.timeout (real time). */
	timeoutSignal?: (ms: number) => AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_READ_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 5_000;

/** res.php actions that only read state, so repeating them after a lost answer is harmless. */
const READ_ACTIONS = new Set(['get', 'get2', 'getbalance', 'get_pingback']);

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
	return await promise.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
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
	private readonly origin: string;
	private readonly host: string;

	constructor(
		private readonly server: ServerConfig,
		options: ClientOptions = {},
	) {
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.readRetries = options.readRetries ?? DEFAULT_READ_RETRIES;
		this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
		this.sleep = options.sleep ?? n8nSleep;
		this.timeoutSignal = options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms));
		const url = new URL(server.baseUrl);
		this.origin = url.origin;
		this.host = url.host;
	}

	/**
	 * POSTs to in.php or res.php and returns the parsed answer. Never throws for API codes (status 0):
	 * use ensureOk() for that. Throws TransportError for anything that is not a 2Captcha answer, and
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
		for (let attempt = 0; attempt <= retries; attempt++) {
			if (attempt > 0) await this.sleep(this.retryDelayMs * 2 ** (attempt - 1), signal);
			const outcome = await settle(this.send(endpoint, params, files, signal));
			if (outcome.ok) return outcome.value;
			if (!(outcome.error instanceof TransportError)) throw outcome.error;
			lastError = outcome.error;
		}
		throw lastError;
	}

	private buildFields(endpoint: Endpoint, params: RequestParams): Record<string, string> {
		const fields: Record<string, string> = {};
		for (const [name, value] of Object.entries(params)) {
			if (value !== undefined) fields[name] = String(value);
		}
		if (endpoint === 'in.php' && this.server.softId && fields.soft_id === undefined) {
			fields.soft_id = this.server.softId;
		}
		fields.key = this.server.apiKey;
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
		let text: string;
		try {
			const response = await request(`${this.server.baseUrl}/${endpoint}`, {
				method: 'POST',
				body,
				headers,
				signal: combined,
				dispatcher: getDispatcher(this.origin),
			});
			statusCode = response.statusCode;
			text = await response.body.text();
		} catch (error) {
			throw this.failureOf(error, endpoint, timeout, signal);
		}
		const answer = parseAnswer(text);
		if (answer) return answer;
		// An error page may echo the request: mask its key, proxy credentials and pingback secret.
		const bodyExcerpt = excerpt(text, requestSecrets(fields));
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
