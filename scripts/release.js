'use strict';
/**
 * `npm run release -- <patch|minor|major|x.y.z>`: bumps package.json (and the lockfile), moves the CHANGELOG's
 * Unreleased section under the new version with today's date, commits and tags vX.Y.Z. Pushing the tag
 * (`git push origin main vX.Y.Z`, printed at the end) starts .github/workflows/publish.yml, which publishes to npm
 * with provenance. Refuses a dirty tree and an empty Unreleased section.
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
