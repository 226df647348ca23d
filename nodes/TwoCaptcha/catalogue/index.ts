/** The catalogue: every captcha method the node offers, sorted by label for the Operation dropdown. */
import { alibaba } from './methods/alibaba';
import { altcha } from './methods/altcha';
import { amazonWaf } from './methods/amazonWaf';
import { atbCaptcha } from './methods/atbCaptcha';
import { audio } from './methods/audio';
import { basilisk } from './methods/basilisk';
import { binance } from './methods/binance';
import { boundingBox } from './methods/boundingBox';
import { canvas } from './methods/canvas';
import { captchaFox } from './methods/captchaFox';
import { capy } from './methods/capy';
import { cloudflareChallenge } from './methods/cloudflareChallenge';
import { coordinates } from './methods/coordinates';
import { customMethod } from './methods/customMethod';
import { cutcaptcha } from './methods/cutcaptcha';
import { cyberSiara } from './methods/cyberSiara';
import { dataDome } from './methods/dataDome';
import { dragDrop } from './methods/dragDrop';
import { friendlyCaptcha } from './methods/friendlyCaptcha';
import { funCaptcha } from './methods/funCaptcha';
import { geetest } from './methods/geetest';
import { geetestV4 } from './methods/geetestV4';
import { grid } from './methods/grid';
import { hunt } from './methods/hunt';
import { keyCaptcha } from './methods/keyCaptcha';
import { lemin } from './methods/lemin';
import { mtCaptcha } from './methods/mtCaptcha';
import { normal } from './methods/normal';
import { prosopo } from './methods/prosopo';
import { recaptchaV2 } from './methods/recaptchaV2';
import { recaptchaV3 } from './methods/recaptchaV3';
import { rotate } from './methods/rotate';
import { temu } from './methods/temu';
import { tencent } from './methods/tencent';
import { text } from './methods/text';
import { tspd } from './methods/tspd';
import { turnstile } from './methods/turnstile';
import { vkCaptcha } from './methods/vkCaptcha';
import { vkImage } from './methods/vkImage';
import { yandex } from './methods/yandex';
import { yidun } from './methods/yidun';
import { FieldError } from './toRequest';
import type { CaptchaMethod } from './types';

/**
 * The captcha methods 2Captcha serves: the 28 of the API reference and the 12 its client libraries send (Temu, VK,
 * Yandex, ALTCHA, Binance, Yidun, Alibaba, TSPD, Basilisk, Hunt, Drag and Drop). Not here: TikTok (disabled by the
 * service) and hCaptcha (no longer solved since about November 2024: every official library dropped it).
 */
export const captchaMethods: CaptchaMethod[] = [
	alibaba,
	altcha,
	amazonWaf,
	atbCaptcha,
	audio,
	basilisk,
	binance,
	boundingBox,
	canvas,
	captchaFox,
	capy,
	cloudflareChallenge,
	coordinates,
	cutcaptcha,
	cyberSiara,
	dataDome,
	dragDrop,
	friendlyCaptcha,
	funCaptcha,
	geetest,
	geetestV4,
	grid,
	hunt,
	keyCaptcha,
	lemin,
	mtCaptcha,
	normal,
	prosopo,
	recaptchaV2,
	recaptchaV3,
	rotate,
	temu,
	tencent,
	text,
	tspd,
	turnstile,
	vkCaptcha,
	vkImage,
	yandex,
	yidun,
].sort((a, b) => a.name.localeCompare(b.name, 'en'));

export { customMethod };

/** Every operation of the Captcha resource: the catalogue's methods and Custom Method, sorted by label. */
export const operationMethods: CaptchaMethod[] = [...captchaMethods, customMethod].sort((a, b) => a.name.localeCompare(b.name, 'en'));

const byValue = new Map(operationMethods.map((method) => [method.value, method]));

/** The entry for an Operation value (Custom Method included), or undefined for an unknown one. */
export function getMethod(value: string): CaptchaMethod | undefined {
	return byValue.get(value);
}

/**
 * The entry as a node configures it: Custom Method's Answer As picks its parser. `read` returns a node parameter
 * (execute(): item 0; the Wait for Pingback webhook: the node's parameter), so both parse alike.
 */
export function configuredMethod(method: CaptchaMethod, read: (name: string) => unknown): CaptchaMethod {
	const choice = method.answerChoice;
	if (!choice) return method;
	const value = read(choice.name) ?? choice.default;
	const picked = choice.choices.find((c) => c.value === value);
	if (!picked) throw new FieldError(choice.displayName, `must be one of ${choice.choices.map((c) => c.value).join(', ')}`);
	return { ...method, parse: picked.parse };
}
