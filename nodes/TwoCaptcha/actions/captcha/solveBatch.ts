/**
 * The parts of a solve every mode uses: the validated items of one run (SolveBatch), submitting them through the
 * key's engine with the tool guard rails (submitBatch), and one output item per input item (outputItems).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CaptchaMethod } from '../../catalogue/types';
import { holdEngine } from '../../engine/registry';
import { solveAll, type SolveOutcome, type SolveTask } from '../../engine/solver';
import { attempt } from '../../lib/async';
import { toNodeError } from '../../transport/nodeErrors';
import { getServerConfig } from '../../transport/serverConfig';
import { failedJson } from './output';
import type { RunSettings, SolverSettings } from './solverSettings';
import { reserveCaptchas, startToolDeadline } from './toolCall';

/** One input item after validation: ready to submit (`task`), or failed (`error`, nothing sent). */
export interface BatchItem {
	method?: CaptchaMethod;
	task?: SolveTask;
	settings?: SolverSettings;
	/** Fields the mode's output carries for the item (ItemNeeds.output). */
	output?: IDataObject;
	error?: Error;
}

export type ValidItem = Required<Pick<BatchItem, 'method' | 'task' | 'settings'>> & BatchItem;

/** What solve.operation.ts hands a mode: every input item, validated, and the run-wide values read once. */
export interface SolveBatch {
	/** One per input item, in order. */
	items: BatchItem[];
	/** The operation's method as the node configures it (Answer As); undefined when each item names its type. */
	method?: CaptchaMethod;
	/** Custom Method's Answer As as read for `method`, once (Wait for Pingback's doorbell parses with it too). */
	answerAs?: string;
	run: RunSettings;
	/** Whether the run answers an AI tool call (isToolRun, asked once). */
	inToolCall: boolean;
	continueOnFail: boolean;
}

export const isValid = (item: BatchItem): item is ValidItem => item.task !== undefined;

/**
 * Submits the valid items through the key's engine: `awaitAnswer` polls each answer, else each comes back at its
 * captcha ID. Max Captchas Per Execution is counted first; in a tool call the longest Timeout is the deadline.
 * Outcomes are per input item (undefined for an item that failed validation); a credential that cannot be read
 * fails each valid item.
 */
export async function submitBatch(ctx: IExecuteFunctions, batch: SolveBatch, awaitAnswer: boolean): Promise<Array<SolveOutcome | undefined>> {
	const valid = batch.items.filter(isValid);
	reserveCaptchas(ctx, valid.length, batch.run.maxCaptchas);
	const deadline = startToolDeadline(ctx, batch.inToolCall, valid.map((item) => item.task.timeoutMs));
	const outcomes = await solveValid(ctx, valid.map((item) => item.task), awaitAnswer, batch.run, deadline?.signal);
	deadline?.settle(outcomes);
	const byItem = new Map<BatchItem, SolveOutcome>(valid.map((item, k) => [item, outcomes[k]]));
	return batch.items.map((item) => byItem.get(item));
}

async function solveValid(
	ctx: IExecuteFunctions,
	tasks: SolveTask[],
	awaitAnswer: boolean,
	{ maxInFlight, unsolvableRetries }: RunSettings,
	signal = ctx.getExecutionCancelSignal(),
): Promise<SolveOutcome[]> {
	const server = await attempt(getServerConfig(ctx));
	if (server.error) return tasks.map(() => ({ submissions: 0, captchaIds: [], error: server.error }));
	const { engine, release } = holdEngine(server.value);
	try {
		return await solveAll(tasks, engine, { mode: awaitAnswer ? 'wait' : 'submit', maxInFlight, unsolvableRetries, signal });
	} finally {
		release();
	}
}

/**
 * One output item per input item: `json(item, outcome)` for a submitted item (the mode's shape), the error for the
 * others (thrown, or under Continue On Fail an error item with its captcha IDs). A paid answer the parser cannot
 * read (json throws) is kept whole in its error item.
 */
export function outputItems(
	ctx: IExecuteFunctions,
	batch: Pick<SolveBatch, 'items' | 'method' | 'continueOnFail'>,
	outcomes: ReadonlyArray<SolveOutcome | undefined>,
	json: (item: ValidItem, outcome: SolveOutcome) => IDataObject,
): INodeExecutionData[] {
	return batch.items.map((item, itemIndex) => {
		const outcome = outcomes[itemIndex];
		let error = item.error ?? outcome?.error;
		let rawAnswer: IDataObject | undefined;
		if (!error && outcome && isValid(item)) {
			try {
				return { json: json(item, outcome), pairedItem: { item: itemIndex } };
			} catch (parseError) {
				error = parseError instanceof Error ? parseError : new Error(String(parseError));
				rawAnswer = { rawAnswer: outcome.answer?.request as IDataObject };
			}
		}
		if (!error) throw new NodeOperationError(ctx.getNode(), 'Item was neither solved nor failed', { itemIndex });
		if (!batch.continueOnFail) throw toNodeError(ctx, error, itemIndex, outcome?.captchaId);
		const failed = failedJson(ctx, item.method ?? batch.method, error, outcome?.captchaId, rawAnswer);
		return { json: { ...failed, ...issuedIds(outcome) }, pairedItem: { item: itemIndex } };
	});
}

/** Every captcha ID 2Captcha issued for the item (an unsolvable retry replaces one): each may have been paid. */
export function issuedIds(outcome: SolveOutcome | undefined): IDataObject {
	return outcome?.captchaIds.length ? { captchaIds: outcome.captchaIds } : {};
}
