/**
 * Backend tests: unit specs beside the code (src/**\/*.spec.ts) and integration specs against a real PostgreSQL
 * (test/**\/*.int-spec.ts, each making its own throw-away database through test/test-database.ts).
 */
module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@focus-racer/api-types$': '<rootDir>/../libs/api-types/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Integration specs create a database and run every migration before their first test.
  testTimeout: 30000,
  coverageDirectory: '../coverage/backend',
};
