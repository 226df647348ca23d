'use strict';
/** Number formats shared by the report and the row files' targets. */
const fixed = (digits) => (value) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

module.exports = { fixed, sec: fixed(1), ratio: fixed(2) };
