/**
 * Where the values of one item's captcha come from, ahead of the one solve path (solve.operation.ts): the node's
 * parameters of a captcha type's own operation, or one JSON object (Solve Any Captcha). Either way the values pass
 * the catalogue's checks (toInPhpParams) and the uploads the same size and format checks.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { toInPhpParams, type InPhpParams } from '../../catalogue/toRequest';
import type { CaptchaMethod } from '../../catalogue/types';
import { resolveUploads, type ResolvedUpload } from './uploads';

export interface ItemInput {
	method: CaptchaMethod;
	/** in.php parameters of the method's fields, checked; uploads are added by the solve path. */
	params: InPhpParams;
	uploads: ResolvedUpload[];
}

export interface ItemSource {
	/** The method of every item (one operation per captcha type); undefined when each item names its own. */
	method?: CaptchaMethod;
	/** Reads and checks one item; throws a FieldError naming the field on bad input. */
	read(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemInput>;
	/** An error of the uploads or the method's rules (run by the solve path after read) as this source names its fields. */
	relabel?(error: unknown, method: CaptchaMethod): unknown;
}

/** The fields, Options and uploads of a captcha type's own operation, from the node's parameters. */
export function parameterSource(method: CaptchaMethod): ItemSource {
	return {
		method,
		async read(ctx, itemIndex) {
			const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as Record<string, unknown>;
			const values: Record<string, unknown> = { ...options };
			for (const field of method.fields) values[field.name] = ctx.getNodeParameter(field.name, itemIndex, '');
			const params = toInPhpParams(method, values);
			const uploads: ResolvedUpload[] = [];
			for (const spec of method.uploads ?? []) uploads.push(...(await resolveUploads(ctx, itemIndex, spec, options)));
			return { method, params, uploads };
		},
	};
}
