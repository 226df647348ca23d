import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { enterprise, pageUrl, recaptchaDomain, siteKey } from '../sharedFields';
import { tokenTimings } from '../timings';

const SCORES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((score) => ({
	name: score.toFixed(1),
	value: score,
}));

/** No proxy options: the spec says proxies are not supported for V3. */
export const recaptchaV3 = defineMethod({
	value: 'recaptchaV3',
	name: 'reCAPTCHA V3',
	description: 'Score-based reCAPTCHA without a challenge, Enterprise too: returns a token',
	fixed: { method: 'userrecaptcha', version: 'v3' },
	fields: [
		siteKey('googlekey', 'Value of the render parameter of api.js, or the key passed to grecaptcha.execute'),
		pageUrl(),
	],
	options: [
		{
			displayName: 'Action',
			name: 'action',
			param: 'action',
			type: 'string',
			default: 'verify',
			description: "Action passed to grecaptcha.execute(key, {action: ...}); the service uses 'verify' if omitted",
		},
		recaptchaDomain(),
		enterprise(),
		{
			displayName: 'Min Score',
			name: 'minScore',
			param: 'min_score',
			type: 'options',
			options: SCORES,
			default: 0.3,
			description: 'Score the site requires (service default 0.4); scores above 0.3 are rarely reachable',
		},
	],
	// "Make a 10-15 seconds timeout".
	timings: tokenTimings(10),
	parse: parseToken,
	multiGetAnswer: true,
});
