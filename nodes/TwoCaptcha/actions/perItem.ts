import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorToJson, toNodeError } from '../transport/nodeErrors';

/** The work for one input item; `signal` aborts when the execution is cancelled or another item failed. */
export type ItemWork = (itemIndex: number, signal: AbortSignal) => Promise<IDataObject>;

export interface PerItemOptions {
	/** How many items run at once (default 4). Rate limits are enforced by the transport, not here. */
	concurrency?: number;
	/**
	 * The captcha id(s) an item is about (several as one text, `1, 2`), kept in its error (output JSON or message);
	 * it wins over the id an error carries, as an error shared by items (one multi-ID request) may name another
	 * item's captcha. May read node parameters; any error it throws is ignored.
	 */
	captchaIdOf?: (itemIndex: number) => string | undefined;
}

const DEFAULT_CONCURRENCY = 4;

/**
 * Runs `work` over all items with bounded concurrency and returns one output item per input item, in input
 * order, with pairedItem set. With continueOnFail a failed item outputs its error JSON; otherwise the first
 * failure aborts the rest and is thrown as a NodeError naming the item.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	work: ItemWork,
	options: PerItemOptions = {},
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const abort = linkedAbortController(ctx.getExecutionCancelSignal());
	const results: INodeExecutionData[] = new Array(items.length);
	let failure: { error: unknown; itemIndex: number } | undefined;
	let next = 0;

	const captchaIdFor = (error: unknown, itemIndex: number): string | undefined =>
		safely(() => options.captchaIdOf?.(itemIndex)) || carriedCaptchaId(error);

	const runNext = async (): Promise<void> => {
		while (next < items.length && !abort.signal.aborted) {
			const itemIndex = next++;
			const pairedItem = { item: itemIndex };
			try {
				results[itemIndex] = { json: await work(itemIndex, abort.signal), pairedItem };
			} catch (error) {
				if (continueOnFail && !ctx.getExecutionCancelSignal()?.aborted) {
					results[itemIndex] = { json: errorToJson(ctx, error, captchaIdFor(error, itemIndex)), pairedItem };
				} else {
					failure ??= { error, itemIndex };
					abort.abort();
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, items.length));
	try {
		await Promise.all(Array.from({ length: workers }, runNext));
	} finally {
		abort.dispose();
	}
	if (failure) {
		const { error, itemIndex } = failure;
		throw toNodeError(ctx, error, itemIndex, captchaIdFor(error, itemIndex));
	}
	const skipped = results.findIndex((result) => result === undefined);
	if (skipped !== -1) {
		// Cancelled between items: nothing failed, but not every item ran.
		throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex: skipped });
	}
	return results;
}

function carriedCaptchaId(error: unknown): string | undefined {
	const id = (error as { captchaId?: unknown } | undefined)?.captchaId;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

function safely<T>(read: () => T): T | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}

/** An AbortController that also aborts when `parent` does; `dispose` detaches it from the parent. */
function linkedAbortController(parent: AbortSignal | undefined) {
	const controller = new AbortController();
	const onParentAbort = () => controller.abort(parent?.reason);
	if (parent?.aborted) controller.abort(parent.reason);
	else parent?.addEventListener('abort', onParentAbort, { once: true });
	return {
		signal: controller.signal,
		abort: () => controller.abort(),
		dispose: () => parent?.removeEventListener('abort', onParentAbort),
	};
}
