/**
 * Fields used by more than one catalogue entry, defined once. Every factory returns a fresh object;
 * pass overrides for a method-specific description or default. Fields are optional unless made
 * `required` (top-level fields of an entry must be).
 */
import { LANGUAGE_CHOICES } from './languages';
import type { FieldChoice, FieldSpec } from './types';

type Overrides = Partial<FieldSpec>;

/** Marks a field as required by the spec, for an entry's `fields`. */
export const required = (field: FieldSpec): FieldSpec => ({ ...field, required: true });

const define =
	(base: FieldSpec) =>
	(overrides: Overrides = {}): FieldSpec => ({ ...base, ...overrides });

// --- page and widget identification (token methods) ---

export const pageUrl = define({
	displayName: 'Page URL',
	name: 'pageUrl',
	param: 'pageurl',
	type: 'url',
	required: true,
	default: '',
	placeholder: 'https://example.com/login',
	description: 'Full URL of the page where the captcha is shown',
});

/** The public site key of a widget; `param` is how the method's spec spells it. */
export const siteKey = (param: string, description: string): FieldSpec => ({
	displayName: 'Site Key',
	name: 'siteKey',
	param,
	type: 'string',
	required: true,
	default: '',
	description,
});

/**
 * How each method spells the User-Agent parameter, decided here and nowhere else. The base spec spells it
 * `userAgent`, except for CaptchaFox (`useragent`). For the methods known from 2Captcha's client libraries the
 * libraries disagree — JS 1.3.9 sends `useragent` for altcha, binance, yidun, alibaba, tspd, basilisk and hunt but
 * `userAgent` for vkcaptcha and yandex; Python sends `useragent` everywhere; Java, C# and Go `userAgent` — and
 * whether in.php reads both spellings is unconfirmed. We send what the JS library sends: its requests are the
 * ones recorded on the wire, and for every method it agrees with at least one other official library.
 */
export const USER_AGENT_PARAM = {
	default: 'userAgent', // base spec: reCAPTCHA, FunCaptcha, Geetest, DataDome, CyberSiARA, Cloudflare challenge
	captchafox: 'useragent', // base spec
	vkcaptcha: 'userAgent', // JS (its checker demands this key); Python sends useragent
	yandex: 'userAgent', // JS; Python sends useragent
	binance: 'useragent', // JS, Python; Go sends userAgent
	yidun: 'useragent', // JS, Python; Java and C# send userAgent
	alibaba: 'useragent', // JS, Python
	tspd: 'useragent', // JS, Python
	basilisk: 'useragent', // JS, Python
	hunt: 'useragent', // JS, Python
} as const;

/** The User Agent field; `method` is the in.php method whose spelling (USER_AGENT_PARAM) the parameter takes. */
export const userAgent = (method: keyof typeof USER_AGENT_PARAM = 'default'): FieldSpec => ({
	displayName: 'User Agent',
	name: 'userAgent',
	param: USER_AGENT_PARAM[method],
	type: 'string',
	default: '',
	placeholder: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) ...',
	description: 'User-Agent of the browser or HTTP client that loads the page; the worker uses the same one',
});

// --- proxy ---

export const proxy = define({
	displayName: 'Proxy',
	name: 'proxy',
	param: 'proxy',
	type: 'proxy',
	default: '',
	placeholder: 'login:password@123.123.123.123:3128',
	description:
		'Proxy the worker loads the captcha through: login:password@host:port, or host:port for IP-authorised proxies',
});

const PROXY_TYPES: FieldChoice[] = ['HTTP', 'HTTPS', 'SOCKS4', 'SOCKS5'].map((type) => ({
	name: type,
	value: type,
}));

export const proxyType = define({
	displayName: 'Proxy Type',
	name: 'proxyType',
	param: 'proxytype',
	type: 'options',
	options: PROXY_TYPES,
	default: 'HTTP',
	description: 'Protocol of the proxy',
});

/** Proxy and its type as optional settings. */
export const proxyOptions = (): FieldSpec[] => [proxy(), proxyType()];

/** Proxy and its type as required fields (DataDome, CaptchaFox). */
export const proxyFields = (): FieldSpec[] => [required(proxy()), required(proxyType())];

// --- reCAPTCHA family ---

export const cookies = define({
	displayName: 'Cookies',
	name: 'cookies',
	param: 'cookies',
	type: 'string',
	default: '',
	placeholder: 'KEY1:Value1;KEY2:Value2;',
	description: 'Cookies passed to the worker, as KEY:Value pairs separated by semicolons',
});

export const enterprise = define({
	displayName: 'Enterprise',
	name: 'enterprise',
	param: 'enterprise',
	type: 'boolean',
	default: false,
	description: 'Whether the page loads enterprise.js and calls grecaptcha.enterprise.*',
});

export const recaptchaDomain = define({
	displayName: 'Domain',
	name: 'domain',
	param: 'domain',
	type: 'options',
	options: [
		{ name: 'google.com', value: 'google.com' },
		{ name: 'recaptcha.net', value: 'recaptcha.net' },
	],
	default: 'google.com',
	description: 'Domain the page loads reCAPTCHA from',
});

// --- language hints ---

/** `lang`: the worker's language. `choices` narrows the list (Audio supports six languages). */
export const lang = (choices: FieldChoice[] = LANGUAGE_CHOICES): FieldSpec => ({
	displayName: 'Language',
	name: 'lang',
	param: 'lang',
	type: 'options',
	options: choices,
	default: 'en',
	description: 'Language of the captcha; it goes to workers who speak it',
});

/** `language`: the alphabet (0/1/2), not to be confused with `lang`. */
export const language = define({
	displayName: 'Alphabet',
	name: 'language',
	param: 'language',
	type: 'options',
	options: [
		{ name: 'Cyrillic', value: 1 },
		{ name: 'Latin', value: 2 },
		{ name: 'Not Specified', value: 0 },
	],
	default: 0,
	description: 'Alphabet of the captcha text',
});

// --- instructions and image tasks ---

export const textInstructions = define({
	displayName: 'Text Instructions',
	name: 'textInstructions',
	param: 'textinstructions',
	type: 'string',
	default: '',
	maxLength: 140,
	placeholder: 'Select all images with trees',
	description: 'Instruction shown to the worker (max 140 characters)',
});

export const canNoAnswer = define({
	displayName: 'Can Have No Answer',
	name: 'canNoAnswer',
	param: 'can_no_answer',
	type: 'boolean',
	default: false,
	description:
		'Whether possibly nothing matches the instruction: the worker gets a "No matching images" button and the answer is empty',
});

export const minClicks = define({
	displayName: 'Min Clicks',
	name: 'minClicks',
	param: 'min_clicks',
	type: 'number',
	default: 1,
	min: 1,
	description: 'Minimum number of clicks the worker must make',
});

export const maxClicks = define({
	displayName: 'Max Clicks',
	name: 'maxClicks',
	param: 'max_clicks',
	type: 'number',
	default: 1,
	min: 1,
	description: 'Maximum number of clicks the worker may make',
});

export const previousId = define({
	displayName: 'Previous Task ID',
	name: 'previousId',
	param: 'previousID',
	type: 'string',
	default: '',
	description:
		'ID of the earlier task for the same challenge after it refreshed its images: the worker only checks the new ones',
});

/** The `api_server` of widgets that load from a configurable origin (Capy, Lemin, atbCAPTCHA). */
export const apiServerUrl = (description: string): FieldSpec => ({
	displayName: 'API Server',
	name: 'apiServer',
	param: 'api_server',
	type: 'url',
	default: '',
	description,
});

/** The `app_id` of atbCAPTCHA and Tencent widgets. */
export const appId = (description: string): FieldSpec => ({
	displayName: 'App ID',
	name: 'appId',
	param: 'app_id',
	type: 'string',
	required: true,
	default: '',
	description,
});

/** The `captcha_id` of Geetest v4 and Lemin widgets. */
export const captchaIdField = (description: string, placeholder?: string): FieldSpec => ({
	displayName: 'Captcha ID',
	name: 'captchaId',
	param: 'captcha_id',
	type: 'string',
	required: true,
	default: '',
	placeholder,
	description,
});
