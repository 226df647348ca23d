/** Turnstile widget parameters, shared by the standalone and the Cloudflare challenge page entries. */
import type { FieldSpec } from './types';

export const turnstileSiteKeyDescription =
	'Value of data-sitekey, or the sitekey passed to turnstile.render';

export const turnstileAction = (): FieldSpec => ({
	name: 'action',
	param: 'action',
	displayName: 'Action',
	type: 'string',
	default: '',
	description: 'Value of data-action, or the action passed to turnstile.render',
});

export const turnstileCData = (): FieldSpec => ({
	name: 'cData',
	param: 'data',
	displayName: 'CData',
	type: 'string',
	default: '',
	description: 'Value of data-cdata, or the cData passed to turnstile.render',
});

export const turnstilePageData = (): FieldSpec => ({
	name: 'chlPageData',
	param: 'pagedata',
	displayName: 'Challenge Page Data',
	type: 'string',
	default: '',
	description: 'The chlPageData passed to turnstile.render on the challenge page',
});
