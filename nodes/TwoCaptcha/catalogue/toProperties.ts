import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { wholeNumberField } from './toRequest';
import type { CaptchaMethod, FieldSpec, UploadSpec } from './types';

/** n8n UI properties for one catalogue entry: its required fields, its uploads and its Options collection. */
export function methodProperties(method: CaptchaMethod): INodeProperties[] {
	const show = { resource: ['captcha'], operation: [method.value] };
	const required = method.fields.map((field) => ({ ...fieldProperty(field), required: true, displayOptions: { show } }));
	const uploads = (method.uploads ?? []).filter((u) => u.required).flatMap((u) => requiredUploadProperties(u, show));
	const optional = [
		...method.options.map(fieldProperty),
		...(method.uploads ?? []).filter((u) => !u.required).flatMap(optionalUploadProperties),
	];
	const options: INodeProperties[] = optional.length
		? [
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					placeholder: 'Add Option',
					default: {},
					displayOptions: { show },
					options: sortByDisplayName(optional),
				},
			]
		: [];
	return [...uploads, ...required, ...options];
}

export function fieldProperty(field: FieldSpec): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		description: field.description,
		placeholder: field.placeholder,
	};
	switch (field.type) {
		case 'number':
			return {
				...base,
				type: 'number',
				default: field.default ?? 0,
				typeOptions: {
					minValue: field.min,
					maxValue: field.max,
					numberPrecision: wholeNumberField(field) ? 0 : 1,
				},
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'options':
			return {
				...base,
				type: 'options',
				default: field.default ?? field.options?.[0]?.value ?? '',
				options: sortByName((field.options ?? []).map((c) => ({ ...c }))),
			};
		case 'json':
			return { ...base, type: 'json', default: field.default ?? '' };
		case 'keyValue':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Entry',
				typeOptions: { multipleValues: true },
				options: [
					{
						displayName: 'Entry',
						name: 'entries',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			};
		default:
			return {
				...base,
				type: 'string',
				default: field.default ?? '',
				typeOptions: field.rows ? { rows: field.rows } : field.type === 'proxy' ? { password: true } : undefined,
			};
	}
}

/** Parameter names derived for an upload. */
export function uploadNames(upload: UploadSpec) {
	return {
		source: `${upload.namePrefix}Source`,
		binaryProperty: `${upload.namePrefix}BinaryProperty`,
		base64: `${upload.namePrefix}Base64`,
	};
}

function requiredUploadProperties(upload: UploadSpec, show: Record<string, string[]>): INodeProperties[] {
	const names = uploadNames(upload);
	const what = upload.kind === 'audio' ? 'MP3 audio' : 'image (JPG, PNG or GIF)';
	return [
		{
			displayName: `${upload.displayName} Source`,
			name: names.source,
			type: 'options',
			default: 'binary',
			displayOptions: { show },
			options: [
				{ name: 'Base64 String', value: 'base64', description: `The ${what} as a base64 string or data URL` },
				{ name: 'Binary File', value: 'binary', description: `The ${what} from a binary property of the input item` },
			],
		},
		{
			displayName: 'Input Binary Field',
			name: names.binaryProperty,
			type: 'string',
			default: 'data',
			required: true,
			description: `Name of the input item's binary property holding the ${what}`,
			displayOptions: { show: { ...show, [names.source]: ['binary'] } },
		},
		{
			displayName: `${upload.displayName} (Base64)`,
			name: names.base64,
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 3 },
			description: `The ${what}, base64-encoded (a data: URL works too)`,
			displayOptions: { show: { ...show, [names.source]: ['base64'] } },
		},
	];
}

function optionalUploadProperties(upload: UploadSpec): INodeProperties[] {
	const names = uploadNames(upload);
	return [
		{
			displayName: `${upload.displayName} Binary Field`,
			name: names.binaryProperty,
			type: 'string',
			default: '',
			description: `Name of the input item's binary property holding the ${upload.displayName.toLowerCase()}`,
		},
		{
			displayName: `${upload.displayName} (Base64)`,
			name: names.base64,
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: `The ${upload.displayName.toLowerCase()}, base64-encoded`,
		},
	];
}

export function sortByName<T extends INodePropertyOptions>(options: T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

export function sortByDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
