/** Creating captcha tasks in a sandbox for tests of the Task operations and the trigger. */

export interface SandboxLike {
	url: string;
	apiKey: string;
	log: Array<Record<string, any>>;
	captchas: Map<string, Record<string, any>>;
}

/** Submits a reCAPTCHA V2 task straight to in.php; resolves to its captcha ID. */
export async function submitTask(sandbox: SandboxLike, extra: Record<string, string> = {}): Promise<string> {
	const body = new URLSearchParams({
		key: sandbox.apiKey,
		method: 'userrecaptcha',
		googlekey: '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-',
		pageurl: 'https://example.com/login',
		json: '1',
		...extra,
	});
	const response = await fetch(`${sandbox.url}/in.php`, { method: 'POST', body });
	const json = (await response.json()) as { status: number; request: string };
	if (json.status !== 1) throw new Error(`sandbox refused the task: ${json.request}`);
	return json.request;
}

/** Makes a task solved at once with the given answer (string or object), whatever its drawn solve time. */
export function solveNow(sandbox: SandboxLike, id: string, answer: unknown, extras: Record<string, unknown> = {}) {
	const captcha = sandbox.captchas.get(id)!;
	Object.assign(captcha, { answer, extras, readyAt: 0 });
}

/** Makes a task end as ERROR_CAPTCHA_UNSOLVABLE at its next read. */
export function failNow(sandbox: SandboxLike, id: string) {
	Object.assign(sandbox.captchas.get(id)!, { unsolvable: true, readyAt: 0 });
}

/** The res.php requests the sandbox received, parameters as sent (key redacted), in order. */
export function resRequests(sandbox: SandboxLike): Array<Record<string, string>> {
	return sandbox.log.filter((entry) => entry.endpoint === 'res.php').map((entry) => entry.params);
}

/** Long solve times, so tasks stay CAPCHA_NOT_READY until a test solves them with solveNow. */
export const SLOW_SOLVES = { solveTimes: { '*': { min: 3600, max: 3600 } } };
