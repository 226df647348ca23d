import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { textOf, type Secrets } from '../../transport/redact';
import { urlProblem } from '../../transport/url';
import { addressHost } from '../../shared/pingbackAddresses';

export const addressField: INodeProperties = {
	displayName: 'Address',
	name: 'address',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. n8n.example.com or https://n8n.example.com/webhook/',
	description: 'Domain, IP address or URL; 2Captcha delivers pingbacks to any URL on its host',
};

const NOT_AN_ADDRESS = 'is not a domain, IP address or URL';

/** Why an address is refused: a URL goes through the one URL check, a bare host may hold no space or control character. */
function addressProblem(address: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(address) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(address)) return urlProblem(address);
	if (address.length > 253 + 6 || /[\s\p{Cc}\p{Cf}"<>\\^`{|}@]/u.test(address)) return NOT_AN_ADDRESS;
	return addressHost(address) ? undefined : NOT_AN_ADDRESS;
}

export function readAddress(ctx: IExecuteFunctions, itemIndex: number): string {
	const value: unknown = ctx.getNodeParameter('address', itemIndex);
	const address = typeof value === 'string' ? value.trim() : '';
	const problem = typeof value === 'string' ? addressProblem(address) : `got ${typeof value}`;
	if (problem) {
		const detail = problem === NOT_AN_ADDRESS ? '' : ` (${problem})`;
		throw new NodeOperationError(ctx.getNode(), `Address ${NOT_AN_ADDRESS}${detail}`, {
			itemIndex,
			description: 'Nothing was sent to 2Captcha for this item.',
		});
	}
	return address;
}

/** What the server answered, as output text (the JSON of anything but text), redacted with the execution's secrets. */
export function answerText(value: unknown, secrets: Secrets): string {
	return secrets.redact(textOf(value));
}
