/**
 * Everything the suite sees come out of the node: output items, thrown errors (message, description, context,
 * stack) and every line logged through console, process.stdout/stderr or n8n's LoggerProxy. The last test of
 * each file scans it for the secrets: the API key and the proxy password must appear nowhere.
 */
import { LoggerProxy, type Logger } from 'n8n-workflow';

/** Fixed secrets, so every file scans for the same values. Hex, like a real 2Captcha key. */
export const API_KEY = '5ec7e7ab5ec7e7ab5ec7e7ab5ec7e7ab';
export const PROXY_PASSWORD = 'Pr0xy-Pa55w0rd-8rq';
export const PROXY = `scraper:${PROXY_PASSWORD}@10.0.0.2:3128`;

const lines: string[] = [];

export function record(label: string, value: unknown): void {
	lines.push(`${label}: ${serialize(value)}`);
}

/** JSON of anything, errors included with their non-enumerable message, stack and cause; `omit` names keys left out. */
export function serialize(value: unknown, omit: readonly string[] = []): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (key, inner: unknown) => {
		if (omit.includes(key)) return undefined;
		if (typeof inner !== 'object' || inner === null) return inner;
		if (seen.has(inner)) return '[circular]';
		seen.add(inner);
		if (!(inner instanceof Error)) return inner;
		const { name, message, stack, cause } = inner;
		return { ...inner, name, message, stack, cause };
	});
}

/** Records every log line written while the file runs (and still prints nothing extra). */
export function captureLogs(): void {
	let restore: Array<() => void> = [];
	beforeAll(() => {
		for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => record(`console.${level}`, args));
			restore.push(() => spy.mockRestore());
		}
		for (const stream of [process.stdout, process.stderr]) {
			const original = stream.write.bind(stream);
			const spy = jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
				record('stdio', String(chunk));
				return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write);
			restore.push(() => spy.mockRestore());
		}
		const log = (level: string) => (message: string, meta?: object) => record(`n8n.${level}`, { message, meta });
		const logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') } as unknown as Logger;
		LoggerProxy.init(logger);
	});
	afterAll(() => {
		for (const undo of restore) undo();
		restore = [];
	});
}

/** The recorded lines holding any of the secrets, raw or URL-encoded. */
export function linesWithSecrets(secrets: string[] = [API_KEY, PROXY_PASSWORD]): string[] {
	const forms = secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]);
	return lines.filter((line) => forms.some((form) => line.includes(form)));
}

/** Defines the file's last test: the transcript is not empty and leaks no secret (nor any of `extraSecrets`). */
export function itLeaksNoSecrets(extraSecrets: string[] = []): void {
	it('leaks neither the API key nor the proxy password in any output, error or log line', () => {
		expect(lines.length).toBeGreaterThan(0);
		expect(linesWithSecrets([API_KEY, PROXY_PASSWORD, ...extraSecrets]).map((line) => line.slice(0, 300))).toEqual([]);
	});
}
