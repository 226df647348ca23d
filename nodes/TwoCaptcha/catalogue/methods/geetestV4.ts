import { defineMethod } from '../defineMethod';
import { parseGeetestV4 } from '../parsers';
import { captchaIdField, pageUrl, proxyOptions } from '../sharedFields';
import { tokenTimings } from '../timings';

/** The spec selects v4 with method=geetest_v4 (not a version parameter). */
export const geetestV4 = defineMethod({
	value: 'geetestV4',
	name: 'Geetest V4',
	description: 'Geetest v4 puzzle: returns {captcha_id, lot_number, pass_token, gen_time, captcha_output}',
	fixed: { method: 'geetest_v4' },
	fields: [
		captchaIdField('Value of captcha_id, found in the script tag that loads Geetest v4'),
		pageUrl(),
	],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseGeetestV4,
	multiGetAnswer: false,
});
