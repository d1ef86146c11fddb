// An independent reading of permissions.yaml and of MLflow's dispatch (README.md of test/).
export type { ReferenceModel } from './reference-model.js';
export { referenceModel, rightsOfGroups, rightsOfRoles } from './reference-model.js';
export { referenceRoute } from './reference-router.js';
export { selectedOperations, selects } from './selectors.js';
export type { ParamKind } from './fill-template.js';
export { fillTemplate } from './fill-template.js';
