import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { configuredMethod } from '../../catalogue';
import { FieldError, checkMethodRules, checkUrl } from '../../catalogue/toRequest';
import { addBase64Uploads } from '../../catalogue/uploads';
import type { CaptchaMethod } from '../../catalogue/types';
import { attempt } from '../../lib/async';
import { holdEngine } from '../../engine/registry';
import type { SolveOutcome, SolveTask } from '../../engine/solver';
import { solveAll } from '../../engine/solver';
import { toNodeError } from '../../transport/nodeErrors';
import { maskedUrl, requestSecrets, secretsOf } from '../../transport/redact';
import { getServerConfig } from '../../transport/serverConfig';
import type { UploadFile } from '../../transport/types';
import { referenceProblem, withReference } from '../../shared/reference';
import { resolveRunSettings, resolveSettings, type RunSettings, type SolverSettings } from './solverSettings';
import { parameterSource, type ItemSource } from './itemSource';
import { refuseModeInToolCall, reserveCaptchas, startToolDeadline, toolOutput } from './toolCall';
import { modeSettings } from './modes';
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
	method?: CaptchaMethod;
	task?: SolveTask;
	settings?: SolverSettings;
	reference?: string;
	error?: Error;
}

/**
 * Solves one captcha per input item with the given catalogue method. Every item is validated first, so bad
 * input fails before anything is paid for; then all valid items are solved concurrently by the engine.
 */
export function solveOperation(method: CaptchaMethod) {
	return solveItems(parameterSource(method));
}

/** The solve path for items whose method and values come from `source` (see itemSource.ts). */
export function solveItems(source: ItemSource) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		let method = source.method;
		const continueOnFail = this.continueOnFail();
		refuseModeInToolCall(this);
		const pingback = this.getNodeParameter('mode', 0) === WAIT_FOR_PINGBACK;
		if (pingback && !method) {
			throw new NodeOperationError(this.getNode(), 'Wait for Pingback takes one captcha type per node', {
				description: "Nothing was sent to 2Captcha. Use Wait for Result, or the captcha type's own operation.",
			});
		}
		if (pingback) checkPingbackItemCount(this, items.length);
		const prepared: Prepared[] = [];
		// Run-wide settings are read once, from the first item; when they are bad, every item fails with them.
		let run: RunSettings | undefined;
		let runError: Error | undefined;
		try {
			run = resolveRunSettings(modeSettings(this.getNodeParameter('mode', 0), this.getNodeParameter('solverSettings', 0, {})));
			if (method) method = configuredMethod(method, (name) => this.getNodeParameter(name, 0, undefined));
		} catch (error) {
			runError = asInputError(this, error, 0);
			if (!continueOnFail) throw runError;
		}
		for (let i = 0; i < items.length; i++) {
			try {
				if (runError) throw runError;
				prepared.push(await prepareItem(this, source, i, method));
			} catch (error) {
				const nodeError = asInputError(this, error, i);
				if (!continueOnFail) throw nodeError;
				prepared.push({ error: nodeError });
			}
		}

		const valid = prepared.filter((p): p is Required<Prepared> => p.task !== undefined);
		const mode = this.getNodeParameter('mode', 0) === 'submitOnly' || pingback ? 'submit' : 'wait';
		if (pingback && valid.length && run) await registerResumeHostIfAsked(this);
		const startedAt = Date.now();
		if (valid.length && run) reserveCaptchas(this, valid.length);
		const deadline = startToolDeadline(this, valid.map((p) => p.task.timeoutMs));
		const outcomes = valid.length && run ? await solveValid(this, valid, mode, run, deadline?.signal) : [];
		deadline?.settle(outcomes);

		const byItem = new Map<Prepared, SolveOutcome>(valid.map((p, i) => [p, outcomes[i]]));
		const results = prepared.map((p, itemIndex) => {
			const outcome = byItem.get(p);
			let error = p.error ?? outcome?.error;
			// A paid answer the parser cannot read is kept whole in the error item.
			let rawAnswer: IDataObject | undefined;
			if (!error && outcome) {
				try {
					return { json: outputJson(p.method!, pingback ? 'pingback' : mode, p, outcome), pairedItem: { item: itemIndex } };
				} catch (parseError) {
					error = parseError instanceof Error ? parseError : new Error(String(parseError));
					rawAnswer = { rawAnswer: outcome.answer?.request as IDataObject };
				}
			}
			if (error) {
				if (!continueOnFail) throw toNodeError(this, error, itemIndex, outcome?.captchaId);
				return { json: { ...failedJson(this, p.method ?? method, error, outcome?.captchaId, rawAnswer), ...issuedIds(outcome) }, pairedItem: { item: itemIndex } };
			}
			throw new NodeOperationError(this.getNode(), 'Item was neither solved nor failed', { itemIndex });
		});
		if (!pingback || !valid.length || !method) return toolOutput(this, results);
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
async function solveValid(
	ctx: IExecuteFunctions,
	valid: Array<Required<Prepared>>,
	mode: 'wait' | 'submit',
	{ maxInFlight, unsolvableRetries }: RunSettings,
	signal = ctx.getExecutionCancelSignal(),
): Promise<SolveOutcome[]> {
	const server = await attempt(getServerConfig(ctx));
	if (server.error) return valid.map(() => ({ submissions: 0, captchaIds: [], error: server.error }));
	const softId = server.value.softId;
	const { engine, release } = holdEngine(server.value);
	try {
		return await solveAll(
			valid.map((p) => (softId ? { ...p.task, params: { ...p.task.params, soft_id: softId } } : p.task)),
			engine,
			{ mode, maxInFlight, unsolvableRetries, signal },
		);
	} finally {
		release();
	}
}

/** One item's values from `source`; `configured` is the operation's method as the node configures it (Answer As). */
async function prepareItem(ctx: IExecuteFunctions, source: ItemSource, itemIndex: number, configured?: CaptchaMethod): Promise<Prepared> {
	const input = await source.read(ctx, itemIndex);
	const method = configured ?? input.method;
	const { params, uploads } = input;
	// One transfer mode per submission: multipart files when every upload came from a binary property and the
	// method takes files, base64 otherwise (mixing would send method=post with a base64 body).
	const multipart = uploads.length > 0 && uploads.every((u) => u.fromBinary && u.spec.multipartParam);
	const files: UploadFile[] = [];
	for (const upload of multipart ? uploads : []) {
		files.push({ param: upload.spec.multipartParam!, data: upload.data, filename: upload.filename, contentType: upload.contentType });
		params[upload.spec.multipartParam!] = upload.filename; // stands in for the file in the rules below; not sent
	}
	if (!multipart) addBase64Uploads(params, uploads);
	checkMethodRules(method, params);
	if (multipart) {
		params.method = method.multipartMethod ?? params.method;
		for (const file of files) delete params[file.param];
	}

	let reference: string | undefined;
	if (ctx.getNodeParameter('mode', itemIndex) === WAIT_FOR_PINGBACK) params.pingback = resumeUrl(ctx, itemIndex);
	else if (ctx.getNodeParameter('mode', itemIndex) === 'submitOnly') {
		const pingback = String(ctx.getNodeParameter('pingbackUrl', itemIndex, '')).trim();
		if (!pingback) throw new FieldError('Pingback URL', "is required in Submit Only: paste the 2Captcha Trigger's Pingback URL");
		checkUrl('Pingback URL', pingback);
		params.pingback = pingback;
		reference = readReference(ctx, itemIndex);
		if (reference !== undefined && params.pingback) params.pingback = withReference(String(params.pingback), reference);
	}

	secretsOf(ctx).add(...requestSecrets(params));
	const settings = resolveSettings(
		modeSettings(ctx.getNodeParameter('mode', itemIndex), ctx.getNodeParameter('solverSettings', itemIndex, {})),
		method.timings,
	);
	const task: SolveTask = {
		params,
		files: files.length ? files : undefined,
		firstPollMs: settings.firstPollMs,
		pollIntervalMs: settings.pollIntervalMs,
		timeoutMs: settings.timeoutMs,
		multiGetAnswer:
			typeof method.multiGetAnswer === 'function' ? method.multiGetAnswer(params as Record<string, string>) : method.multiGetAnswer,
	};
	return { method, task, settings, reference };
}

/** The optional Reference: blank is none; numbers from expressions become text; anything else must pass the rule. */
function readReference(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = ctx.getNodeParameter('reference', itemIndex, '') as unknown;
	const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
	if (value === '' || value === undefined || value === null) return undefined;
	const problem = referenceProblem(value);
	if (problem) throw new FieldError('Reference', problem);
	return value as string;
}

function outputJson(method: CaptchaMethod, mode: 'wait' | 'submit' | 'pingback', prepared: Prepared, outcome: SolveOutcome): IDataObject {
	// The resume URL carries n8n's token: never in an output.
	if (mode === 'pingback') return unansweredJson(method, outcome.captchaId);
	if (mode === 'submit') {
		return {
			captchaId: outcome.captchaId,
			method: method.value,
			status: 'submitted',
			pingbackUrl: maskedPingback(prepared),
			...(prepared.reference === undefined ? {} : { reference: prepared.reference }),
		};
	}
	return { ...solvedJson(method, outcome.captchaId, outcome.answer!, prepared.settings?.includeRawAnswer), ...issuedIds(outcome) };
}

/** Every captcha id 2Captcha issued for the item (an unsolvable retry replaces one): each may have been paid. */
function issuedIds(outcome: SolveOutcome | undefined): IDataObject {
	return outcome?.captchaIds.length ? { captchaIds: outcome.captchaIds } : {};
}

/** The Pingback URL without its secret: its query values are masked. */
function maskedPingback(prepared: Prepared): string | undefined {
	const url = prepared.task?.params.pingback;
	return typeof url === 'string' ? maskedUrl(url) : undefined;
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
