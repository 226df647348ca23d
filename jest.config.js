/** Unit and integration tests: offline, fast, against the local sandbox on 127.0.0.1. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 20000,
	// A worker can keep a keep-alive socket or a Redis connection of a test open after the run; the engine's own
	// exit behaviour is asserted by test/engine/hostileAnswers.test.ts, so the runner must not wait on test leftovers.
	forceExit: true,
};
