/** Jest runs the compiled tests: `npm test` builds first, so what is tested is what ships. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  testTimeout: 60000,
  maxWorkers: 2,
  setupFilesAfterEnv: ['<rootDir>/dist/test/support/close-after-file.js', '<rootDir>/dist/test/support/fast-check-seed.js'],
};
