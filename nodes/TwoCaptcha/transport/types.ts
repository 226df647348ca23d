/** Where and as whom to call the 2Captcha API (built from the credential by serverConfig.ts). */
export interface ServerConfig {
	apiKey: string;
	/** Origin plus optional path prefix, without a trailing slash, e.g. `https://2captcha.com`. */
	baseUrl: string;
	/** Developer soft_id: the client adds it to every in.php submission, where it adds the key. */
	softId?: string;
}

export type Endpoint = 'in.php' | 'res.php';

export type RequestParams = Record<string, string | number | undefined>;

/** A parsed 2Captcha answer, whether it came as JSON or as plain text. */
export interface ApiResponse {
	/** 1 = OK, 0 = an error code or CAPCHA_NOT_READY in `request`. */
	status: number;
	request: unknown;
	/** Every other field of the JSON answer (price, useragent, error_text ...). */
	extra: Record<string, unknown>;
}

/** A file sent as multipart/form-data (e.g. `file` for method=post). */
export interface UploadFile {
	param: string;
	data: Buffer;
	filename: string;
	contentType: string;
}

/** A solved captcha's answer: what res.php answered, without the status. */
export interface RawAnswer {
	/** `request` from the JSON answer: a string for most methods, an object for Geetest, Capy, Amazon WAF... */
	request: unknown;
	/** Every other field of the JSON answer (useragent, cookies, price ...). */
	extra: Record<string, unknown>;
}
