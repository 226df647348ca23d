'use strict';
/**
 * Pingback (callback) addresses and delivery, like the service: a host is registered per key with add_pingback
 * (only from the same IP: here loopback hosts from a loopback client); when a captcha with a `pingback` URL is
 * solved, `id=<id>&code=<answer>` is POSTed urlencoded to it if its host is registered, with a few retries.
 */
const http = require('node:http');
const https = require('node:https');

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];
const ATTEMPTS = 3;
const RETRY_DELAY_SEC = 2;
const ATTEMPT_TIMEOUT_MS = 5000;

const isLoopbackAddress = (ip) => /^(::ffff:)?127\./.test(ip ?? '') || ip === '::1';

/** Pingback addresses may omit the scheme (`127.0.0.1/pingback`); null when unparsable. */
function parseAddress(addr) {
	try {
		const text = String(addr).trim();
		return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
	} catch {
		return null;
	}
}

const hostOf = (url) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

function post(url, body) {
	return new Promise((resolve) => {
		const client = url.protocol === 'https:' ? https : http;
		const request = client.request(
			url,
			{
				method: 'POST',
				timeout: ATTEMPT_TIMEOUT_MS,
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode }));
			},
		);
		request.on('timeout', () => request.destroy(new Error('pingback timed out')));
		request.on('error', (error) => resolve({ error: error.message }));
		request.end(body);
	});
}

function createPingbacks({ log, scaleMs }) {
	const registered = new WeakMap(); // account → Map(host → address as registered)
	const timers = new Set();
	let closed = false;

	const hostsOf = (account) => {
		if (!registered.has(account)) registered.set(account, new Map());
		return registered.get(account);
	};
	const wait = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	async function deliver(account, captcha, code) {
		const url = parseAddress(captcha.pingback);
		const entry = { endpoint: 'pingback', at: Date.now(), url: captcha.pingback, params: { id: captcha.id, code }, delivered: false, attempts: 0 };
		if (!url || !hostsOf(account).has(hostOf(url))) {
			log({ ...entry, reason: 'host not registered' });
			return;
		}
		const body = new URLSearchParams({ id: captcha.id, code }).toString();
		while (!closed && entry.attempts < ATTEMPTS) {
			if (entry.attempts > 0) await wait(Math.max(1, scaleMs(RETRY_DELAY_SEC * entry.attempts)));
			if (closed) break;
			entry.attempts++;
			const result = await post(url, body);
			Object.assign(entry, result);
			if (result.status >= 200 && result.status < 300) {
				entry.delivered = true;
				break;
			}
		}
		log({ ...entry, at: Date.now() });
	}

	return {
		/** Registers an address; null when done, else the spec's error code. */
		add(account, addr, clientIp) {
			const url = parseAddress(addr);
			if (!url) return 'ERROR_BAD_PARAMETERS';
			if (!isLoopbackAddress(clientIp) || !LOOPBACK_HOSTS.includes(hostOf(url))) return 'ERROR_IP_ADDRES';
			hostsOf(account).set(hostOf(url), String(addr).trim());
			return null;
		},
		list: (account) => [...hostsOf(account).values()],
		/** Deletes one address (matched by host) or every address with `all`. */
		remove(account, addr) {
			if (String(addr).trim() === 'all') return hostsOf(account).clear();
			const url = parseAddress(addr);
			if (url) hostsOf(account).delete(hostOf(url));
		},
		deliver,
		close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
		},
	};
}

module.exports = { createPingbacks, parseAddress, isLoopbackAddress };
