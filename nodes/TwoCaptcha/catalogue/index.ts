/** The catalogue: every captcha method the node offers, sorted by label for the Operation dropdown. */
import { amazonWaf } from './methods/amazonWaf';
import { atbCaptcha } from './methods/atbCaptcha';
import { audio } from './methods/audio';
import { boundingBox } from './methods/boundingBox';
import { canvas } from './methods/canvas';
import { captchaFox } from './methods/captchaFox';
import { capy } from './methods/capy';
import { cloudflareChallenge } from './methods/cloudflareChallenge';
import { coordinates } from './methods/coordinates';
import { cutcaptcha } from './methods/cutcaptcha';
import { cyberSiara } from './methods/cyberSiara';
import { dataDome } from './methods/dataDome';
import { friendlyCaptcha } from './methods/friendlyCaptcha';
import { funCaptcha } from './methods/funCaptcha';
import { geetest } from './methods/geetest';
import { geetestV4 } from './methods/geetestV4';
import { grid } from './methods/grid';
import { keyCaptcha } from './methods/keyCaptcha';
import { lemin } from './methods/lemin';
import { mtCaptcha } from './methods/mtCaptcha';
import { normal } from './methods/normal';
import { prosopo } from './methods/prosopo';
import { recaptchaV2 } from './methods/recaptchaV2';
import { recaptchaV3 } from './methods/recaptchaV3';
import { rotate } from './methods/rotate';
import { tencent } from './methods/tencent';
import { text } from './methods/text';
import { turnstile } from './methods/turnstile';
import type { CaptchaMethod } from './types';

// TikTok has no entry: the service has disabled the method.
export const captchaMethods: CaptchaMethod[] = [
	amazonWaf,
	atbCaptcha,
	audio,
	boundingBox,
	canvas,
	captchaFox,
	capy,
	cloudflareChallenge,
	coordinates,
	cutcaptcha,
	cyberSiara,
	dataDome,
	friendlyCaptcha,
	funCaptcha,
	geetest,
	geetestV4,
	grid,
	keyCaptcha,
	lemin,
	mtCaptcha,
	normal,
	prosopo,
	recaptchaV2,
	recaptchaV3,
	rotate,
	tencent,
	text,
	turnstile,
].sort((a, b) => a.name.localeCompare(b.name, 'en'));

const byValue = new Map(captchaMethods.map((method) => [method.value, method]));

/** The entry for an Operation value, or undefined for an unknown one. */
export function getMethod(value: string): CaptchaMethod | undefined {
	return byValue.get(value);
}
