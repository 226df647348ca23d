'use strict';
/**
 * API answers and their two encodings. A reply is { status: 1|0, request, extra?, bare? }:
 * JSON → {"status":..,"request":..,...extra}; plain text → `OK|request` (plus `|price` for get2),
 * the bare request for answers the service sends without `OK|` (balance, multi-get, reports), or the error code.
 */

const ok = (request, extra) => ({ status: 1, request, ...(extra && { extra }) });
const bare = (request) => ({ status: 1, request, bare: true });
const fail = (code) => ({ status: 0, request: code });

/** Short descriptions the service adds as `error_text` to JSON errors (from the spec's error tables). */
const ERROR_TEXT = {
	ERROR_WRONG_USER_KEY: 'You provided the key parameter in an incorrect format: it should contain 32 symbols.',
	ERROR_KEY_DOES_NOT_EXIST: 'The key you provided does not exist.',
	ERROR_ZERO_BALANCE: 'You do not have funds on your account.',
	ERROR_PAGEURL: 'The pageurl parameter is missing or invalid.',
	ERROR_NO_SLOT_AVAILABLE: 'No slot available: the queue of your captchas is too long. Retry in a few seconds.',
	ERROR_ZERO_CAPTCHA_FILESIZE: 'Image size is less than 100 bytes.',
	ERROR_TOO_BIG_CAPTCHA_FILESIZE: 'Image size is more than 600 kB or image is bigger than 1000px on any side.',
	ERROR_WRONG_FILE_EXTENSION: 'Image file has unsupported extension. Accepted extensions: jpg, jpeg, gif, png.',
	ERROR_IMAGE_TYPE_NOT_SUPPORTED: 'Server can not recognize the file type.',
	ERROR_UPLOAD: 'Server can not get file data from your POST request.',
	ERROR_GOOGLEKEY: 'The sitekey value provided in your request is blank or malformed.',
	ERROR_WRONG_GOOGLEKEY: 'The googlekey parameter is missing in your request.',
	ERROR_PROXY_FORMAT: 'Incorrect proxy format.',
	ERROR_BAD_PARAMETERS: 'Some required parameters are missing in your request or have an incorrect format.',
	MAX_USER_TURN: 'You made more than 60 requests to in.php within 3 seconds. Your account is banned for 10 seconds.',
	ERROR_CAPTCHA_UNSOLVABLE: 'We are unable to solve your captcha.',
	ERROR_WRONG_ID_FORMAT: 'You provided a captcha ID in a wrong format. The ID can contain numbers only.',
	ERROR_WRONG_CAPTCHA_ID: 'You provided an incorrect captcha ID.',
	ERROR_REPORT_NOT_RECORDED: 'The report was not recorded.',
	ERROR_DUPLICATE_REPORT: 'You have already reported this captcha.',
	ERROR_IP_ADDRES: 'The pingback address does not match the IP address of your request.',
	ERROR_EMPTY_ACTION: 'The action parameter is missing or has no value.',
	'ERROR: 1004': 'Your IP address is blocked because there were 5 requests with an incorrect API key from it.',
	'ERROR: 1005': 'You are making too many requests to res.php to get answers.',
};

const asText = (request) => (typeof request === 'string' ? request : JSON.stringify(request));

function encodeJson(reply) {
	const body = { status: reply.status, request: reply.request, ...reply.extra };
	if (reply.status === 0 && ERROR_TEXT[reply.request]) body.error_text = ERROR_TEXT[reply.request];
	return JSON.stringify(body);
}

function encodePlain(reply) {
	if (reply.status === 0 || reply.bare) return asText(reply.request);
	const price = reply.extra?.price !== undefined ? `|${reply.extra.price}` : '';
	return `OK|${asText(reply.request)}${price}`;
}

/** { contentType, body } for a reply in the requested encoding. */
function encode(reply, json) {
	return json
		? { contentType: 'application/json; charset=utf-8', body: encodeJson(reply) }
		: { contentType: 'text/plain; charset=utf-8', body: encodePlain(reply) };
}

module.exports = { ok, bare, fail, encode, asText };
