/**
 * The captcha operations inside an AI tool call (n8n's AI Agent, the Tool Executor, the MCP Server Trigger):
 * how the node knows it runs as a tool, the modes a tool call cannot use, the spend cap, the deadline and the
 * small output a model reads.
 *
 * How n8n runs a node as a tool: its "<name>Tool" variant (the node type with `usableAsTool`) has no main input.
 * The Tool Executor and the MCP Server Trigger call it through n8n-core's createNodeAsTool: execute() runs in a
 * supply-data context whose isToolExecution() is true, with one input item, the tool call's arguments, which
 * `$fromAI()` expressions read. The AI Agent (v3) asks the workflow engine to run the tool node instead: an ordinary
 * execute context (isToolExecution() false) of the "…Tool" node type. Either way the tool returns the node's
 * output items as JSON text; a thrown error is the tool's error.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SolveOutcome } from '../../engine/solver';
import { SolveAbortedError } from '../../engine/solveErrors';
import { timeoutSignal } from '../../lib/async';

/** What the node's tool variant tells a model about itself (n8n's default Tool Description). */
export const TOOL_DESCRIPTION =
	'Solves a captcha through 2Captcha and returns its solution (a token, text, click positions or an object) with the captcha ID. Every solve is paid from the 2Captcha balance and takes about 5-60 seconds.';

/** Whether this execute() answers an AI tool call; the solve path asks once per run (SolveBatch.inToolCall). */
export function isToolRun(ctx: IExecuteFunctions): boolean {
	const viaTool = typeof ctx.isToolExecution === 'function' && ctx.isToolExecution();
	return viaTool || ctx.getNode().type.endsWith('Tool');
}

/** A tool call needs the answer now: Wait for Pingback puts the execution to wait, Submit Only returns no answer. */
export function refuseModeInToolCall(ctx: IExecuteFunctions, mode: { name: string; inToolCall: boolean }, inToolCall: boolean): void {
	if (mode.inToolCall || !inToolCall) return;
	throw new NodeOperationError(ctx.getNode(), `Mode "${mode.name}" cannot run inside an AI tool call: set Mode to "Wait for Result"`, {
		description: 'Nothing was sent to 2Captcha. A tool call must return the answer itself: Wait for Result does.',
	});
}

/** Captchas sent per execution, for Max Captchas Per Execution; an execution's count is dropped when it has been idle this long. */
const COUNT_IDLE_MS = 6 * 60 * 60 * 1000;
const sentPerExecution = new Map<string, { count: number; touchedAt: number }>();

/**
 * Counts `count` captchas about to be sent against Max Captchas Per Execution (`max`, 0: no cap), or throws (nothing sent) when they
 * would pass it. Every tool call of one agent run counts into one execution; an MCP tool call that n8n runs
 * before its execution exists counts alone.
 */
export function reserveCaptchas(ctx: IExecuteFunctions, count: number, max: number): void {
	if (max === 0) return;
	const now = Date.now();
	for (const [key, entry] of sentPerExecution) if (now - entry.touchedAt > COUNT_IDLE_MS) sentPerExecution.delete(key);
	const executionId = ctx.getExecutionId();
	const key = executionId ? `${ctx.getWorkflow().id ?? ''}:${executionId}` : undefined;
	const sent = (key && sentPerExecution.get(key)?.count) || 0;
	if (sent + count > max) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Max Captchas Per Execution (${max}) reached: ${sent} captcha${sent === 1 ? ' was' : 's were'} already sent in this execution${count > 1 ? `, ${count} more asked` : ''}`,
			{
				description:
					'Nothing was sent to 2Captcha. Every solve is paid: the cap stops an agent or a loop from spending without end. Raise "Max Captchas Per Execution" in Solver Settings if more are expected.',
			},
		);
	}
	if (key) sentPerExecution.set(key, { count: sent + count, touchedAt: now });
}

/** An answer that did not come within the tool call's deadline, the item's Timeout. */
class ToolDeadlineError extends Error {
	readonly code = 'TIMEOUT';
	constructor(
		timeoutSec: number,
		readonly captchaId?: string,
	) {
		super(
			`No answer within ${timeoutSec} s, this tool call's deadline (the Timeout in Solver Settings)${captchaId ? `; captcha ${captchaId} is no longer awaited` : ''}`,
		);
		this.name = 'ToolDeadlineError';
	}
}

export interface ToolDeadline {
	signal: AbortSignal;
	/** After the solve: items the deadline cut short get a ToolDeadlineError naming their captcha ID. */
	settle(outcomes: SolveOutcome[]): void;
}

/**
 * In a tool call: a signal that aborts the solve at the longest Timeout of the items from now (the execution's
 * Stop aborts it too), so the call returns by its deadline even when the submission itself had to wait.
 */
export function startToolDeadline(ctx: IExecuteFunctions, inToolCall: boolean, timeoutsMs: number[]): ToolDeadline | undefined {
	if (!inToolCall || timeoutsMs.length === 0) return undefined;
	const timeoutMs = Math.max(...timeoutsMs);
	const timeout = timeoutSignal(timeoutMs);
	const parent = ctx.getExecutionCancelSignal();
	return {
		signal: parent ? AbortSignal.any([parent, timeout]) : timeout,
		settle(outcomes) {
			if (!timeout.aborted || parent?.aborted) return;
			for (const outcome of outcomes) {
				const error = outcome.error;
				if (error instanceof SolveAbortedError || error === timeout.reason || error?.name === 'TimeoutError') {
					outcome.error = new ToolDeadlineError(timeoutMs / 1000, outcome.captchaId);
				}
			}
		},
	};
}

/**
 * What a model reads: the solution first, then its extras, the captcha ID and the type; the list of issued IDs only
 * when it holds more than that one ID. Outside tool calls the items are unchanged.
 */
export function toolOutput(inToolCall: boolean, items: INodeExecutionData[]): INodeExecutionData[] {
	if (!inToolCall) return items;
	return items.map((item) => {
		const { solution, captchaId, method, captchaIds, ...rest } = item.json;
		if (solution === undefined) return item;
		const json: IDataObject = { solution, ...rest, captchaId, method };
		const ids = Array.isArray(captchaIds) ? captchaIds : [];
		if (ids.length > 1 || (ids.length === 1 && ids[0] !== captchaId)) json.captchaIds = captchaIds;
		return { ...item, json };
	});
}
