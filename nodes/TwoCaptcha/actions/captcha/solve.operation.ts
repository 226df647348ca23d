import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FieldError, checkMethodRules, toInPhpParams } from '../../catalogue/toRequest';
import type { CaptchaMethod } from '../../catalogue/types';
import { attempt } from '../../engine/attempt';
import { getEngine } from '../../engine/registry';
import type { SolveOutcome, SolveTask } from '../../engine/solver';
import { solveAll } from '../../engine/solver';
import { toNodeError } from '../../transport/nodeErrors';
import { getServerConfig } from '../../transport/serverConfig';
import type { UploadFile } from '../../transport/types';
import { resolveSettings, type SolverSettings } from './solverSettings';
import { resolveUpload } from './uploads';
import { failedJson, solvedJson } from './output';
import {
	checkPingbackItemCount,
	registerResumeHostIfAsked,
	resumeUrl,
	unansweredJson,
	WAIT_FOR_PINGBACK,
	waitForPingbacks,
} from './waitForPingback';

interface Prepared {
	task?: SolveTask;
	settings?: SolverSettings;
	error?: Error;
}

/**
 * Solves one captcha per input item with the given catalogue method. Every item is validated first, so bad
 * input fails before anything is paid for; then all valid items are solved concurrently by the engine.
 */
export function solveOperation(method: CaptchaMethod) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const continueOnFail = this.continueOnFail();
		const pingback = this.getNodeParameter('mode', 0) === WAIT_FOR_PINGBACK;
		if (pingback) checkPingbackItemCount(this, items.length);
		const prepared: Prepared[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				prepared.push(await prepareItem(this, method, i));
			} catch (error) {
				const nodeError = asInputError(this, error, i);
				if (!continueOnFail) throw nodeError;
				prepared.push({ error: nodeError });
			}
		}

		const valid = prepared.filter((p): p is Required<Prepared> => p.task !== undefined);
		const mode = this.getNodeParameter('mode', 0) === 'submitOnly' || pingback ? 'submit' : 'wait';
		if (pingback && valid.length) await registerResumeHostIfAsked(this);
		const startedAt = Date.now();
		const outcomes = valid.length ? await solveValid(this, valid, mode) : [];

		const byItem = new Map<Prepared, SolveOutcome>(valid.map((p, i) => [p, outcomes[i]]));
		const results = prepared.map((p, itemIndex) => {
			const outcome = byItem.get(p);
			let error = p.error ?? outcome?.error;
			// A paid answer the parser cannot read is kept whole in the error item.
			let rawAnswer: IDataObject | undefined;
			if (!error && outcome) {
				try {
					return { json: outputJson(method, pingback ? 'pingback' : mode, p, outcome), pairedItem: { item: itemIndex } };
				} catch (parseError) {
					error = parseError instanceof Error ? parseError : new Error(String(parseError));
					rawAnswer = { rawAnswer: outcome.answer?.request as IDataObject };
				}
			}
			if (error) {
				if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex, outcome?.captchaId);
				return { json: failedJson(method, error, outcome?.captchaId, rawAnswer), pairedItem: { item: itemIndex } };
			}
			throw new NodeOperationError(this.getNode(), 'Item was neither solved nor failed', { itemIndex });
		});
		if (!pingback || !valid.length) return results;
		return await waitForPingbacks(this, method, results, {
			startedAt,
			earliestSolveMs: Math.min(...valid.map((p) => p.task.firstPollMs)),
			timeoutMs: Math.max(...valid.map((p) => p.task.timeoutMs)),
			includeRawAnswer: valid[0].settings.includeRawAnswer,
			fetchAlone: prepared.map((p) => p.task !== undefined && !p.task.multiGetAnswer),
		});
	};
}

/** Runs the engine over the valid items; a credential that cannot be read fails each of them. */
async function solveValid(ctx: IExecuteFunctions, valid: Array<Required<Prepared>>, mode: 'wait' | 'submit'): Promise<SolveOutcome[]> {
	const server = await attempt(getServerConfig(ctx));
	if (server.error) return valid.map(() => ({ submissions: 0, error: server.error }));
	// Run-wide settings come from the first item; timings are per item.
	const { maxInFlight, unsolvableRetries } = valid[0].settings;
	const softId = server.value.softId;
	return await solveAll(
		valid.map((p) => (softId ? { ...p.task, params: { ...p.task.params, soft_id: softId } } : p.task)),
		getEngine(server.value),
		{ mode, maxInFlight, unsolvableRetries, signal: ctx.getExecutionCancelSignal() },
	);
}

async function prepareItem(ctx: IExecuteFunctions, method: CaptchaMethod, itemIndex: number): Promise<Prepared> {
	const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as Record<string, unknown>;
	const values: Record<string, unknown> = { ...options };
	for (const field of method.fields) values[field.name] = ctx.getNodeParameter(field.name, itemIndex, '');
	const params: SolveTask['params'] = toInPhpParams(method, values);

	const uploads = [];
	for (const spec of method.uploads ?? []) {
		const upload = await resolveUpload(ctx, itemIndex, spec, options);
		if (upload) uploads.push(upload);
	}
	// One transfer mode per submission: multipart files when every upload came from a binary property and the
	// method takes files, base64 otherwise (mixing would send method=post with a base64 body).
	const multipart = uploads.length > 0 && uploads.every((u) => u.fromBinary && u.spec.multipartParam);
	const files: UploadFile[] = [];
	for (const upload of uploads) {
		if (multipart) {
			files.push({ param: upload.spec.multipartParam!, data: upload.data, filename: upload.filename, contentType: upload.contentType });
			params[upload.spec.multipartParam!] = upload.filename; // stands in for the file in the rules below; not sent
		} else {
			params[upload.spec.base64Param] = upload.data.toString('base64');
		}
	}
	checkMethodRules(method, params);
	if (multipart) {
		params.method = method.multipartMethod ?? params.method;
		for (const file of files) delete params[file.param];
	}

	if (ctx.getNodeParameter('mode', itemIndex) === WAIT_FOR_PINGBACK) params.pingback = resumeUrl(ctx, itemIndex);
	else if (ctx.getNodeParameter('mode', itemIndex) === 'submitOnly') {
		const pingback = String(ctx.getNodeParameter('pingbackUrl', itemIndex, '')).trim();
		if (pingback) {
			if (!/^https?:\/\/[^\s/]+/.test(pingback)) throw new FieldError('Pingback URL', 'must be a full http(s) URL');
			params.pingback = pingback;
		}
	}

	const settings = resolveSettings(ctx.getNodeParameter('solverSettings', itemIndex, {}) as Record<string, unknown>, method.timings);
	const task: SolveTask = {
		params,
		files: files.length ? files : undefined,
		firstPollMs: settings.firstPollMs,
		pollIntervalMs: settings.pollIntervalMs,
		timeoutMs: settings.timeoutMs,
		multiGetAnswer:
			typeof method.multiGetAnswer === 'function' ? method.multiGetAnswer(params as Record<string, string>) : method.multiGetAnswer,
	};
	return { task, settings };
}

function outputJson(method: CaptchaMethod, mode: 'wait' | 'submit' | 'pingback', prepared: Prepared, outcome: SolveOutcome): IDataObject {
	// The resume URL carries n8n's token: never in an output.
	if (mode === 'pingback') return unansweredJson(method, outcome.captchaId);
	if (mode === 'submit') {
		return { captchaId: outcome.captchaId, method: method.value, status: 'submitted', pingbackUrl: prepared.task?.params.pingback };
	}
	return solvedJson(method, outcome.captchaId, outcome.answer!, prepared.settings?.includeRawAnswer);
}

function asInputError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof FieldError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: 'Nothing was sent to 2Captcha for this item.',
		});
	}
	return error instanceof Error ? error : new Error(String(error));
}
