/** `npm start`: build the web app, then run the whole platform locally until Ctrl-C. */
import { spawnSync } from "node:child_process";
import { ADMIN_EMAIL, ROOT, startPlatform } from "./dev-server";

const port = Number(process.env.PORT ?? 8787);
const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const platform = await startPlatform({ port, persistDir: ".wrangler/state" });
const lines = [``, `FrameOS is running at ${platform.url}`];
if (platform.firstStart) {
  lines.push(
    `First start: created the admin, a "Default" workspace and an admin API token (shown only now).`,
    `email: ${platform.admin.email}`,
    `password: ${platform.admin.password}`,
    `token: ${platform.token}`,
    ``,
    `Try: curl -H "Authorization: Bearer ${platform.token}" ${platform.url}/api/auth/whoami`,
  );
} else {
  lines.push(
    `Sign in as ${ADMIN_EMAIL} with the password printed on the first start.`,
    `New API token: sign in, open Tokens, press Create — or from a shell:`,
    `  curl -c .wrangler/jar -H 'content-type: application/json' -d '{"email":"${ADMIN_EMAIL}","password":"…"}' ${platform.url}/api/auth/login`,
    `  curl -b .wrangler/jar -H 'content-type: application/json' -d '{"name":"cli","workspace_id":"<ws id from whoami>"}' ${platform.url}/api/auth/token`,
  );
}
lines.push(`Press Ctrl-C to stop.`, ``);
console.log(lines.join("\n"));

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await platform.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
