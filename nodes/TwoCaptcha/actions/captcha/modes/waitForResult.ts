/** Mode "Wait for Result" (the default): the node polls 2Captcha and outputs every answer. */
import { solvedJson } from '../output';
import { issuedIds, outputItems, submitBatch } from '../solveBatch';
import { inFlightText, seconds } from '../solverSettingsProperty';
import type { Mode } from './mode';

export const waitForResult: Mode = {
	value: 'waitForResult',
	name: 'Wait for Result',
	description: 'Poll 2Captcha and output every answer (default)',
	summary: 'the node polls 2Captcha and outputs every answer',
	reads: {
		parameters: [],
		settings: ['firstPollSeconds', 'pollIntervalSeconds', 'timeoutSeconds', 'maxInFlight', 'unsolvableRetries', 'includeRawAnswer', 'maxCaptchasPerExecution'],
	},
	settingDescriptions: {
		maxInFlight: inFlightText('How many items of this run may be submitted and awaiting their answer at the same time'),
		timeoutSeconds: `Give up on an item this long after its submission, ${seconds('timeoutSeconds')}. 0 = the default of the captcha type.`,
	},
	properties: [],
	inToolCall: true,

	async run(ctx, batch) {
		const outcomes = await submitBatch(ctx, batch, true);
		return outputItems(ctx, batch, outcomes, (item, outcome) => ({
			...solvedJson(item.method, outcome.captchaId, outcome.answer!, item.settings.includeRawAnswer),
			...issuedIds(outcome),
		}));
	},
};
