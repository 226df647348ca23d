'use strict';
/**
 * The benchmark's rows: every other file in this folder describes one kind of row, and adding a row is adding a
 * file. A row file exports:
 *   order          where its rows run and appear (lower first)
 *   specs({quick}) the rows to run: [{ kind (= the file name), client, n, lane?: 'side', …options for run }]
 *                  (`quick`: CI's short form, small N only); lane 'side' runs alongside the others (rows that sleep)
 *   preload()      optional: loads the modules run() needs, before the row's starting memory is measured
 *   run(spec)      runs one row in its own process against spec.url / spec.apiKey (the row's sandbox) and resolves
 *                  { startedAt, finishedAt, deliveries: [[captchaId, at]], failures } (real ms; see ../metrics.js)
 *   targets(rows, find)  optional: [{ name, detail, pass }] for the rows present (skip what did not run)
 *   note           optional: Markdown for BENCHMARKS.md's "Reading the table"
 * Loading a row file must stay cheap: require the engine inside run(), not at the top.
 */
const fs = require('node:fs');
const path = require('node:path');

function loadRowKinds() {
	return fs
		.readdirSync(__dirname)
		.filter((file) => file.endsWith('.js') && file !== 'index.js')
		.map((file) => ({ kind: path.basename(file, '.js'), ...require(path.join(__dirname, file)) }))
		.sort((a, b) => a.order - b.order);
}

const rowKind = (kind) => require(path.join(__dirname, `${kind}.js`));

module.exports = { loadRowKinds, rowKind };
