// Test support shared by the packages' tests and benches: random permissions files (fast-check) and synthetic files
// of N realistic roles. (generated-projects.ts, the run's generated projects, is `@mlflow-authz/test/projects`.)
export type { GeneratedPermissions, GeneratedRole } from './arbitrary-permissions.js';
export { arbitraryPermissions, arbitrarySelector, permissionsYaml } from './arbitrary-permissions.js';
export type { SyntheticRole } from './synthetic-roles.js';
export { ARCHETYPES, syntheticPermissionsYaml, syntheticRoles, syntheticUsers } from './synthetic-roles.js';
