/**
 * Mode "Submit Only": the node outputs each captcha ID at once; 2Captcha sends the answer to the Pingback URL (a
 * 2Captcha Trigger's), with the item's optional Reference in it, and the trigger starts a workflow with it.
 */
import { checkUrl, FieldError } from '../../../catalogue/toRequest';
import { holdsSecretPlaceholder, SECRET_PLACEHOLDER, SECRET_PLACEHOLDER_HTML } from '../../../shared/pingbackSecret';
import { MAX_REFERENCE_CHARS, referenceProblem, withReference } from '../../../shared/reference';
import { maskedUrl } from '../../../transport/redact';
import { outputItems, submitBatch } from '../solveBatch';
import { inFlightText, seconds } from '../solverSettingsProperty';
import type { Mode } from './mode';

export const submitOnly: Mode = {
	value: 'submitOnly',
	name: 'Submit Only',
	description: 'Output the captcha IDs at once; the answers start a 2Captcha Trigger',
	summary: 'the node outputs the captcha IDs at once; 2Captcha sends each answer to a 2Captcha Trigger',
	// Only submissions: no answer is fetched here.
	reads: {
		parameters: ['pingbackUrl', 'reference'],
		settings: ['timeoutSeconds', 'maxInFlight', 'maxCaptchasPerExecution'],
	},
	settingDescriptions: {
		maxInFlight: inFlightText('How many items of this run may be in submission at the same time'),
		timeoutSeconds: `How long to keep trying to submit an item while 2Captcha has no free worker (ERROR_NO_SLOT_AVAILABLE), ${seconds('timeoutSeconds')}. 0 = the default of the captcha type.`,
	},
	properties: [
		{
			displayName: 'Pingback URL',
			name: 'pingbackUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…/pingback?secret=…',
			hint: `Copy it from a 2Captcha Trigger (Webhook URLs → Production URL), then replace ${SECRET_PLACEHOLDER_HTML} with that trigger's Secret`,
			description:
				'Where 2Captcha POSTs each answer when it is solved. Its host must be registered with 2Captcha (Pingback → Add Address, or the Register Address option of the 2Captcha Trigger).',
		},
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.orderId }}',
			description: `Optional text that identifies this item (usually an expression, at most ${MAX_REFERENCE_CHARS} characters). It travels in the Pingback URL and the 2Captcha Trigger outputs it next to the answer.`,
		},
	],
	inToolCall: false,

	readItem(ctx, itemIndex) {
		const url = String(ctx.getNodeParameter('pingbackUrl', itemIndex, '')).trim();
		if (!url) throw new FieldError('Pingback URL', "is required in Submit Only: paste the 2Captcha Trigger's Pingback URL");
		if (holdsSecretPlaceholder(url)) {
			throw new FieldError('Pingback URL', `still holds ${SECRET_PLACEHOLDER}: replace it with the 2Captcha Trigger's Secret`);
		}
		checkUrl('Pingback URL', url);
		const reference = readReference(ctx.getNodeParameter('reference', itemIndex, '') as unknown);
		const pingback = reference === undefined ? url : withReference(url, reference);
		// The Pingback URL without its secret: its query values are masked.
		return { pingback, output: { pingbackUrl: maskedUrl(pingback), ...(reference === undefined ? {} : { reference }) } };
	},

	async run(ctx, batch) {
		const outcomes = await submitBatch(ctx, batch, false);
		return outputItems(ctx, batch, outcomes, (item, outcome) => ({
			captchaId: outcome.captchaId,
			method: item.method.value,
			status: 'submitted',
			...item.output,
		}));
	},
};

/** The optional Reference: blank is none; numbers from expressions become text; anything else must pass the rule. */
function readReference(raw: unknown): string | undefined {
	const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
	if (value === '' || value === undefined || value === null) return undefined;
	const problem = referenceProblem(value);
	if (problem) throw new FieldError('Reference', problem);
	return value as string;
}
