/** Turnstile widget parameters, shared by the standalone and the Cloudflare challenge page entries. */
import type { FieldSpec } from './types';

export const turnstileSiteKeyDescription =
	'Value of data-sitekey, or the sitekey passed to turnstile.render';

export const turnstileAction = (): FieldSpec => ({
	displayName: 'Action',
	name: 'action',
	param: 'action',
	type: 'string',
	default: '',
	description: 'Value of data-action, or the action passed to turnstile.render',
});

export const turnstileCData = (): FieldSpec => ({
	displayName: 'CData',
	name: 'cData',
	param: 'data',
	type: 'string',
	default: '',
	description: 'Value of data-cdata, or the cData passed to turnstile.render',
});

export const turnstilePageData = (): FieldSpec => ({
	displayName: 'Challenge Page Data',
	name: 'chlPageData',
	param: 'pagedata',
	type: 'string',
	default: '',
	description: 'The chlPageData passed to turnstile.render on the challenge page',
});
