import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE } from '@mlflow-authz/core';

// The catalogue operations API Gateway serves without any authorizer: the UI shell (index.html and its
// static files), which a browser loads by navigation, with no token, before anyone is logged in. The
// permissions model marks the same operations public (authz-core's catalogue), so PERMISSIONS.md, `explain`
// and the parity proof agree with the deployed API. This list is the one place infra names them.
const PUBLIC_OPERATION_IDS: readonly string[] = ['serve', 'serve_static_file'];

/** The public operations, looked up in the catalogue; throws if one is missing (a catalogue change to review). */
export function publicOperations(catalogue: readonly Operation[] = CATALOGUE): readonly Operation[] {
  return PUBLIC_OPERATION_IDS.map((id) => {
    const operation = catalogue.find((o) => o.id === id);
    if (operation === undefined) throw new Error(`public operation ${id} is not in the catalogue`);
    return operation;
  });
}
