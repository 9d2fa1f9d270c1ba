// Test tiers by file suffix (STYLE.md 10): *.test.ts unit, *.int.test.ts against the
// real servers of deploy/local/infra.sh, test/e2e/**/*.e2e.test.ts across services.
const transform = {
  '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
};
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/*/src/**/*.test.ts', '<rootDir>/services/*/src/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/libs/*/src/**/*.int.test.ts', '<rootDir>/services/*/src/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/setup/infra.global-setup.js',
      setupFiles: ['<rootDir>/test/setup/infra-env.setup.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/setup/infra.global-setup.js',
      setupFiles: ['<rootDir>/test/setup/infra-env.setup.js'],
    },
  ],
};
