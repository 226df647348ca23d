/**
 * Bad input never costs money: each case fails with an error naming the field, and not a single request reaches
 * 2Captcha (not even for the valid items of the same run). The README lists these cases.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SECRET_PLACEHOLDER } from '../../nodes/TwoCaptcha/shared/pingbackSecret';
import { itemsOf, solve, startFaultSandbox, stopFaultSandbox, type Sandbox } from './harness';
import { PROXY_PASSWORD, captureLogs, itLeaksNoSecrets } from './transcript';

const { SITEKEY } = require('../sandbox/method-cases');
const { png, mp3 } = require('../sandbox/fixtures');

captureLogs();

const KB = 1024;
const PAGE = 'https://example.com/login';

const binaryItem = (data: Buffer, mimeType = 'image/png', property = 'data'): INodeExecutionData => ({
	json: {},
	binary: { [property]: { data: data.toString('base64'), mimeType, fileName: 'upload.bin' } },
});

const recaptchaV2 = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'captcha',
	operation: 'recaptchaV2',
	siteKey: SITEKEY,
	pageUrl: PAGE,
	...overrides,
});
const recaptchaV3 = (options: INodeParameters): INodeParameters => ({
	resource: 'captcha',
	operation: 'recaptchaV3',
	siteKey: SITEKEY,
	pageUrl: PAGE,
	options,
});
const imageMethod = (operation: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'captcha',
	operation,
	options,
});
const grid = (options: INodeParameters) => imageMethod('grid', { textInstructions: 'Select all cars', ...options });
const audio = (): INodeParameters => ({ resource: 'captcha', operation: 'audio', lang: 'en' });

const IMAGE = png(300, 300, 2 * KB);

interface BadInput {
	name: string;
	parameters: INodeParameters;
	item?: INodeExecutionData;
	/** The field the message must name, and what it must say about it. */
	error: RegExp;
}

const BAD_INPUTS: BadInput[] = [
	{ name: 'empty required field', parameters: recaptchaV2({ siteKey: '' }), error: /^Site Key: is required/ },
	{ name: 'whitespace-only required field', parameters: recaptchaV2({ pageUrl: ' \t ' }), error: /^Page URL: is required/ },
	{ name: 'URL that is not a URL', parameters: recaptchaV2({ pageUrl: 'example.com/login' }), error: /^Page URL: must be a full URL/ },
	{ name: 'URL with another scheme', parameters: recaptchaV2({ pageUrl: 'ftp://example.com/' }), error: /^Page URL: must be a full URL starting with http/ },
	{
		name: 'non-image binary',
		parameters: imageMethod('normal'),
		item: binaryItem(Buffer.from('%PDF-1.7\n'.padEnd(2 * KB, 'x')), 'application/pdf'),
		error: /^Captcha Image: is not a JPG, PNG or GIF image/,
	},
	{ name: 'image under 100 bytes', parameters: imageMethod('normal'), item: binaryItem(png(300, 300, 99)), error: /^Captcha Image: is 99 bytes/ },
	{
		name: 'image over 600 kB',
		parameters: imageMethod('normal'),
		item: binaryItem(png(300, 300, 600 * KB + 1)),
		error: /^Captcha Image: is 600 kB; 2Captcha accepts at most 600 kB/,
	},
	{
		name: 'instructions image over 100 kB',
		parameters: grid({ instructionsImageBinaryProperty: 'hint' }),
		item: { json: {}, binary: { ...binaryItem(IMAGE).binary, ...binaryItem(png(400, 150, 100 * KB + 1), 'image/png', 'hint').binary } },
		error: /^Instructions Image: is 100 kB; 2Captcha accepts at most 100 kB/,
	},
	{ name: 'audio over 1 MB', parameters: audio(), item: binaryItem(mp3(KB * KB + 1), 'audio/mpeg'), error: /^Audio File \(MP3\): is 1024 kB/ },
	{
		name: 'audio that is not MP3',
		parameters: audio(),
		item: binaryItem(Buffer.from('RIFF\0\0\0\0WAVEfmt '.padEnd(2 * KB, '\0')), 'audio/wav'),
		error: /^Audio File \(MP3\): is not an MP3 file/,
	},
	{
		name: 'text instructions over 140 characters',
		parameters: imageMethod('normal', { textInstructions: 'x'.repeat(141) }),
		item: binaryItem(IMAGE),
		error: /^Text Instructions: must be at most 140 characters \(got 141\)/,
	},
	{
		name: 'proxy in a bad format (no port)',
		parameters: recaptchaV2({ options: { proxy: `scraper:${PROXY_PASSWORD}@10.0.0.2`, proxyType: 'HTTP' } }),
		error: /^Proxy: must look like login:password@/,
	},
	{
		name: 'proxy port out of range',
		parameters: recaptchaV2({ options: { proxy: `scraper:${PROXY_PASSWORD}@10.0.0.2:70000`, proxyType: 'HTTP' } }),
		error: /^Proxy: must look like/,
	},
	{
		name: 'proxy without a type',
		parameters: recaptchaV2({ options: { proxy: `scraper:${PROXY_PASSWORD}@10.0.0.2:3128` } }),
		error: /^Proxy Type: is required when a proxy is set/,
	},
	{ name: 'min_score above 0.9', parameters: recaptchaV3({ minScore: '={{ 1.5 }}' }), error: /^Min Score: must be one of 0\.1/ },
	{ name: 'min_score below 0.1', parameters: recaptchaV3({ minScore: '={{ 0 }}' }), error: /^Min Score: must be one of 0\.1/ },
	{
		name: 'click limit above rows × cols',
		parameters: grid({ rows: 3, columns: 3, maxClicks: 10 }),
		item: binaryItem(IMAGE),
		error: /Max Clicks \(10\) cannot exceed Rows × Columns \(3 × 3 = 9\)/,
	},
	{
		name: 'min clicks above rows × cols',
		parameters: grid({ rows: 2, columns: 2, minClicks: 5, maxClicks: 5 }),
		item: binaryItem(IMAGE),
		error: /Min Clicks \(5\) cannot exceed Rows × Columns \(2 × 2 = 4\)/,
	},
	{
		name: 'image base64 that is not base64',
		parameters: { ...imageMethod('normal'), imageSource: 'base64', imageBase64: 'not base64!' },
		error: /^Captcha Image \(Base64\): is not valid base64/,
	},
	{ name: 'missing binary property', parameters: imageMethod('normal'), error: /^Captcha Image Binary Field: the input item has no binary property "data"/ },
	{
		name: 'Submit Only with a pingback URL that is not http(s)',
		parameters: recaptchaV2({ mode: 'submitOnly', pingbackUrl: 'javascript:alert(1)' }),
		error: /^Pingback URL: must be a full URL starting with http/,
	},
];

/** Solver Settings, as typed, from expressions and as text: each class refused, naming the setting. */
const settings = (solverSettings: INodeParameters) => recaptchaV2({ solverSettings });
const SETTINGS_CASES: BadInput[] = [
	...(
		[
			['Max In Flight', 'maxInFlight', ['={{ "abc" }}', 0, -1, 1.5, 1001, '={{ {} }}', '={{ [1] }}', '={{ NaN }}', '={{ Infinity }}', '={{ true }}']],
			['Retries When Unsolvable', 'unsolvableRetries', ['x', -1, 6, 2.5, '={{ 1e9 }}', '={{ null === null ? {} : 0 }}']],
			['Timeout \\(Seconds\\)', 'timeoutSeconds', ['soon', -5, 3601, 2 ** 31, '={{ Infinity }}', '={{ [] }}']],
			['First Poll After \\(Seconds\\)', 'firstPollSeconds', ['x', -1, 601, 1e12]],
			['Poll Interval \\(Seconds\\)', 'pollIntervalSeconds', ['x', 0.5, -1, 301, 1e12]],
		] as const
	).flatMap(([label, name, values]) =>
		values.map((value) => ({
			name: `${name} = ${JSON.stringify(value)}`,
			parameters: settings({ [name]: value }),
			error: new RegExp(`^${label}: must be a (whole )?number from`),
		})),
	),
	{ name: 'includeRawAnswer = "yes"', parameters: settings({ includeRawAnswer: 'yes' }), error: /^Include Raw Answer: must be true or false/ },
];

/** Catalogue fields from expressions of the wrong type or size: each class refused, naming the field. */
const FIELD_TYPE_CASES: BadInput[] = [
	{ name: 'text field given an object', parameters: recaptchaV2({ siteKey: '={{ { a: 1 } }}' }), error: /^Site Key: must be text \(got an object\)/ },
	{ name: 'text field given a list', parameters: recaptchaV2({ siteKey: '={{ ["a"] }}' }), error: /^Site Key: must be text \(got a list\)/ },
	{ name: 'text field given a boolean', parameters: recaptchaV2({ siteKey: '={{ true }}' }), error: /^Site Key: must be text \(got boolean\)/ },
	{ name: 'text field with a control character', parameters: recaptchaV2({ siteKey: '={{ "ab\\u0000cd" }}' }), error: /^Site Key: must not contain control characters/ },
	{ name: 'single-line text with a newline', parameters: recaptchaV2({ options: { userAgent: '={{ "Mozilla\\r\\nX-Evil: 1" }}' } }), error: /^User Agent: must not contain control/ },
	{ name: 'huge text', parameters: recaptchaV2({ siteKey: '={{ "k".repeat(70000) }}' }), error: /^Site Key: must be at most 65536 characters/ },
	{ name: 'number field given text', parameters: imageMethod('normal', { minLength: 'four' }), item: binaryItem(IMAGE), error: /^Min Length: must be a number/ },
	{ name: 'number field given NaN', parameters: imageMethod('normal', { minLength: '={{ NaN }}' }), item: binaryItem(IMAGE), error: /^Min Length: must be a number/ },
	{ name: 'number field given Infinity', parameters: imageMethod('normal', { minLength: '={{ Infinity }}' }), item: binaryItem(IMAGE), error: /^Min Length: must be a number/ },
	{ name: 'number field given a fraction', parameters: imageMethod('normal', { minLength: 2.5 }), item: binaryItem(IMAGE), error: /^Min Length: must be a whole number/ },
	{ name: 'number field given a boolean', parameters: imageMethod('normal', { minLength: '={{ true }}' }), item: binaryItem(IMAGE), error: /^Min Length: must be a number \(got boolean\)/ },
	{ name: 'number without a max given a huge value', parameters: grid({ rows: 1e12 }), item: binaryItem(IMAGE), error: /^Rows: must be at most 1000000/ },
	{ name: 'boolean field given text', parameters: recaptchaV2({ options: { invisible: 'maybe' } }), error: /^Invisible: must be true or false/ },
	{ name: 'boolean field given an object', parameters: recaptchaV2({ options: { invisible: '={{ { a: 1 } }}' } }), error: /^Invisible: must be true or false/ },
	{ name: 'dropdown given an object', parameters: recaptchaV3({ minScore: '={{ { v: 0.3 } }}' }), error: /^Min Score: must be one of/ },
	{ name: 'URL field given a number', parameters: recaptchaV2({ pageUrl: '={{ 42 }}' }), error: /^Page URL: must be a full URL starting with http/ },
];

/** URL-type fields and the Pingback URL go through the one URL check. */
const HOSTILE_URLS: Array<[string, string, RegExp]> = [
	['a space', 'https://exa mple.com/hook', /must not contain spaces/],
	['a newline', '={{ "https://example.com/\\nhook" }}', /line breaks|control characters/],
	['a tab', '={{ "https://exa\\tmple.com/" }}', /spaces|control characters/],
	['an unclosed bracket', 'https://[::1', /not a valid URL|no host/],
	['port 99999', 'https://example.com:99999/hook', /port outside 1–65535/],
	['port 0', 'https://example.com:0/hook', /port outside 1–65535/],
	['no host', 'https:///hook', /no host/],
	['credentials', 'https://user:pw@example.com/hook', /user name or password/],
	['another scheme', 'ftp://example.com/', /starting with http/],
];
const URL_CASES: BadInput[] = HOSTILE_URLS.flatMap(([name, url, error]) => [
	{ name: `Page URL with ${name}`, parameters: recaptchaV2({ pageUrl: url }), error: new RegExp(`^Page URL: .*${error.source}`) },
	{
		name: `Pingback URL with ${name}`,
		parameters: recaptchaV2({ mode: 'submitOnly', pingbackUrl: url }),
		error: new RegExp(`^Pingback URL: .*${error.source}`),
	},
]);

/** The Reference travels like every text field: the same text rule, refused before anything is sent. */
const REFERENCE_CASES: BadInput[] = [
	['a right-to-left override (U+202E)', 'order\u202E42'],
	['a zero-width space (U+200B)', 'order\u200B42'],
	['a byte order mark (U+FEFF)', '\uFEFForder'],
	['a line break', 'order\n42'],
	['a lone surrogate', 'order\uD800'],
].map(([what, reference]) => ({
	name: `Reference with ${what}`,
	parameters: recaptchaV2({ mode: 'submitOnly', pingbackUrl: 'https://hooks.example.com/p?secret=abcdefghijklmnop', reference }),
	error: /^Reference: must be printable text/,
}));

/** The URL copied from a 2Captcha Trigger with its Secret placeholder left in: 2Captcha would deliver, the trigger refuse. */
const PLACEHOLDER_CASES: BadInput[] = [
	['as copied', `https://n8n.example.com/webhook/5f1c/pingback?secret=${SECRET_PLACEHOLDER}`],
	['URL-encoded', `https://n8n.example.com/webhook/5f1c/pingback?secret=${encodeURIComponent(SECRET_PLACEHOLDER)}`],
	['form-encoded, in other case', 'https://n8n.example.com/webhook/5f1c/pingback?secret=%3CYOUR+SECRET%3E'],
].map(([how, pingbackUrl]) => ({
	name: `Pingback URL with the trigger's Secret placeholder left in (${how})`,
	parameters: recaptchaV2({ mode: 'submitOnly', pingbackUrl }),
	error: /^Pingback URL: still holds <your Secret>: replace it with the 2Captcha Trigger's Secret/,
}));

BAD_INPUTS.push(...SETTINGS_CASES, ...FIELD_TYPE_CASES, ...URL_CASES, ...REFERENCE_CASES, ...PLACEHOLDER_CASES);

describe('Bad input: a clear error naming the field, and no request at all', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startFaultSandbox()));
	afterAll(async () => await stopFaultSandbox(sandbox));
	afterEach(() => sandbox.log.splice(0));

	it.each(BAD_INPUTS.map((c) => [c.name, c] as const))('%s', async (_name, badInput) => {
		const item = badInput.item ?? { json: {} };
		const run = await solve(sandbox, badInput.parameters, [item, item], { continueOnFail: false });

		expect(run.error?.message).toMatch(badInput.error);
		expect(run.error).toMatchObject({ description: 'Nothing was sent to 2Captcha for this item.' });
		expect(sandbox.log).toEqual([]);
	});

	it('with continueOnFail the bad item becomes an error item and sends nothing; the good items are solved', async () => {
		const items = [...itemsOf(2), { json: { n: 'bad' } }];
		const pageUrl = '={{ $json.n === "bad" ? "nope" : "https://example.com/login?item=" + $json.n }}';
		const run = await solve(sandbox, recaptchaV2({ pageUrl, solverSettings: { firstPollSeconds: 5, pollIntervalSeconds: 5 } }), items);

		expect(run.out.map((item) => item.json.error ?? typeof item.json.solution)).toEqual([
			'string',
			'string',
			expect.stringMatching(/^Page URL: must be a full URL/),
		]);
		const submitted = sandbox.log.filter((entry: { endpoint: string }) => entry.endpoint === 'in.php');
		expect(submitted.map((entry: { params: { pageurl: string } }) => entry.params.pageurl)).toEqual([
			`${PAGE}?item=0`,
			`${PAGE}?item=1`,
		]);
	});

	itLeaksNoSecrets();
});
