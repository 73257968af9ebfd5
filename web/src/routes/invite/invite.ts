/** Checks the accept form before it is sent; the server checks the password rules. */
export function validateAccept(rawName: string, password: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = rawName.trim();
  if (!name) return { ok: false, message: "Tell us your name." };
  if (!password) return { ok: false, message: "Choose a password." };
  return { ok: true, name };
}
