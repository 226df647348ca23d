import { defineMethod } from '../defineMethod';
import { parseCustomAuto, parseCustomJson, parseCustomText } from '../parsers';
import { required } from '../sharedFields';
import { MAX_CUSTOM_PARAMS } from '../toRequest';
import { matches, totalLengthAtMost } from '../validators';

const MB = 1024 * 1024;
/** Everything a Custom Method sends together, parameters and base64 files, in characters. */
const MAX_TOTAL = 4 * MB;

/**
 * Any in.php method by its name, for a method 2Captcha adds before the node offers it: the user's parameters go
 * through the same checks, engine, limits and modes as every catalogue method. The parameters the node sets itself
 * (key, json, soft_id, pingback) are refused (toRequest's NODE_PARAMS), and so is `method` outside Method Name.
 */
export const customMethod = defineMethod({
	value: 'customMethod',
	name: 'Custom Method',
	description: "Any in.php method by its name and your parameters: for a captcha type 2Captcha's API offers that this node does not list yet",
	fixed: {},
	fields: [
		required({
			displayName: 'Method Name',
			name: 'methodName',
			param: 'method',
			type: 'string',
			default: '',
			maxLength: 64,
			placeholder: 'e.g. temuimage',
			description: "The in.php method value from 2Captcha's API documentation: lower-case letters, digits and _",
		}),
		{
			displayName: 'Parameters',
			name: 'parameters',
			param: '',
			type: 'params',
			default: {},
			description: `The in.php parameters as name/value pairs, named exactly as 2Captcha's documentation names them (at most ${MAX_CUSTOM_PARAMS}). The node sets the API key, the answer format, soft_id and pingback itself.`,
		},
		{
			displayName: 'Parameters (JSON)',
			name: 'parametersJson',
			param: '',
			type: 'paramsJson',
			default: '',
			placeholder: '{"sitekey": "...", "pageurl": "https://example.com/login"}',
			description:
				'More in.php parameters as one JSON object: text and numbers as they are, true/false as 1/0, objects and lists as JSON text. A name may not also be in Parameters.',
		},
	],
	options: [],
	uploads: [
		{
			base64Param: 'body',
			kind: 'file',
			list: 'named',
			maxCount: 10,
			minBytes: 1,
			maxBytes: MB,
			required: false,
			namePrefix: 'files',
			displayName: 'Files',
		},
	],
	answerChoice: {
		name: 'answerAs',
		displayName: 'Answer As',
		description: 'How to read the answer in `solution`; the answer as received is always in `rawAnswer`. The same for every item.',
		default: 'auto',
		choices: [
			{
				name: 'Auto',
				value: 'auto',
				description: 'JSON as an object, click/coordinate answers as lists, anything else as text',
				parse: parseCustomAuto,
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'A JSON object or list; any other answer fails the item (its raw answer kept)',
				parse: parseCustomJson,
			},
			{ name: 'Text', value: 'text', description: 'The answer as text, exactly as received', parse: parseCustomText },
		],
	},
	// 2Captcha's advice for image tasks (5 s); token tasks take longer, which only costs a few polls.
	timings: { firstPollSec: 5, pollIntervalSec: 5, timeoutSec: 300 },
	parse: parseCustomAuto,
	// Unknown answers may contain '|' or carry extra fields: always fetched alone.
	multiGetAnswer: false,
	rules: [
		matches('method', /^[a-z0-9_]+$/, 'Method Name must be lower-case letters, digits and _ only (as in.php spells it, e.g. temuimage)'),
		totalLengthAtMost(MAX_TOTAL, `the parameters and files together must stay under ${MAX_TOTAL / MB} MB`),
	],
});
