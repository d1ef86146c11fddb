import type { Endpoint } from '../define.js';
import { flask, group } from '../define.js';

// Routes the basic-auth app adds (`mlflow server --app-name basic-auth`), from mlflow/server/auth/__init__.py
// create_app(): users under /api/2.0 and /ajax-api/2.0, roles and permission grants (_RBAC_ROUTES) under /api/3.0
// and /ajax-api/3.0. The role and grant paths were read from MLflow's auth REST docs and UI client, not from the
// routes.py of the same revision (not in the index). The deployment here authorizes in API Gateway and does not
// run the basic-auth app, so these answer 404 there; they are classified so a server that does run it fails
// closed instead of open. Removed legacy permission endpoints and unmerged OAuth routes are not listed.
const SOURCE = [
  { file: 'mlflow/server/auth/__init__.py', commit: '000d336a1aa8c48094d37b6e6a6a7f9447b8538d' },
  { file: 'mlflow/server/auth/routes.py', commit: '05a39cacb845031838ce46c4b2298885fe7d8609' },
];
const FLAG = 'flag:--app-name basic-auth' as const;

function both(method: string, version: 2 | 3, suffix: string): Endpoint[] {
  return ['api', 'ajax-api'].map((prefix) => `${method} /${prefix}/${version}.0/mlflow/${suffix}` as Endpoint);
}
function admin(id: string, method: string, version: 2 | 3, suffix: string, summary: string) {
  return flask(id, 'auth-admin', 'admin', both(method, version, suffix), summary, [FLAG]);
}

export const AUTH_PLUGIN_ROUTES = group(SOURCE, [
  flask('signup', 'auth-admin', 'admin', 'GET /signup', 'Sign-up form of the basic-auth app.', [FLAG]),
  flask('create_user_ui', 'auth-admin', 'admin', 'POST /api/2.0/mlflow/users/create-ui', 'Create a user from the sign-up form.', [FLAG]),
  admin('create_user', 'POST', 2, 'users/create', 'Create a user.'),
  admin('get_user', 'GET', 2, 'users/get', 'Get a user.'),
  admin('list_users', 'GET', 2, 'users/list', 'List users.'),
  admin('get_current_user', 'GET', 2, 'users/current', 'The signed-in user.'),
  admin('update_user_password', 'PATCH', 2, 'users/update-password', 'Change a user\'s password.'),
  admin('update_user_admin', 'PATCH', 2, 'users/update-admin', 'Grant or revoke a user\'s admin flag.'),
  admin('delete_user', 'DELETE', 2, 'users/delete', 'Delete a user.'),
  admin('list_current_user_permissions', 'GET', 3, 'users/current/permissions', 'The signed-in user\'s permissions.'),
  admin('list_user_permissions', 'GET', 3, 'users/permissions/list', 'A user\'s permissions.'),
  admin('create_role', 'POST', 3, 'roles/create', 'Create a role.'),
  admin('get_role', 'GET', 3, 'roles/get', 'Get a role.'),
  admin('list_roles', 'GET', 3, 'roles/list', 'List roles.'),
  admin('update_role', 'PATCH', 3, 'roles/update', 'Update a role.'),
  admin('delete_role', 'DELETE', 3, 'roles/delete', 'Delete a role.'),
  admin('add_role_permission', 'POST', 3, 'roles/permissions/add', 'Add a permission to a role.'),
  admin('remove_role_permission', 'DELETE', 3, 'roles/permissions/remove', 'Remove a permission from a role.'),
  admin('list_role_permissions', 'GET', 3, 'roles/permissions/list', 'List a role\'s permissions.'),
  admin('update_role_permission', 'PATCH', 3, 'roles/permissions/update', 'Update a role\'s permission.'),
  admin('assign_role', 'POST', 3, 'roles/assign', 'Assign a role to a user.'),
  admin('unassign_role', 'DELETE', 3, 'roles/unassign', 'Remove a role from a user.'),
  admin('list_user_roles', 'GET', 3, 'users/roles/list', 'List a user\'s roles.'),
  admin('list_role_users', 'GET', 3, 'roles/users/list', 'List a role\'s users.'),
  admin('grant_user_permission', 'POST', 3, 'users/permissions/grant', 'Grant a permission to a user.'),
  admin('revoke_user_permission', 'POST', 3, 'users/permissions/revoke', 'Revoke a permission from a user.'),
  admin('get_user_permission', 'GET', 3, 'users/permissions/get', 'Get a user\'s permission on a resource.'),
]);
