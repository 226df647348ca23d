/**
 * The method catalogue: one declarative entry per 2Captcha captcha method.
 * The node's UI, the in.php request, validation, default timings and the output
 * are all derived from these entries; adding a method means adding one file.
 */
import type { RawAnswer } from '../transport/types';

/** How a value typed in the n8n UI becomes an in.php parameter. */
export type FieldType =
	| 'string' // free text
	| 'url' // absolute http(s) URL, validated before any request
	| 'number' // numeric input; min/max checked before any request
	| 'boolean' // sent as 1 when true, omitted when false (unless sendFalse)
	| 'options' // dropdown; `options` lists the values
	| 'json' // JSON text or object; sent as its JSON string
	| 'keyValue' // n8n fixedCollection of name/value pairs, sent as param[name]=value (e.g. FunCaptcha data[blob])
	| 'proxy' // login:password@host:port or host:port, validated; pairs with proxytype
	| 'params' // Custom Method: n8n fixedCollection of name/value pairs, each sent as its own in.php parameter name=value
	| 'paramsJson'; // Custom Method: a JSON object, each key sent as its own in.php parameter (objects and lists as JSON text)

export interface FieldChoice {
	name: string;
	value: string | number;
	description?: string;
}

export interface FieldSpec {
	/** n8n parameter name, camelCase, stable forever (workflows store it). */
	name: string;
	/** in.php parameter name, exactly as the spec spells it. */
	param: string;
	displayName: string;
	type: FieldType;
	description?: string;
	/**
	 * Required by the spec: empty/whitespace is rejected before any request. Every field of an entry's `fields` is
	 * shown at the top level; only Custom Method has top-level fields that are not required.
	 */
	required?: boolean;
	/** keyValue fields take {} (no entries). */
	default?: string | number | boolean | Record<string, never>;
	placeholder?: string;
	/** For 'options': the values, named as in n8n's INodeProperties so n8n's lint rules check `default` against them. */
	options?: FieldChoice[];
	min?: number;
	max?: number;
	/** Max length in characters (e.g. textinstructions: 140). */
	maxLength?: number;
	/** For 'boolean': send 0 when false instead of omitting the parameter. */
	sendFalse?: boolean;
	/** Multi-line text box in the UI. */
	rows?: number;
	/**
	 * Base64 text (a 'string' field): must be standard base64; line breaks and spaces (MIME base64, as many tools
	 * wrap it) are allowed and removed before sending.
	 */
	base64?: boolean;
}

/** A file the method uploads (image, audio, instruction image). */
export interface UploadSpec {
	/** in.php parameter for base64 content (e.g. 'body', 'image', 'imginstructions'). */
	base64Param: string;
	/** in.php parameter for a multipart file, when the method accepts multipart (method=post / rotatecaptcha). */
	multipartParam?: string;
	/** What the content must be; checked (magic bytes, size) before any request. 'file': any content, size only (Custom Method). */
	kind: 'image' | 'audio' | 'file';
	/**
	 * Several files for one upload:
	 * - 'jsonArray': the user names several binary properties (comma-separated) or gives several base64 strings; they
	 *   go as ONE parameter holding the JSON array of base64 strings (Drag and Drop `images`, the form-encoded way
	 *   2Captcha's Python library sends it).
	 * - 'named': the user lists (in.php parameter, binary property) pairs; each file goes base64 under its own
	 *   parameter (Custom Method).
	 */
	list?: 'jsonArray' | 'named';
	/** For lists: the most files the user may give. */
	maxCount?: number;
	/** The binary property a required upload reads by default ('data' unless set). */
	defaultBinaryProperty?: string;
	/** Size limits in bytes, from the spec. */
	minBytes?: number;
	maxBytes: number;
	/** Required: the main captcha image/audio. Optional: instruction images. */
	required: boolean;
	/** Prefix for the n8n parameter names derived for this upload (e.g. 'image' → imageSource / imageBinaryProperty / imageBase64). */
	namePrefix: string;
	displayName: string;
}

/** The part of a res.php answer the parsers see (defined by the transport, which reads it). */
export type { RawAnswer };

export interface ParsedAnswer {
	/** The answer in the most useful shape for a workflow (token string, {x,y}[], cell numbers, object ...). */
	solution: unknown;
	/** Extras such as userAgent or cookies, merged into the output item. */
	extras?: Record<string, unknown>;
}

export type AnswerParser = (answer: RawAnswer) => ParsedAnswer;

export interface MethodTimings {
	/** Seconds between submit and the first res.php poll. */
	firstPollSec: number;
	/** Seconds between polls. */
	pollIntervalSec: number;
	/** Seconds after submit after which the item fails with a timeout. */
	timeoutSec: number;
}

export interface CaptchaMethod {
	/** Operation value (camelCase, stable forever). */
	value: string;
	/** Label in the Operation dropdown, e.g. 'reCAPTCHA V2'; the node creator's action is 'Solve <name>'. */
	name: string;
	description: string;
	/** Constant in.php parameters: at least `method`, plus flags like version=v3, recaptcha=1, coordinatescaptcha=1. */
	fixed: Record<string, string>;
	/**
	 * Value of `method` when the uploads travel as multipart files instead of base64 (Normal, Grid, Canvas,
	 * Coordinates: fixed.method is 'base64', multipart needs 'post'). Absent: `fixed.method` holds either way.
	 */
	multipartMethod?: string;
	/** Required fields (top level in the UI). */
	fields: FieldSpec[];
	/** Optional fields (in the "Options" collection). */
	options: FieldSpec[];
	/** Files uploaded with the submission. */
	uploads?: UploadSpec[];
	/** Defaults; every one overridable in the node's Options. */
	timings: MethodTimings;
	parse: AnswerParser;
	/**
	 * True when the answer is a plain string that never contains '|' and carries no extras,
	 * so the shared poller may take it straight from a multi-id `action=get&ids=` answer.
	 * Otherwise the poller only learns readiness from the multi-get and fetches the answer alone (json=1).
	 * A function decides per submission, from its in.php parameters (e.g. extras only when cookies were sent).
	 */
	multiGetAnswer: boolean | ((params: Record<string, string>) => boolean);
	/** Cross-field checks the spec states (e.g. textinstructions or imginstructions required); return an error message naming the field. */
	validate?: (params: Record<string, unknown>) => string | undefined;
	/**
	 * A node setting that picks the parser (Custom Method's Answer As): shown as a dropdown, never sent. It is read
	 * once per execution (item 0) and applied with `configuredMethod` (catalogue/index.ts); Wait for Pingback carries
	 * the value to its webhook, which parses with the same choice.
	 */
	answerChoice?: AnswerChoice;
}

export interface AnswerChoice {
	name: string;
	displayName: string;
	description: string;
	default: string;
	choices: Array<{ name: string; value: string; description: string; parse: AnswerParser }>;
}
