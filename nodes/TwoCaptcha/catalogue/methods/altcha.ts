import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions } from '../sharedFields';
import { tokenTimings } from '../timings';
import { exactlyOne, matches } from '../validators';

/**
 * 2Captcha's API v2 page says: send the challenge URL or its JSON, not both; the libraries disagree (JS 1.3.9 and
 * the Python tests send both). How the server treats both or neither is unconfirmed: exactly one is sent.
 */
export const altcha = defineMethod({
	value: 'altcha',
	name: 'ALTCHA',
	description: 'ALTCHA proof-of-work widget: returns a token (the altcha payload); give the Challenge URL or the Challenge JSON',
	fixed: { method: 'altcha' },
	fields: [pageUrl()],
	options: [
		{
			displayName: 'Challenge URL',
			name: 'challengeUrl',
			param: 'challenge_url',
			type: 'url',
			default: '',
			placeholder: 'https://example.com/altcha/challenge',
			description: 'The challengeurl attribute of the altcha-widget element (or the URL it fetches its challenge from)',
		},
		{
			displayName: 'Challenge JSON',
			name: 'challengeJson',
			param: 'challenge_json',
			type: 'json',
			default: '',
			placeholder: '{"algorithm":"SHA-256","challenge":"...","salt":"...","signature":"..."}',
			description: 'The JSON the challenge URL returns (algorithm, challenge, salt, signature ...), instead of the Challenge URL',
		},
		...proxyOptions(),
	],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
	rules: [
		exactlyOne(['challenge_url', 'challenge_json'], 'Give either Challenge URL or Challenge JSON (one of them, not both)'),
		// The document the challenge URL returns is a JSON object (algorithm, challenge, salt, signature ...).
		matches('challenge_json', /^\{/, 'Challenge JSON must be a JSON object: {"algorithm": ..., "challenge": ..., "salt": ..., "signature": ...}'),
	],
});
