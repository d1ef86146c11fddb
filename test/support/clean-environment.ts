// Setup file of the suite project, which runs its test files without isolation (one module graph per worker,
// vitest.config.ts): before each file, process.env is put back as it was when the worker started, so that what a
// file set (local mode puts its authorizer's settings into process.env, as Lambda's runtime would) cannot change
// the next file's answers.
declare global {
  var authzInitialEnvironment: Readonly<Record<string, string | undefined>> | undefined;
}

const initial = (globalThis.authzInitialEnvironment ??= { ...process.env });
for (const key of Object.keys(process.env)) if (!(key in initial)) delete process.env[key];
for (const [key, value] of Object.entries(initial)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
