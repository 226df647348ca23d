'use strict';
/** API keys and balances. Money is kept in units of 0.00001 USD so balances never drift. */

const UNITS_PER_USD = 100000;
const KEY_LENGTH = 32;

const toUnits = (usd) => Math.round(Number(usd) * UNITS_PER_USD);
const toUsd = (units) => units / UNITS_PER_USD;

function createAccounts() {
	const byKey = new Map();
	let nextAccountId = 1;
	return {
		/** Registers (or re-funds) a key; the account object never holds the key itself. */
		add(key, balanceUsd) {
			if (typeof key !== 'string' || key.length !== KEY_LENGTH) throw new Error(`sandbox API keys must be ${KEY_LENGTH} characters long`);
			const account = byKey.get(key) ?? { id: nextAccountId++, units: 0 };
			account.units = toUnits(balanceUsd);
			byKey.set(key, account);
			return account;
		},
		/** { account } for a known key, else { error } with the spec's code. */
		authenticate(key) {
			if (typeof key !== 'string' || key.length !== KEY_LENGTH) return { error: 'ERROR_WRONG_USER_KEY' };
			const account = byKey.get(key);
			return account ? { account } : { error: 'ERROR_KEY_DOES_NOT_EXIST' };
		},
		balance(key) {
			const account = byKey.get(key);
			return account ? toUsd(account.units) : undefined;
		},
	};
}

module.exports = { createAccounts, toUnits, toUsd, KEY_LENGTH };
