import { classifyCode, ensureOk, ProtocolError, TwoCaptchaApiError } from '../transport/errors';
import { excerpt } from '../transport/redact';
import type { ResApi } from './resApi';

/** `addr` value of del_pingback that deletes every address of the account. */
export const ALL_ADDRESSES = 'all';

/** ERROR_IP_ADDRES spelled out: the reference's wording leaves users guessing which IP must match. */
function ipMismatch(address: string): TwoCaptchaApiError {
	return new TwoCaptchaApiError({
		...classifyCode('ERROR_IP_ADDRES'),
		description:
			`2Captcha refused to register "${address}": a pingback address can only be registered by a request ` +
			"coming from that address's own IP, and this request came from another IP",
		advice:
			'Register the address on https://2captcha.com/setting/pingback, or register it from the machine it points ' +
			'to. Behind a proxy, NAT or tunnel, n8n calls out from another IP than the one its public address resolves to.',
	});
}

/** add_pingback: registers a domain, IP or URL (2Captcha then delivers pingbacks to any URL on that host). */
export async function addAddress(api: ResApi, address: string, signal?: AbortSignal): Promise<unknown> {
	const response = await api.call({ action: 'add_pingback', addr: address }, signal);
	if (response.status !== 1 && response.request === 'ERROR_IP_ADDRES') throw ipMismatch(address);
	return ensureOk(response).request;
}

/**
 * get_pingback: the registered addresses, as registered: a list of texts, or one text (some servers answer one
 * address, or a comma-separated list, as text). Anything else (an object, a list holding a non-text) is a
 * ProtocolError quoting the answer, never "[object Object]".
 */
export async function listAddresses(api: ResApi, signal?: AbortSignal): Promise<string[]> {
	const { request } = ensureOk(await api.call({ action: 'get_pingback' }, signal));
	// No address registered: an empty list, an empty text, or nothing at all.
	if (request === null || request === undefined) return [];
	const texts = Array.isArray(request) ? request : [request];
	if (!texts.every((address) => typeof address === 'string')) {
		throw new ProtocolError(`get_pingback answered ${excerpt(request, api.secrets)}, not a list of addresses`);
	}
	if (Array.isArray(request)) return request as string[];
	return (request as string)
		.split(',')
		.map((address) => address.trim())
		.filter((address) => address !== '');
}

/** del_pingback: deletes one address, or all with ALL_ADDRESSES. */
export async function deleteAddress(api: ResApi, address: string, signal?: AbortSignal): Promise<unknown> {
	return ensureOk(await api.call({ action: 'del_pingback', addr: address }, signal)).request;
}

/** The host an address stands for (`https://a.example.com/x`, `a.example.com/x` → `a.example.com`). */
export function addressHost(address: string): string | undefined {
	const text = address.trim();
	try {
		const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
		return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	} catch {
		return undefined;
	}
}

/** Whether 2Captcha already has `host` among the account's pingback addresses (get_pingback). */
export async function isHostRegistered(api: ResApi, host: string, signal?: AbortSignal): Promise<boolean> {
	const addresses = await listAddresses(api, signal);
	return addresses.some((address) => addressHost(address) === host);
}

/** Registers `host` unless it is registered already; true when this call added it. */
export async function registerHost(api: ResApi, host: string, signal?: AbortSignal): Promise<boolean> {
	if (await isHostRegistered(api, host, signal)) return false;
	await addAddress(api, host, signal);
	return true;
}
