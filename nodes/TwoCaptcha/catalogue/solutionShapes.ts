/**
 * What `solution` looks like, per answer parser: one text each, read by models (Captcha → List Captcha Types) and by
 * people (the README's operations table, `npm run docs`), so the two cannot disagree.
 */
import {
	parseAmazonWaf,
	parseBoundingBoxes,
	parseCanvas,
	parseCapy,
	parseCoordinates,
	parseDataDome,
	parseDragDrop,
	parseGeetest,
	parseGeetestV4,
	parseGrid,
	parseLemin,
	parseRecaptcha,
	parseRotate,
	parseTencent,
	parseText,
	parseToken,
	parseTspd,
	parseTurnstile,
	parseUnconfirmedPoints,
	parseUnconfirmedToken,
	parseVkImage,
} from './parsers';
import type { AnswerParser, CaptchaMethod } from './types';

export interface SolutionShape {
	text: string;
	/** 2Captcha has not documented this answer (its client libraries only): the plausible forms, rawAnswer always. */
	unconfirmed?: boolean;
}

export const RAW_KEPT = 'rawAnswer always holds the answer as received';

const SHAPES = new Map<AnswerParser, SolutionShape>([
	[parseText, { text: 'text: the answer as the worker typed it' }],
	[parseToken, { text: 'text: the token to submit with the page’s form' }],
	[parseRecaptcha, { text: 'text: the g-recaptcha-response token (plus cookies when cookies were sent)' }],
	[parseTurnstile, { text: 'text: the cf-turnstile-response token (plus userAgent, the User-Agent the token is bound to)' }],
	[parseGrid, { text: 'list of cell numbers to click, from 1, left to right, top to bottom (plus noMatchingImages)' }],
	[parseCanvas, { text: 'list of areas, each a list of points {x, y} (plus noMatchingImages)' }],
	[parseCoordinates, { text: 'list of points {x, y} in pixels from the top left corner (plus noMatchingImages)' }],
	[parseBoundingBoxes, { text: 'list of boxes {xMin, xMax, yMin, yMax} (plus noMatchingImages)' }],
	[parseRotate, { text: 'list of angles in degrees, one per image, clockwise when positive' }],
	[parseGeetest, { text: 'object {challenge, validate, seccode}' }],
	[parseGeetestV4, { text: 'object {captcha_id, lot_number, pass_token, gen_time, captcha_output}' }],
	[parseCapy, { text: 'object {captchakey, challengekey, answer}' }],
	[parseLemin, { text: 'object {answer, challenge_id}' }],
	[parseAmazonWaf, { text: 'object {captcha_voucher, existing_token}' }],
	[parseTencent, { text: 'object {ticket, randstr}, with appid and ret as 2Captcha sends them' }],
	[parseDataDome, { text: 'text: the datadome cookie "datadome=…; Domain=…" (plus cookie, its parts)' }],
	[parseDragDrop, { text: 'list with one {x, y} per draggable image, in their order; null: leave that image where it is' }],
	[parseUnconfirmedToken, { text: 'text: the token (plus userAgent when the answer names one)', unconfirmed: true }],
	[parseUnconfirmedPoints, { text: 'list of points {x, y}, one per piece', unconfirmed: true }],
	[parseVkImage, { text: "object, with the keys of VK's answer", unconfirmed: true }],
	[parseTspd, { text: "object or list of the cookies to set, with the service's keys", unconfirmed: true }],
]);

/**
 * The solution's shape for a method; with an answer setting (Custom Method's Answer As), what each choice gives.
 * Undefined for a parser without a shape here (test/docs.test.ts and the List Captcha Types test refuse that).
 */
export function solutionShape(method: CaptchaMethod): SolutionShape | undefined {
	const choice = method.answerChoice;
	if (!choice) return SHAPES.get(method.parse);
	return { text: `as ${choice.name} says: ${choice.choices.map((c) => `${c.value}: ${c.description}`).join('; ')}. ${RAW_KEPT}` };
}
