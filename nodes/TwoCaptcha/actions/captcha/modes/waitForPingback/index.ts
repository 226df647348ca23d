/**
 * Mode "Wait for Pingback": every item is submitted with 2Captcha's pingback pointed at this execution's resume
 * URL, and the execution waits (holding no worker, polling nothing) until the last answer is in or the deadline.
 *
 * Two halves: this module is the execute() half; webhook.ts the doorbell that each pingback rings (the node's
 * webhook()). n8n keeps nothing a pingback call writes unless that call resumes the execution, so what the doorbell
 * needs lives where n8n keeps it for it:
 * - the node's input items, replaced before waiting by one "unanswered" item per input item: the captcha IDs for
 *   the doorbell, and what n8n outputs unchanged if its own deadline resumes the execution (the node does not run
 *   again then), so a later Task → Get Result can fetch those captchas;
 * - custom data: the deadline, at which the doorbell's process resumes the execution with every answer it fetched
 *   (n8n's own deadline, `waitTill`, comes DEADLINE_GRACE_MS later, the fallback should that process be gone), and
 *   the run's values the doorbell applies as execute() took them (answers.ts `Carried`).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CaptchaMethod } from '../../../../catalogue/types';
import type { IdOutcome } from '../../../../shared/idOutcomes';
import { addressHost, registerHost } from '../../../../shared/pingbackAddresses';
import { lazyResApi } from '../../../../shared/resApi';
import { toNodeError } from '../../../../transport/nodeErrors';
import { isValid, outputItems, submitBatch, type SolveBatch } from '../../solveBatch';
import { inFlightText, RAW_ANSWER_TEXT, RUN_WIDE, seconds } from '../../solverSettingsProperty';
import type { Mode } from '../mode';
import {
	answeredItems,
	CARRIED_KEY,
	collectAnswers,
	DEADLINE_GRACE_MS,
	DEADLINE_KEY,
	MAX_PINGBACK_ITEMS,
	UNANSWERED,
	unansweredJson,
	type Awaiting,
	type Carried,
} from './answers';

export const waitForPingback: Mode = {
	value: 'waitForPingback',
	name: 'Wait for Pingback',
	description: 'The execution waits, without polling, for 2Captcha to send the answers',
	summary: '2Captcha sends each answer to this execution, which waits, without polling, until all are in',
	// Nothing polls: the answers come by pingback; no unsolvable captcha is resubmitted.
	reads: {
		parameters: ['registerPingbackHost'],
		settings: ['timeoutSeconds', 'maxInFlight', 'includeRawAnswer', 'maxCaptchasPerExecution'],
	},
	settingDescriptions: {
		includeRawAnswer: `${RAW_ANSWER_TEXT}. ${RUN_WIDE}`,
		maxInFlight: inFlightText('How many items of this run may be in submission at the same time'),
		timeoutSeconds: `The execution resumes at the latest this long after the submissions (the longest Timeout of its items), ${seconds('timeoutSeconds')}; n8n may resume it up to a minute later. 0 = the default of the captcha type.`,
	},
	properties: [
		{
			displayName: `<b>Wait for Pingback</b>: 2Captcha sends each answer to this execution's resume URL while the execution waits, running nothing, until every captcha has an answer or the Timeout (Solver Settings) has passed. Needs n8n reachable by 2Captcha at its public webhook URL (WEBHOOK_URL) and that host registered with 2Captcha (the option below does it). n8n checks waiting executions about once a minute, so the deadline can be up to a minute late; captchas without an answer by then come out with status "${UNANSWERED}" and their captcha ID, for Task → Get Result. At most ${MAX_PINGBACK_ITEMS} items per execution.`,
			name: 'waitForPingbackNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Register Address With 2Captcha',
			name: 'registerPingbackHost',
			type: 'boolean',
			default: true,
			description:
				"Whether to register this n8n's webhook host as a pingback address (add_pingback) before submitting, when it is not registered yet. 2Captcha accepts the registration only from the IP the host points to; otherwise turn this off and register the host on 2captcha.com.",
		},
	],
	inToolCall: false,

	checkRun(ctx, { itemCount, method }) {
		if (!method) {
			throw new NodeOperationError(ctx.getNode(), 'Wait for Pingback takes one captcha type per node', {
				description: "Nothing was sent to 2Captcha. Use Wait for Result, or the captcha type's own operation.",
			});
		}
		// All captchas go into ONE multi-ID request per pingback: refused before anything is sent.
		if (itemCount <= MAX_PINGBACK_ITEMS) return;
		throw new NodeOperationError(ctx.getNode(), `Wait for Pingback takes at most ${MAX_PINGBACK_ITEMS} items per execution; this run has ${itemCount}`, {
			description: `Nothing was sent to 2Captcha. Split the items into batches of ${MAX_PINGBACK_ITEMS} (Loop Over Items), or use Wait for Result.`,
		});
	},

	readItem(ctx, itemIndex) {
		return { pingback: resumeUrl(ctx, itemIndex) };
	},

	async run(ctx, batch) {
		const valid = batch.items.filter(isValid);
		await registerResumeHostIfAsked(ctx);
		const startedAt = Date.now();
		const outcomes = await submitBatch(ctx, batch, false);
		// The resume URL carries n8n's token: never in an output.
		const output = outputItems(ctx, batch, outcomes, (item, outcome) => unansweredJson(item.method, outcome.captchaId));
		const awaiting = batch.items.flatMap((item, itemIndex): Awaiting[] => {
			const captchaId = outcomes[itemIndex]?.error ? undefined : outcomes[itemIndex]?.captchaId;
			return captchaId && item.task ? [{ itemIndex, captchaId, fetchAlone: !item.task.multiGetAnswer }] : [];
		});
		return await waitForPingbacks(ctx, batch, output, awaiting, {
			startedAt,
			earliestSolveMs: Math.min(...valid.map((item) => item.task.firstPollMs)),
			timeoutMs: Math.max(...valid.map((item) => item.task.timeoutMs)),
			// Run-wide, taken once: the first item's (its description says so).
			includeRawAnswer: valid[0].settings.includeRawAnswer,
		});
	},
};

/** This execution's resume URL: n8n's own token is its only secret. */
function resumeUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
}

/** With "Register Address With 2Captcha": the resume URL's host is registered before any captcha is sent. */
async function registerResumeHostIfAsked(ctx: IExecuteFunctions): Promise<void> {
	if (ctx.getNodeParameter('registerPingbackHost', 0, false) !== true) return;
	const host = addressHost(resumeUrl(ctx, 0));
	if (!host) throw new NodeOperationError(ctx.getNode(), 'The resume URL of this execution has no host to register', { description: 'Nothing was sent to 2Captcha.' });
	try {
		await registerHost(lazyResApi(ctx), host, ctx.getExecutionCancelSignal());
	} catch (error) {
		const nodeError = toNodeError(ctx, error, 0);
		nodeError.description = `${nodeError.description ?? ''} No captcha was sent to 2Captcha.`.trim();
		throw nodeError;
	}
}

interface PingbackRun {
	/** When the first submission was made: answers before `startedAt + earliestSolveMs` are not expected. */
	startedAt: number;
	earliestSolveMs: number;
	/** The longest Timeout of the items: the execution resumes at the latest this long after the submissions. */
	timeoutMs: number;
	includeRawAnswer: boolean;
}

/**
 * After the submissions: outputs at once when nothing is awaited (or everything was answered already), else
 * leaves the unanswered items as the node's input (what the deadline outputs) and puts the execution to wait.
 */
async function waitForPingbacks(
	ctx: IExecuteFunctions,
	batch: SolveBatch,
	output: INodeExecutionData[],
	awaiting: Awaiting[],
	run: PingbackRun,
): Promise<INodeExecutionData[]> {
	const method = batch.method as CaptchaMethod; // checkRun refused a run without one
	if (awaiting.length === 0) return output;

	// A pingback that arrives while this node still runs gets 409 from n8n and is lost: once answers may exist,
	// ask once, so the execution does not wait for an answer that is in already.
	let known = new Map<string, IdOutcome>();
	if (Date.now() - run.startedAt >= run.earliestSolveMs) {
		known = await collectAnswers(lazyResApi(ctx), awaiting, known, ctx.getExecutionCancelSignal()).catch(() => known);
		if (known.size === awaiting.length) return answeredItems(ctx, method, output, awaiting, known, run.includeRawAnswer);
	}
	// Answers fetched here travel in the input items as answered (what n8n outputs at its own deadline too).
	const items = known.size ? answeredItems(ctx, method, output, awaiting, known, run.includeRawAnswer) : output;

	const deadline = Date.now() + run.timeoutMs;
	try {
		// A dropped key (custom data holds 10) costs requests (fetch alone: the doorbell decides by the method), the
		// run's values (the defaults then), or the early deadline (n8n's own one, DEADLINE_GRACE_MS later, outputs
		// the items as they are).
		ctx.customData.set(DEADLINE_KEY, String(deadline));
		const carried = carriedValues(batch, awaiting, run.includeRawAnswer);
		if (carried) ctx.customData.set(CARRIED_KEY, JSON.stringify(carried));
	} catch {
		// custom data is full: see above
	}
	ctx.getExecuteData().data = { main: [items] };
	await ctx.putExecutionToWait(new Date(deadline + DEADLINE_GRACE_MS));
	return items;
}

/** What the doorbell must apply as this run took it; undefined when every value is what the doorbell assumes. */
function carriedValues(batch: SolveBatch, awaiting: Awaiting[], includeRawAnswer: boolean): Carried | undefined {
	const method = batch.method as CaptchaMethod;
	const carried: Carried = {};
	if (awaiting.some((a) => a.fetchAlone !== (method.multiGetAnswer !== true))) carried.fetchAlone = awaiting.filter((a) => a.fetchAlone).map((a) => a.itemIndex);
	if (includeRawAnswer) carried.includeRawAnswer = true;
	if (batch.answerAs !== undefined) carried.answerAs = batch.answerAs;
	return Object.keys(carried).length ? carried : undefined;
}
