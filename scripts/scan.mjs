// `npm run scan`: the checks of n8n's community package scanner (@n8n/scan-community-package, the gate n8n runs
// before a package is verified) on the packed tarball, offline. The scanner itself downloads a published version
// from the registry, checks its npm provenance and lints both the attested source and the tarball; here the
// same two lint legs run, with the scanner's own ESLint config and file patterns, on this checkout's tracked
// source and on `npm pack`'s tarball. Left out: provenance (only a real publish from CI has it) and the rule
// against runtime dependencies, relaxed exactly as in eslint.config.mjs (undici and form-data only).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { allowRuntimeDependencies } from '../eslint.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scannerDir = path.join(root, 'node_modules/@n8n/scan-community-package');
const PLUGIN = '@n8n/eslint-plugin-community-nodes';

/** The community-nodes plugin the scanner itself loads (its own, possibly older, copy). */
async function scannerPlugin() {
	const nested = path.join(scannerDir, 'node_modules', PLUGIN, 'dist/plugin.js');
	const url = fs.existsSync(nested) ? pathToFileURL(nested).href : PLUGIN;
	return (await import(url)).n8nCommunityNodesPlugin;
}

/** The scanner's analyzePackage, with the dependency rules replaced by their relaxed versions. */
async function lint(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: [
			...(await buildScanConfig()),
			{
				plugins: { 'runtime-dependencies': allowRuntimeDependencies(await scannerPlugin()) },
				rules: {
					'@n8n/community-nodes/no-restricted-imports': 'off',
					'runtime-dependencies/no-restricted-imports': 'error',
					'@n8n/community-nodes/no-runtime-dependencies': 'off',
					'runtime-dependencies/no-runtime-dependencies': 'error',
				},
			},
		],
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	if (files.length === 0) throw new Error(`no files to scan in ${dir}`);
	const results = await eslint.lintFiles(files);
	const failed = results.some((result) => result.errorCount > 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	return { failed, report, count: files.length };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twocaptcha-scan-'));
try {
	// The source leg: the tracked files, as the scanner gets them from the attested commit.
	const source = path.join(work, 'source');
	fs.mkdirSync(source);
	execFileSync('bash', ['-c', `git -C "${root}" ls-files -z | tar -C "${root}" --null -T - -cf - | tar -C "${source}" -xf -`]);
	// The tarball leg: what `npm pack` ships (prepack builds dist/), unpacked like the scanner does.
	if (!process.argv[2]) execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = process.argv[2]
		? path.resolve(process.argv[2])
		: path.join(work, fs.readdirSync(work).find((name) => name.endsWith('.tgz')));
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

	const legs = [
		['source', await lint(source, SOURCE_FILE_PATTERNS)],
		[path.basename(tarball), await lint(unpacked, ['**/*.js', 'package.json'])],
	];
	for (const [name, { failed, report, count }] of legs) {
		console.log(`${failed ? '❌' : '✅'} scanner checks on ${name} (${count} files)`);
		if (report.trim()) console.log(report);
	}
	process.exitCode = legs.some(([, leg]) => leg.failed) ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
