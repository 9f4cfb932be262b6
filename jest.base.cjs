/** Tests are TypeScript with ES module syntax; ts-jest turns them into CommonJS for Jest's runtime. */
module.exports = {
  testEnvironment: 'node',
  // static/ holds the front ends; their pure helpers' tests (plural rules, dates) sit beside them.
  roots: ['<rootDir>/src', '<rootDir>/sandbox', '<rootDir>/test', '<rootDir>/static', '<rootDir>/ui-build'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // The reliability suite has its own command (npm run test:reliability) and config.
  testPathIgnorePatterns: ['/node_modules/', '/test/reliability/'],
  // Every exchange with the sandbox's Jira is checked against Jira's OpenAPI description; a mismatch fails its test.
  setupFilesAfterEnv: ['<rootDir>/test/support/jira-contract-setup.ts'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node', jsx: 'react-jsx', isolatedModules: true, esModuleInterop: true, resolveJsonModule: true, allowJs: false } },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json'],
};
