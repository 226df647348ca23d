import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { wholeNumberField } from './toRequest';
import type { AnswerChoice, CaptchaMethod, FieldSpec, UploadSpec } from './types';

/** n8n UI properties for one catalogue entry: its required fields, its uploads and its Options collection. */
export function methodProperties(method: CaptchaMethod): INodeProperties[] {
	const show = { resource: ['captcha'], operation: [method.value] };
	const required = method.fields.map((field) => ({ ...fieldProperty(field), required: field.required === true, displayOptions: { show } }));
	const answerChoice = method.answerChoice ? [answerChoiceProperty(method.answerChoice, show)] : [];
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
	return [...uploads, ...required, ...answerChoice, ...options];
}

/** Custom Method's Answer As: one choice per node (read from the first item), so no expression. */
function answerChoiceProperty(choice: AnswerChoice, show: Record<string, string[]>): INodeProperties {
	const initial = choice.default;
	return {
		displayName: choice.displayName,
		name: choice.name,
		type: 'options',
		noDataExpression: true,
		default: initial,
		description: choice.description,
		displayOptions: { show },
		options: sortByName(choice.choices.map(({ name, value, description }) => ({ name, value, description }))),
	};
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
		case 'paramsJson':
			return { ...base, type: 'json', default: field.default ?? '' };
		case 'keyValue':
		case 'params':
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

/** What an upload must hold, for descriptions. */
function contentOf(upload: UploadSpec): string {
	if (upload.kind === 'audio') return 'MP3 audio';
	return upload.kind === 'file' ? 'file' : 'image (JPG, PNG or GIF)';
}

/** The words of a required upload's UI: one file, or a list of them (Drag and Drop's draggable images). */
function uploadWording(upload: UploadSpec) {
	if (upload.list !== 'jsonArray') {
		const what = contentOf(upload);
		return {
			what,
			base64Choice: { name: 'Base64 String', description: `The ${what} as a base64 string or data URL` },
			binaryChoice: { name: 'Binary File', description: `The ${what} from a binary property of the input item` },
			field: { displayName: 'Input Binary Field', description: `Name of the input item's binary property holding the ${what}` },
			base64: { rows: 3, description: `The ${what}, base64-encoded (a data: URL works too)` },
		};
	}
	const what = `${upload.kind === 'image' ? 'images (JPG, PNG or GIF)' : `${contentOf(upload)}s`}, in order (at most ${upload.maxCount ?? 1})`;
	return {
		what,
		base64Choice: { name: 'Base64 Strings', description: `The ${what} as base64 strings` },
		binaryChoice: { name: 'Binary Files', description: `The ${what} from binary properties of the input item` },
		field: { displayName: 'Input Binary Fields', description: `Names of the input item's binary properties holding the ${what}, comma-separated` },
		base64: { rows: 4, description: `The ${what}: one base64 string per line, or a JSON list of them` },
	};
}

function requiredUploadProperties(upload: UploadSpec, show: Record<string, string[]>): INodeProperties[] {
	const names = uploadNames(upload);
	const words = uploadWording(upload);
	const binaryProperty = upload.list ? '' : (upload.defaultBinaryProperty ?? 'data');
	const sources = [
		{ ...words.base64Choice, value: 'base64' },
		{ ...words.binaryChoice, value: 'binary' },
	];
	return [
		{
			displayName: `${upload.displayName} Source`,
			name: names.source,
			type: 'options',
			default: 'binary',
			displayOptions: { show },
			options: sources,
		},
		{
			...words.field,
			name: names.binaryProperty,
			type: 'string',
			default: binaryProperty,
			required: true,
			placeholder: upload.list ? 'piece1, piece2' : undefined,
			displayOptions: { show: { ...show, [names.source]: ['binary'] } },
		},
		{
			displayName: `${upload.displayName} (Base64)`,
			name: names.base64,
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: words.base64.rows },
			description: words.base64.description,
			displayOptions: { show: { ...show, [names.source]: ['base64'] } },
		},
	];
}

/** Files the user names a parameter for (Custom Method): pairs of in.php parameter and binary property. */
function namedFilesProperty(upload: UploadSpec): INodeProperties {
	const parameter = upload.base64Param;
	return {
		displayName: upload.displayName,
		name: upload.namePrefix,
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add File',
		typeOptions: { multipleValues: true },
		description: `Files from binary properties of the input item, each sent base64 under its own parameter (at most ${upload.maxCount ?? 1}, ${Math.round(upload.maxBytes / 1024)} kB each)`,
		options: [
			{
				displayName: 'File',
				name: 'entries',
				values: [
					{ displayName: 'Parameter', name: 'parameter', type: 'string', default: parameter, description: 'The in.php parameter, e.g. body' },
					{ displayName: 'Input Binary Field', name: 'binaryProperty', type: 'string', default: 'data', description: "Name of the input item's binary property" },
				],
			},
		],
	};
}

function optionalUploadProperties(upload: UploadSpec): INodeProperties[] {
	if (upload.list === 'named') return [namedFilesProperty(upload)];
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
