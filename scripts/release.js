'use strict';
/**
 * `npm run release -- <patch|minor|major|x.y.z>`: bumps package.json (and the lockfile), moves the CHANGELOG's
 * Unreleased section under the new version with today's date, commits and tags vX.Y.Z. Pushing the tag
 * (`git push origin HEAD vX.Y.Z`, printed at the end) starts .github/workflows/publish.yml, which publishes to npm
 * with provenance. Refuses while package.json's repository, homepage, bugs or author still hold the placeholders
 * this project started with (npm's provenance check needs `repository` to be the GitHub repository that publishes),
 * a dirty tree and an empty Unreleased section. `--check`: only the package.json check (publish.yml runs it).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8' }).trim();
const fail = (message) => {
	console.error(`release: ${message}`);
	process.exit(1);
};

/** The values package.json was created with; a release needs the real ones. */
const PLACEHOLDER_REPOSITORY = 'github.com/n8n-nodes-twocaptcha/n8n-nodes-twocaptcha';
const PLACEHOLDER_AUTHOR = { name: 'n8n-nodes-twocaptcha maintainers', email: 'n8n-nodes-twocaptcha@users.noreply.github.com' };

/** The package.json fields that still need a real value: [field, what to set]. */
function placeholderFields(manifest) {
	const url = (value) => (typeof value === 'string' ? value : value?.url) ?? '';
	const isPlaceholderUrl = (value) => !url(value) || url(value).includes(PLACEHOLDER_REPOSITORY);
	const author = typeof manifest.author === 'string' ? { name: manifest.author } : (manifest.author ?? {});
	const fields = [];
	if (isPlaceholderUrl(manifest.repository)) fields.push(['repository.url', 'git+https://github.com/<owner>/<repo>.git (the repository whose CI publishes)']);
	if (isPlaceholderUrl(manifest.homepage)) fields.push(['homepage', 'https://github.com/<owner>/<repo>#readme']);
	if (isPlaceholderUrl(manifest.bugs)) fields.push(['bugs.url', 'https://github.com/<owner>/<repo>/issues']);
	if (!author.name || author.name === PLACEHOLDER_AUTHOR.name) fields.push(['author.name', 'your name or organisation']);
	if (author.email === PLACEHOLDER_AUTHOR.email) fields.push(['author.email', 'a real address (or remove the field)']);
	return fields;
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const placeholders = placeholderFields(manifest);
if (placeholders.length) {
	fail(
		`package.json still holds placeholder values; set these before releasing:\n${placeholders
			.map(([field, what]) => `  ${field}: ${what}`)
			.join('\n')}`,
	);
}
if (process.argv[2] === '--check') {
	console.log('release: package.json names its repository, homepage, bugs and author');
	process.exit(0);
}

const bump = process.argv[2];
if (!/^(patch|minor|major|\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/.test(bump ?? '')) {
	fail('usage: npm run release -- <patch|minor|major|x.y.z>');
}
if (run('git', ['status', '--porcelain'])) fail('the working tree has uncommitted changes');

const changelogPath = path.join(root, 'CHANGELOG.md');
const changelog = fs.readFileSync(changelogPath, 'utf8');
const unreleased = /^## \[Unreleased\]\n([\s\S]*?)(?=^## \[)/m.exec(changelog);
if (!unreleased) fail('CHANGELOG.md has no "## [Unreleased]" section followed by a released version');
if (!unreleased[1].trim()) fail('the Unreleased section of CHANGELOG.md is empty: describe the changes first');

// Version only: no git commit or tag from npm (the CHANGELOG goes into the same commit).
const version = run('npm', ['version', bump, '--no-git-tag-version', '--ignore-scripts']).replace(/^v/, '');
const tag = `v${version}`;
if (run('git', ['tag', '--list', tag])) fail(`tag ${tag} exists already`);

const date = new Date().toISOString().slice(0, 10);
fs.writeFileSync(
	changelogPath,
	changelog.replace(unreleased[0], `## [Unreleased]\n\n## [${version}] - ${date}\n${unreleased[1]}`),
);
run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
run('git', ['commit', '-m', `Release ${tag}`]);
run('git', ['tag', '-a', tag, '-m', `Release ${tag}`]);
console.log(`${tag} committed and tagged. Publish it: git push origin HEAD ${tag}`);
