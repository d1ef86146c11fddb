/** The demo users' login form (the local stand-in for Cognito's managed login page). */
export function loginPage(options: { readonly action: string; readonly usernames: readonly string[]; readonly error?: string; readonly username?: string }): string {
  const error = options.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(options.error)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in — MLflow local mode</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}
input{width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}.hint{color:#555;font-size:.9rem}</style>
</head><body>
<h1>Sign in</h1>
<p class="hint">MLflow local mode. Demo users (one per Cognito group): ${options.usernames.map((u) => `<code>${escapeHtml(u)}</code>`).join(', ')}. Their passwords are printed by <code>npm run local</code>.</p>
${error}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="username">User name</label><input id="username" name="username" value="${escapeHtml(options.username ?? '')}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
</body></html>`;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
