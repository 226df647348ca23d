const MASK = '***';
/** Secrets shorter than this are not masked: masking "1" would shred every number in a message. */
const MIN_SECRET_LENGTH = 4;
const DEFAULT_EXCERPT_LENGTH = 200;

/** Replaces every occurrence of each secret (raw and URL-encoded) with a mask. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			result = result.split(form).join(MASK);
		}
	}
	return result;
}

/** A short, single-line, redacted excerpt of a response body for error messages. */
export function excerpt(
	text: string,
	secrets: ReadonlyArray<string | undefined>,
	maxLength = DEFAULT_EXCERPT_LENGTH,
): string {
	const singleLine = redact(text, secrets).replace(/\s+/g, ' ').trim();
	if (singleLine === '') return '(empty body)';
	return singleLine.length > maxLength ? `${singleLine.slice(0, maxLength)}…` : singleLine;
}

/**
 * API keys seen by this process (credentials read, clients built), so error helpers that are not
 * handed the key can still mask it. Bounded: the oldest keys are forgotten first.
 */
const MAX_REMEMBERED_SECRETS = 1000;
const rememberedSecrets = new Set<string>();

export function rememberSecret(secret: string): void {
	if (secret.length < MIN_SECRET_LENGTH) return;
	rememberedSecrets.delete(secret);
	rememberedSecrets.add(secret);
	if (rememberedSecrets.size > MAX_REMEMBERED_SECRETS) {
		rememberedSecrets.delete(rememberedSecrets.values().next().value as string);
	}
}

/** Masks every remembered secret and every extra one given. */
export function redactKnownSecrets(text: string, extraSecrets: ReadonlyArray<string | undefined> = []): string {
	return redact(text, [...rememberedSecrets, ...extraSecrets]);
}
