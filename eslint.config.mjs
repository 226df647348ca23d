// `npm run lint`: n8n's official community-node ESLint configuration (@n8n/node-cli/eslint, the one `n8n-node lint`
// uses, in its strict n8n Cloud form), with exactly one relaxation, documented below.
import { readFileSync } from 'node:fs';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { config } from '@n8n/node-cli/eslint';

// THE ONE RELAXATION: two runtime dependencies, chosen by the owner, for self-hosted n8n (n8n Cloud accepts community
// nodes without runtime dependencies only): undici (pooled keep-alive connections, proxies from the environment,
// per-request timeouts) and form-data (multipart image uploads). The two community rules about runtime dependencies
// accept exactly these two packages and nothing else: any other import or dependency is still an error. The same
// self-hosted runtime has Node's built-ins the engine needs beyond node:crypto (which the rule already allows):
// node:net / node:tls (the queue-mode Redis client of engine/redisConnection.ts, which avoids a third package),
// node:events (the listener cap of a run's own abort signal) and node:process (n8n's queue settings in the env).
const RUNTIME_DEPENDENCIES = ['undici', 'form-data'];
const NODE_BUILT_INS = ['node:net', 'node:tls', 'node:events', 'node:process'];

const packageName = (modulePath) =>
	modulePath.startsWith('@') ? modulePath.split('/').slice(0, 2).join('/') : modulePath.split('/')[0];

/** The two dependency rules of a community-nodes plugin, accepting RUNTIME_DEPENDENCIES (also used by scripts/scan.mjs). */
export const allowRuntimeDependencies = ({ rules }) => ({
	rules: {
		'no-restricted-imports': {
			...rules['no-restricted-imports'],
			create(context) {
				const report = (descriptor) => {
					const modulePath = String(descriptor.data?.modulePath ?? '');
					if (!RUNTIME_DEPENDENCIES.includes(packageName(modulePath)) && !NODE_BUILT_INS.includes(modulePath)) {
						context.report(descriptor);
					}
				};
				return rules['no-restricted-imports'].create(
					Object.create(context, { report: { value: report } }),
				);
			},
		},
		'no-runtime-dependencies': {
			...rules['no-runtime-dependencies'],
			create(context) {
				if (!context.physicalFilename.endsWith('package.json')) return {};
				const { dependencies = {} } = JSON.parse(readFileSync(context.physicalFilename, 'utf8'));
				const onlyAllowed = Object.keys(dependencies).every((name) => RUNTIME_DEPENDENCIES.includes(name));
				return onlyAllowed ? {} : rules['no-runtime-dependencies'].create(context);
			},
		},
	},
});

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '**/*.js', '**/*.mjs'] },
	...config,
	{
		plugins: { 'runtime-dependencies': allowRuntimeDependencies(n8nCommunityNodesPlugin) },
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'runtime-dependencies/no-restricted-imports': 'error',
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			'runtime-dependencies/no-runtime-dependencies': 'error',
		},
	},
];
