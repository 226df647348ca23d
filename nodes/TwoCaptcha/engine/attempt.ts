/** Settles a promise into a value or an Error, so callers branch on failures instead of catching and rethrowing. */
export async function attempt<T>(promise: Promise<T>): Promise<{ value: T; error?: undefined } | { error: Error }> {
	return await promise.then(
		(value) => ({ value }),
		(error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
	);
}
