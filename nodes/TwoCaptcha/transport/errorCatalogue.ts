/**
 * Every code of the 2Captcha API v1 reference: the in.php error table, the res.php error table and
 * the request-limit table. Descriptions and advice follow the reference's wording. This is the ONE
 * list: classification, user-facing messages and the credential test all derive from it.
 */

export type ErrorCategory =
	/** CAPCHA_NOT_READY: poll again later. */
	| 'notReady'
	/** The credential or the machine is wrong (key, IP): every further request fails too. */
	| 'fatalConfig'
	/** This one task or request is wrong or cannot be solved; others may still succeed. */
	| 'fatalTask'
	/** The server asks to slow down; the same request may succeed after `retryAfterMs`. */
	| 'retryAfter'
	/** The account is out of funds or blocked for `blockMs`. */
	| 'accountSuspended'
	/** Not a 2Captcha answer (HTML page, empty body, reset, timeout): retrying may help. */
	| 'transient'
	/** A code the reference does not list: kept verbatim, never guessed. */
	| 'unknown';

/** The reference table a code is listed in. */
export type SpecTable = 'in.php' | 'res.php' | 'limits';

export interface ErrorCodeSpec {
	code: string;
	category: Exclude<ErrorCategory, 'transient' | 'unknown'>;
	tables: SpecTable[];
	description: string;
	advice: string;
	/** How long to wait before sending the same request again. */
	retryAfterMs?: number;
	/** How long the server blocks the account or IP. */
	blockMs?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const CHECK_KEY = 'Stop sending requests. Check your API key in the 2Captcha credential.';
const CHECK_IMAGE = 'Check the image file.';
const CHECK_SITEKEY =
	'Check the code that gets the sitekey and makes requests to the API.';
const CHECK_ID = 'Check the ID of the captcha or the code that gets the ID.';
const OTHER_PROXY = 'Use a different proxy server in your requests.';
const SET_TIMEOUTS =
	'Set proper timeouts between requests; see "Request limits" in the 2Captcha API reference.';

export const ERROR_CODES: readonly ErrorCodeSpec[] = [
	// Key and account
	{
		code: 'ERROR_WRONG_USER_KEY',
		category: 'fatalConfig',
		tables: ['in.php', 'res.php'],
		description: 'The key parameter is in an incorrect format: it should contain 32 symbols.',
		advice: CHECK_KEY,
	},
	{
		code: 'ERROR_KEY_DOES_NOT_EXIST',
		category: 'fatalConfig',
		tables: ['in.php', 'res.php'],
		description: 'The key you have provided does not exist.',
		advice: CHECK_KEY,
	},
	{
		code: 'ERROR_IP_NOT_ALLOWED',
		category: 'fatalConfig',
		tables: ['in.php'],
		description: 'The request is sent from an IP that is not on the list of your allowed IPs.',
		advice: 'Check the list of your allowed IPs in your 2Captcha account settings.',
	},
	{
		code: 'IP_BANNED',
		category: 'fatalConfig',
		tables: ['in.php'],
		description:
			'Your IP address is banned due to many frequent attempts to access the server using wrong authorization keys.',
		advice: 'The ban will be lifted automatically after 5 minutes. Fix the API key first.',
		blockMs: 5 * MINUTE,
	},
	{
		code: 'ERROR_ZERO_BALANCE',
		category: 'accountSuspended',
		tables: ['in.php'],
		description: "You don't have funds on your account.",
		advice: 'Stop sending requests. Deposit funds to your account to continue solving captchas.',
		blockMs: MINUTE,
	},
	// Request parameters
	{
		code: 'ERROR_PAGEURL',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The pageurl parameter is missing in your request.',
		advice: 'Provide a valid pageurl parameter.',
	},
	{
		code: 'ERROR_BAD_TOKEN_OR_PAGEURL',
		category: 'fatalTask',
		tables: ['in.php'],
		description:
			'The request contains an invalid pair of googlekey and pageurl. A common reason is a reCAPTCHA loaded inside an iframe hosted on another domain or subdomain.',
		advice: 'Explore the code of the page carefully to find valid pageurl and sitekey values.',
	},
	{
		code: 'ERROR_GOOGLEKEY',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The sitekey value provided in your request is incorrect: it is blank or malformed.',
		advice: CHECK_SITEKEY,
	},
	{
		code: 'ERROR_WRONG_GOOGLEKEY',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The googlekey parameter is missing in your request.',
		advice: CHECK_SITEKEY,
	},
	{
		code: 'ERROR_BAD_PARAMETERS',
		category: 'fatalTask',
		tables: ['in.php'],
		description:
			'Some required parameters are missing in your request or the values have an incorrect format (or Sandbox mode and 100% recognition are enabled at the same time).',
		advice:
			'Check that the request contains all the required parameters and that the values are in the proper format.',
	},
	{
		code: 'ERROR_EMPTY_ACTION',
		category: 'fatalTask',
		tables: ['res.php'],
		description: 'The action parameter is missing or has no value.',
		advice: 'Add the necessary value for action, e.g. get or getbalance.',
	},
	// Images
	{
		code: 'ERROR_ZERO_CAPTCHA_FILESIZE',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The image size is less than 100 bytes.',
		advice: CHECK_IMAGE,
	},
	{
		code: 'ERROR_TOO_BIG_CAPTCHA_FILESIZE',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The image size is more than 600 kB or the image is bigger than 1000 px on any side.',
		advice: CHECK_IMAGE,
	},
	{
		code: 'ERROR_WRONG_FILE_EXTENSION',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The image file has an unsupported extension. Accepted extensions: jpg, jpeg, gif, png.',
		advice: CHECK_IMAGE,
	},
	{
		code: 'ERROR_IMAGE_TYPE_NOT_SUPPORTED',
		category: 'fatalTask',
		tables: ['in.php'],
		description: "The server can't recognize the image file type.",
		advice: CHECK_IMAGE,
	},
	{
		code: 'ERROR_UPLOAD',
		category: 'fatalTask',
		tables: ['in.php'],
		description:
			"The server can't get file data from your POST request: the request is malformed or the base64 data is not a valid base64 image.",
		advice: 'Check the image data sent to 2Captcha.',
	},
	{
		code: 'ERROR_CAPTCHAIMAGE_BLOCKED',
		category: 'fatalTask',
		tables: ['in.php'],
		description:
			'The image is marked in the 2Captcha database as unrecognizable; usually the website stopped sending captchas and started to send a "deny access" image.',
		advice: "Try to overcome the website's limitations.",
	},
	{
		code: 'TOO_MANY_BAD_IMAGES',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'You are sending too many unrecognizable images.',
		advice:
			'Make sure your last captchas are visible and check the unrecognizable images saved in your 2Captcha account, then fix how images are submitted.',
	},
	// Proxies
	{
		code: 'ERROR_PROXY_FORMAT',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The proxy in your request to in.php has an incorrect format.',
		advice: 'Use the proxy format described in "Using proxies" in the 2Captcha API reference.',
	},
	{
		code: 'ERROR_BAD_PROXY',
		category: 'fatalTask',
		tables: ['in.php'],
		description: 'The proxy server is marked as BAD by the 2Captcha API.',
		advice: OTHER_PROXY,
	},
	{
		code: 'ERROR_PROXY_CONNECTION_FAILED',
		category: 'fatalTask',
		tables: ['res.php'],
		description:
			'2Captcha was unable to load the captcha through your proxy server. The proxy is marked as BAD and refused for 10 minutes (in.php then answers ERROR_BAD_PROXY).',
		advice: OTHER_PROXY,
	},
	// Results
	{
		code: 'CAPCHA_NOT_READY',
		category: 'notReady',
		tables: ['res.php'],
		description: 'Your captcha is not solved yet.',
		advice: 'Wait 5 seconds and repeat the request.',
		retryAfterMs: 5 * SECOND,
	},
	{
		code: 'ERROR_CAPTCHA_UNSOLVABLE',
		category: 'fatalTask',
		tables: ['res.php'],
		description:
			'2Captcha was unable to solve your captcha: three workers failed or no answer came within 90 seconds (300 seconds for reCAPTCHA V2). You are not charged for it.',
		advice: 'You can send the captcha again.',
	},
	{
		code: 'ERROR_BAD_DUPLICATES',
		category: 'fatalTask',
		tables: ['res.php'],
		description:
			'The 100% accuracy feature is enabled and the maximum number of tries was reached without the minimum number of matches.',
		advice: 'You can send the captcha again.',
	},
	{
		code: 'ERROR_TOKEN_EXPIRED',
		category: 'fatalTask',
		tables: ['res.php'],
		description: 'The Geetest challenge value you provided has expired.',
		advice:
			'Fetch a fresh challenge. If this always happens, 2Captcha is unable to solve Geetest on this website.',
	},
	{
		code: 'ERROR_WRONG_ID_FORMAT',
		category: 'fatalTask',
		tables: ['res.php'],
		description: 'The captcha ID has a wrong format: it can contain numbers only.',
		advice: CHECK_ID,
	},
	{
		code: 'ERROR_WRONG_CAPTCHA_ID',
		category: 'fatalTask',
		tables: ['res.php'],
		description: 'The captcha ID is incorrect.',
		advice: CHECK_ID,
	},
	// Reports and pingback
	{
		code: 'ERROR_REPORT_NOT_RECORDED',
		category: 'fatalTask',
		tables: ['res.php'],
		description:
			'The report was not recorded: you already complained about lots of correctly solved captchas (more than 40%), or more than 15 minutes passed since the captcha was submitted.',
		advice: 'Report only incorrectly solved captchas, within 15 minutes.',
	},
	{
		code: 'ERROR_DUPLICATE_REPORT',
		category: 'fatalTask',
		tables: ['res.php'],
		description: 'This captcha has already been reported.',
		advice: 'Send only one report for each captcha.',
	},
	{
		code: 'ERROR_IP_ADDRES',
		category: 'fatalTask',
		tables: ['res.php'],
		description:
			"The request comes from an IP address that doesn't match the IP address of the pingback IP or domain being registered.",
		advice: 'Register the pingback address from the IP address matching that IP or domain.',
	},
	// Request limits
	{
		code: 'ERROR_NO_SLOT_AVAILABLE',
		category: 'retryAfter',
		tables: ['in.php'],
		description:
			'No slot available: your maximum rate is lower than the current rate on the server, or the queue of your captchas not yet distributed to workers is too long.',
		advice:
			'Do not resubmit immediately: wait 5 seconds, or raise your maximum rate in your 2Captcha account settings.',
		retryAfterMs: 5 * SECOND,
	},
	{
		code: 'MAX_USER_TURN',
		category: 'retryAfter',
		tables: ['in.php', 'limits'],
		description:
			'More than 60 requests to in.php within 3 seconds: your account is banned for 10 seconds.',
		advice: 'The ban is lifted automatically. Keep at least 100 ms between requests to in.php.',
		retryAfterMs: 10 * SECOND,
		blockMs: 10 * SECOND,
	},
	{
		code: 'ERROR: 1001',
		category: 'accountSuspended',
		tables: ['in.php', 'res.php', 'limits'],
		description:
			'Account suspended for 10 minutes: 120 ERROR_NO_SLOT_AVAILABLE errors in one minute because your bid is lower than the current bid on the server.',
		advice: SET_TIMEOUTS,
		blockMs: 10 * MINUTE,
	},
	{
		code: 'ERROR: 1002',
		category: 'accountSuspended',
		tables: ['in.php', 'res.php', 'limits'],
		description:
			'Account suspended for 5 minutes: 120 ERROR_ZERO_BALANCE errors in one minute because your balance is out.',
		advice: `Deposit funds to your account. ${SET_TIMEOUTS}`,
		blockMs: 5 * MINUTE,
	},
	{
		code: 'ERROR: 1003',
		category: 'retryAfter',
		tables: ['in.php', 'res.php', 'limits'],
		description:
			'Blocked for 30 seconds: too many ERROR_NO_SLOT_AVAILABLE errors because the queue of your captchas not yet distributed to workers is long.',
		advice: 'Increase the timeout between submissions.',
		retryAfterMs: 30 * SECOND,
		blockMs: 30 * SECOND,
	},
	{
		code: 'ERROR: 1004',
		category: 'accountSuspended',
		tables: ['in.php', 'res.php', 'limits'],
		description:
			'Your IP address is blocked for 10 minutes because there were 5 requests with an incorrect API key from it.',
		advice: `Check your API key in the 2Captcha credential. ${SET_TIMEOUTS}`,
		blockMs: 10 * MINUTE,
	},
	{
		code: 'ERROR: 1005',
		category: 'accountSuspended',
		tables: ['in.php', 'res.php', 'limits'],
		description:
			'Account suspended for 5 minutes: too many requests to res.php (more than 20 per uploaded captcha plus 1200; balance requests count too).',
		advice: 'Poll less often, or use a pingback instead of polling.',
		blockMs: 5 * MINUTE,
	},
];
