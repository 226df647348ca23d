'use strict';
/** `npm run release` (scripts/release.js) refuses to tag while package.json holds the placeholder metadata. */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RELEASE = path.resolve(__dirname, '../../scripts/release.js');
const PROJECT_MANIFEST = require('../../package.json');
jest.setTimeout(30_000);

let repo;
beforeEach(() => {
	repo = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

/** A repository with release.js, the given package.json metadata and a CHANGELOG with unreleased notes. */
function project(metadata) {
	fs.mkdirSync(path.join(repo, 'scripts'));
	fs.copyFileSync(RELEASE, path.join(repo, 'scripts', 'release.js'));
	fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'n8n-nodes-twocaptcha', version: '0.1.0', ...metadata }, null, 2));
	const lock = { name: 'n8n-nodes-twocaptcha', version: '0.1.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'n8n-nodes-twocaptcha', version: '0.1.0' } } };
	fs.writeFileSync(path.join(repo, 'package-lock.json'), JSON.stringify(lock, null, 2));
	fs.writeFileSync(path.join(repo, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n- Something new.\n\n## [0.1.0] - 2026-01-01\n\n- First.\n');
	const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
	git('init', '-q');
	git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
	git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'start');
}

const release = (...args) =>
	spawnSync(process.execPath, ['scripts/release.js', ...args], {
		cwd: repo,
		encoding: 'utf8',
		env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
	});
const tags = () => execFileSync('git', ['tag', '--list'], { cwd: repo, encoding: 'utf8' }).trim();

test("refuses while repository, homepage, bugs and author are this project's placeholders, naming each", () => {
	const { repository, homepage, bugs, author } = PROJECT_MANIFEST;
	project({ repository, homepage, bugs, author });
	for (const args of [['patch'], ['--check']]) {
		const result = release(...args);
		expect(result.status).toBe(1);
		for (const field of ['repository.url', 'homepage', 'bugs.url', 'author.name', 'author.email']) expect(result.stderr).toContain(`  ${field}: `);
	}
	expect(tags()).toBe('');
});

test('names only what is left, and tags once everything is set', () => {
	const real = {
		repository: { type: 'git', url: 'git+https://github.com/acme/n8n-nodes-twocaptcha.git' },
		homepage: 'https://github.com/acme/n8n-nodes-twocaptcha#readme',
		bugs: { url: 'https://github.com/acme/n8n-nodes-twocaptcha/issues' },
	};
	project({ ...real, author: PROJECT_MANIFEST.author });
	const partly = release('patch');
	expect(partly.status).toBe(1);
	expect(partly.stderr).toMatch(/author\.name/);
	expect(partly.stderr).not.toMatch(/repository\.url|homepage|bugs\.url/);

	fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'n8n-nodes-twocaptcha', version: '0.1.0', ...real, author: { name: 'Acme' } }, null, 2));
	execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'metadata'], { cwd: repo });
	expect(release('--check').status).toBe(0);
	const tagged = release('patch');
	expect(tagged.stderr).toBe('');
	expect(tagged.status).toBe(0);
	expect(tags()).toBe('v0.1.1');
	expect(fs.readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8')).toMatch(/## \[Unreleased\]\n\n## \[0\.1\.1\] - \d{4}-\d\d-\d\d\n\n- Something new\./);
});
