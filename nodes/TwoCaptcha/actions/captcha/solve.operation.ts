/**
 * The solve path of every captcha operation: it validates every item first, so bad input fails before anything is
 * paid for, then hands the validated items to the run's mode (modes/), which submits them and makes the output.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { configuredMethod } from '../../catalogue';
import { FieldError, checkMethodRules } from '../../catalogue/toRequest';
import { addBase64Uploads } from '../../catalogue/uploads';
import type { CaptchaMethod } from '../../catalogue/types';
import type { SolveTask } from '../../engine/solver';
import { requestSecrets, secretsOf } from '../../transport/redact';
import type { UploadFile } from '../../transport/types';
import { parameterSource, type ItemSource } from './itemSource';
import { modeSettings, readMode, type Mode } from './modes';
import { isValid, outputItems, type BatchItem, type SolveBatch } from './solveBatch';
import { resolveRunSettings, resolveSettings, type RunSettings } from './solverSettings';
import { isToolRun, refuseModeInToolCall, toolOutput } from './toolCall';

/** One captcha per input item with the given catalogue method (a captcha type's own operation). */
export function solveOperation(method: CaptchaMethod) {
	return solveItems(parameterSource(method));
}

/** The solve path for items whose method and values come from `source` (see itemSource.ts). */
export function solveItems(source: ItemSource) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const continueOnFail = this.continueOnFail();
		const mode = readMode(this);
		const inToolCall = isToolRun(this);
		refuseModeInToolCall(this, mode, inToolCall);
		mode.checkRun?.(this, { itemCount: items.length, method: source.method });

		// Run-wide values are read once, from the first item; when they are bad, every item fails with them.
		let run: RunSettings | undefined;
		let method = source.method;
		let answerAs: string | undefined;
		let firstSettings: Record<string, unknown> | undefined;
		let runError: Error | undefined;
		try {
			if (method?.answerChoice) {
				const chosen = this.getNodeParameter(method.answerChoice.name, 0, undefined);
				method = configuredMethod(method, () => chosen);
				answerAs = String(chosen ?? method.answerChoice!.default);
			}
			firstSettings = modeSettings(mode.value, this.getNodeParameter('solverSettings', 0, {}));
			run = resolveRunSettings(firstSettings, { inToolCall });
		} catch (error) {
			runError = asInputError(this, error, 0);
			if (!continueOnFail) throw runError;
		}

		const prepared: BatchItem[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (runError) throw runError;
				// Each item's Solver Settings are read and parsed once (the first item's above).
				const settings = i === 0 ? firstSettings! : modeSettings(mode.value, this.getNodeParameter('solverSettings', i, {}));
				prepared.push(await prepareItem(this, source, i, mode, settings, method));
			} catch (error) {
				const nodeError = asInputError(this, error, i);
				if (!continueOnFail) throw nodeError;
				prepared.push({ error: nodeError });
			}
		}

		// Nothing valid (Continue On Fail): every item is its error, and nothing is sent.
		if (!run || !prepared.some(isValid)) return outputItems(this, { items: prepared, method, continueOnFail }, [], () => ({}));
		const batch: SolveBatch = { items: prepared, method, answerAs, run, inToolCall, continueOnFail };
		return toolOutput(inToolCall, await mode.run(this, batch));
	};
}

/**
 * One item, validated: its values from `source`, its uploads, the method's rules, what the mode needs from it
 * (the pingback) and its settings. `configured` is the operation's method as the node configures it (Answer As).
 */
async function prepareItem(
	ctx: IExecuteFunctions,
	source: ItemSource,
	itemIndex: number,
	mode: Mode,
	rawSettings: Record<string, unknown>,
	configured?: CaptchaMethod,
): Promise<BatchItem> {
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
	try {
		if (!multipart) addBase64Uploads(params, uploads);
		checkMethodRules(method, params);
	} catch (error) {
		throw source.relabel ? source.relabel(error, method) : error;
	}
	if (multipart) {
		params.method = method.multipartMethod ?? params.method;
		for (const file of files) delete params[file.param];
	}

	const needs = mode.readItem?.(ctx, itemIndex) ?? {};
	if (needs.pingback !== undefined) params.pingback = needs.pingback;
	secretsOf(ctx).add(...requestSecrets(params));
	const settings = resolveSettings(rawSettings, method.timings);
	const task: SolveTask = {
		params,
		files: files.length ? files : undefined,
		firstPollMs: settings.firstPollMs,
		pollIntervalMs: settings.pollIntervalMs,
		timeoutMs: settings.timeoutMs,
		multiGetAnswer:
			typeof method.multiGetAnswer === 'function' ? method.multiGetAnswer(params as Record<string, string>) : method.multiGetAnswer,
	};
	return { method, task, settings, output: needs.output };
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
