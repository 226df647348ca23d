import { defineMethod } from '../defineMethod';
import { parseDataDome } from '../parsers';
import { pageUrl, proxyFields, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';
import type { ParamRule } from '../validators';

/** The spec: `t` in the captcha URL must be `fe`; `t=bv` means the IP is banned and the task cannot succeed. */
const captchaUrlNotBanned: ParamRule = ({ captcha_url: captchaUrl }) => {
	if (typeof captchaUrl !== 'string') return undefined;
	let t: string | null;
	try {
		t = new URL(captchaUrl).searchParams.get('t');
	} catch {
		return undefined; // the url field check reports malformed URLs
	}
	if (t === 'bv') return 'Captcha URL has t=bv: DataDome has banned this IP, change the proxy';
	if (t !== null && t !== 'fe') return `Captcha URL has t=${t}; DataDome can only be solved when t=fe`;
	return undefined;
};

export const dataDome = defineMethod({
	value: 'dataDome',
	name: 'DataDome',
	description: 'DataDome: returns the datadome cookie to set in your browser; a proxy is mandatory',
	fixed: { method: 'datadome' },
	fields: [
		required({
			displayName: 'Captcha URL',
			name: 'captchaUrl',
			param: 'captcha_url',
			type: 'url',
			default: '',
			placeholder: 'https://geo.captcha-delivery.com/captcha/?initialCid=...&t=fe&...',
			description: 'The src of the iframe that holds the captcha',
		}),
		pageUrl(),
		required({
			...userAgent(),
			description: 'User-Agent of the browser that met the captcha (a modern browser\'s); the worker loads the captcha with it',
		}),
		...proxyFields(),
	],
	options: [],
	timings: tokenTimings(),
	parse: parseDataDome,
	// A cookie string: no '|' and no extras.
	multiGetAnswer: true,
	rules: [captchaUrlNotBanned],
});
