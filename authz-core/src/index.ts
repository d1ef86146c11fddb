// The public API of authz-core: what generated/ consumers, iam-generator, the authorizer and the tests import.
export { CATALOGUE, MLFLOW_VERSION } from './catalogue/catalogue.js';
export type { Access, Area, Engine, HttpMethod, Operation, OperationNote, Provenance, RouteSpec } from './catalogue/types.js';
export { ACCESS_LEVELS, AREAS, HTTP_METHODS } from './catalogue/types.js';
export { Router, ROUTABLE_METHODS } from './router/router.js';
export type { RouteResult } from './router/router.js';
export type { MalformedReason } from './router/request-path.js';
export { MAX_PATH_BYTES } from './router/request-path.js';
export { instantiate, parseTemplate } from './router/template.js';
export type { ConverterKind, ParsedTemplate, Piece } from './router/template.js';
export { Decider } from './permissions/decide.js';
export type { Decision, RoleTable } from './permissions/decide.js';
export { compilePermissions } from './permissions/compile.js';
export type { CompileResult } from './permissions/compile.js';
export type { CompiledPermissions, CompiledRole } from './permissions/model.js';
export { formatDiagnostic } from './permissions/diagnostics.js';
export type { Diagnostic } from './permissions/diagnostics.js';
export { GENERATED_FILES, stableJson } from './generate/formats.js';
export type { AuthorizerTable, IamRoleInputs, Manifest } from './generate/formats.js';
