/** Bearer-token calls to the platform for the browser tests and the UI bench. */

export async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Installs a plugin package (409 when it is already installed is fine). */
export async function install(url: string, token: string, ws: string, files: Record<string, string>): Promise<void> {
  const r = await call<unknown>(url, token, "POST", `/api/w/${encodeURIComponent(ws)}/plugins`, { files });
  if (r.status !== 201 && r.status !== 200 && r.status !== 409) throw new Error(`install failed: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function dispatch(url: string, token: string, ws: string, plugin: string, command: string, params: Record<string, unknown>, instance = "main"): Promise<unknown> {
  const r = await call<unknown>(url, token, "POST", `/api/w/${encodeURIComponent(ws)}/dispatch`, { commands: [{ plugin, instance, command, params }] });
  if (r.status !== 200) throw new Error(`dispatch ${plugin}.${command} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
