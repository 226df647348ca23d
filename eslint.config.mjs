// Lint with n8n's own community-node rules (`npm run lint` = `eslint nodes credentials`).
// eslint-plugin-n8n-nodes-base only ships legacy (eslintrc) configs: their `rules` are adapted here.
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const typescript = {
	languageOptions: {
		parser: tsParser,
		ecmaVersion: 'latest',
		sourceType: 'module',
	},
};

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '**/*.js', '**/*.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		...typescript,
		...n8nCommunityNodes.configs.recommended,
		rules: {
			...n8nCommunityNodes.configs.recommended.rules,
			// Cloud-only rules: n8n Cloud accepts community nodes without runtime dependencies only.
			// This package targets self-hosted n8n and needs two of them at run time: undici (pooled
			// keep-alive connections, proxies from the environment, per-request timeouts) and form-data
			// (multipart image uploads). Every other community rule stays on.
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		...typescript,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Meant for n8n's own repository, where documentationUrl is a camelCase docs slug; community
			// credentials need a full URL, which @n8n/community-nodes/credential-documentation-url enforces.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		...typescript,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These legacy rules want the string 'main'; the current community rule
			// (@n8n/community-nodes/node-connection-type-literal) wants NodeConnectionTypes.Main. The newer one wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-trigger-node': 'off',
		},
	},
];
