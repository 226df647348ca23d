#!/usr/bin/env node
'use strict';
/**
 * `npm run sandbox`: starts the 2Captcha sandbox and prints its base URL and a working API key.
 *
 * Flags (or environment variables):
 *   --port N          SANDBOX_PORT         default 2424 (0 picks a free port)
 *   --host H          SANDBOX_HOST         default 127.0.0.1
 *   --seed N          SANDBOX_SEED         default 1
 *   --time-scale X    SANDBOX_TIME_SCALE   default 1 (real seconds); 0.01 makes everything 100x faster
 *   --balance USD     SANDBOX_BALANCE      default 100
 *   --key KEY         SANDBOX_API_KEY      a fixed 32-character key (default: derived from the seed)
 *   --faults SPEC     SANDBOX_FAULTS       JSON or a list such as "html502Rate=0.1,noSlotRate=0.2,zeroBalance"
 *   --solve-times J   SANDBOX_SOLVE_TIMES  JSON, e.g. '{"image":{"min":1,"max":2},"turnstile":{"min":3,"max":5}}'
 *   --limits J        SANDBOX_LIMITS       JSON overrides of the request limits (see limits.js)
 *   --quiet                                do not print each request
 *   --json                                 print {"url","apiKey"} as one JSON line instead of the banner
 */
const { startSandbox } = require('./index');

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!match) throw new Error(`unexpected argument ${argv[i]}`);
		const [, name, inline] = match;
		const isSwitch = ['quiet', 'json', 'help'].includes(name);
		args[name] = isSwitch ? true : inline ?? argv[++i];
		if (args[name] === undefined) throw new Error(`--${name} needs a value`);
	}
	return args;
}

/** Faults as JSON, or `name=value` pairs separated by commas (a bare name means true). */
function parseFaults(text) {
	if (!text) return undefined;
	if (text.trim().startsWith('{')) return JSON.parse(text);
	return Object.fromEntries(
		text.split(',').filter(Boolean).map((pair) => {
			const [name, value] = pair.split('=');
			return [name.trim(), value === undefined ? true : value === 'false' ? false : Number(value)];
		}),
	);
}

const json = (text) => (text ? JSON.parse(text) : undefined);
const number = (text) => (text === undefined ? undefined : Number(text));

function describe(entry) {
	const faults = entry.faults?.length ? ` [fault: ${entry.faults.join(', ')}]` : '';
	if (entry.endpoint === 'pingback') return `pingback ${entry.url} id=${entry.params.id} delivered=${entry.delivered}${entry.reason ? ` (${entry.reason})` : ''}`;
	const params = Object.entries(entry.params ?? {}).map(([name, value]) => `${name}=${value}`).join(' ');
	const response = entry.response ? ` → ${typeof entry.response.request === 'string' ? entry.response.request.slice(0, 80) : JSON.stringify(entry.response.request).slice(0, 80)}` : '';
	return `${entry.httpMethod ?? ''} /${entry.endpoint} ${params}${response}${faults}`;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(require('node:fs').readFileSync(__filename, 'utf8').split('*/')[0]);
		return;
	}
	const env = process.env;
	const options = {
		port: number(args.port ?? env.SANDBOX_PORT) ?? 2424,
		host: args.host ?? env.SANDBOX_HOST ?? '127.0.0.1',
		seed: number(args.seed ?? env.SANDBOX_SEED),
		timeScale: number(args['time-scale'] ?? env.SANDBOX_TIME_SCALE),
		balance: number(args.balance ?? env.SANDBOX_BALANCE),
		apiKey: args.key ?? env.SANDBOX_API_KEY,
		faults: parseFaults(args.faults ?? env.SANDBOX_FAULTS),
		solveTimes: json(args['solve-times'] ?? env.SANDBOX_SOLVE_TIMES),
		limits: json(args.limits ?? env.SANDBOX_LIMITS),
		onLog: args.quiet || args.json ? undefined : (entry) => setImmediate(() => console.log(describe(entry))),
	};
	for (const name of Object.keys(options)) if (options[name] === undefined) delete options[name];

	const sandbox = await startSandbox(options);
	if (args.json) console.log(JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey }));
	else {
		console.log('2Captcha sandbox (API v1: /in.php, /res.php) is running');
		console.log(`  base URL: ${sandbox.url}`);
		console.log(`  API key:  ${sandbox.apiKey}`);
		console.log(`  time scale ${options.timeScale ?? 1}, seed ${options.seed ?? 1}; Ctrl+C stops it`);
	}
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`sandbox: ${error.message}`);
	process.exit(1);
});
