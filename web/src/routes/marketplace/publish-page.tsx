import { createResource, createSignal, For, Show } from "solid-js";
import { createAction } from "../../lib/action";
import { ApiError } from "../../lib/api";
import { latest } from "../../lib/resource";
import { Link } from "../../lib/router";
import { ErrorAlert, Notice } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { market, type Published } from "./client";
import { JsonField } from "./json-field";
import { codeFormatOf, MANIFEST_TEMPLATE, newIdempotencyKey, parseJson, statusClass, toBase64 } from "./logic";
import { marketplacePaths } from "./routes";

/** For developers: register once, then publish agents and new versions (manifest + code file). */
export function PublishPage(props: { ws: string }) {
  const [dev, { refetch }] = createResource(() => market.developer().catch((err: unknown) => {
    if (err instanceof ApiError && err.code === "not_a_developer") return null;
    throw err;
  }));
  return (
    <div class="stack-lg">
      <PageHeader title="Publish an agent" subtitle="Upload a manifest and the code. Every version is scanned and reviewed before it is listed." />
      <ErrorAlert error={dev.error} testId="developer-error" />
      <Show when={dev.state === "ready" || dev.state === "refreshing"} fallback={<Show when={!dev.error}><Loading /></Show>}>
        <Show when={latest(dev)} fallback={<RegisterDeveloper onDone={() => void refetch()} />}>
          <PublishForm ws={props.ws} />
        </Show>
      </Show>
    </div>
  );
}

function RegisterDeveloper(props: { onDone: () => void }) {
  const [name, setName] = createSignal("");
  const [company, setCompany] = createSignal("");
  const action = createAction();
  const submit = (e: Event) => {
    e.preventDefault();
    return action.run(async () => {
      await market.registerDeveloper(name().trim(), company().trim() || undefined);
      props.onDone();
    });
  };
  return (
    <section class="card">
      <form class="card-body stack" onSubmit={submit}>
        <p>Register as a developer first; your account's email is used for payouts and notices.</p>
        <label class="field">
          <span>Developer name</span>
          <input class="input" required value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="developer-name" />
        </label>
        <label class="field">
          <span>Company (optional)</span>
          <input class="input" value={company()} onInput={(e) => setCompany(e.currentTarget.value)} data-testid="developer-company" />
        </label>
        <ErrorAlert error={action.error()} testId="register-developer-error" />
        <div>
          <button class="btn btn-primary" type="submit" data-testid="developer-register">
            Register
          </button>
        </div>
      </form>
    </section>
  );
}

function PublishForm(props: { ws: string }) {
  const [mine, { refetch }] = createResource(() => market.mine());
  const [manifest, setManifest] = createSignal(MANIFEST_TEMPLATE);
  const [file, setFile] = createSignal<File | null>(null);
  const [target, setTarget] = createSignal("");
  const [result, setResult] = createSignal<Published | null>(null);
  const action = createAction();
  // One key per attempt: a retry after a network failure replays instead of publishing twice.
  let key = newIdempotencyKey();

  const submit = async (e: Event) => {
    e.preventDefault();
    setResult(null);
    const m = parseJson(manifest());
    const f = file();
    if (!m.ok) return action.setError(new Error(`The manifest is not valid JSON: ${m.message}`));
    if (!f) return action.setError(new Error("Choose the code file (.js, .mjs, .cjs or .tar.gz)."));
    await action.run(async () => {
      try {
        const body = { manifest: m.value, code: toBase64(new Uint8Array(await f.arrayBuffer())), code_format: codeFormatOf(f.name) };
        setResult(target() ? await market.addVersion(target(), body) : await market.register(body, key));
        key = newIdempotencyKey();
        void refetch();
      } catch (err) {
        // The server answered, so this attempt is over; after a network failure the retry replays the key.
        if (err instanceof ApiError && err.status > 0) key = newIdempotencyKey();
        throw err;
      }
    });
  };

  return (
    <>
      <section class="card">
        <form class="card-body stack" onSubmit={submit}>
          <label class="field">
            <span>Publish as</span>
            <select class="select" value={target()} onChange={(e) => setTarget(e.currentTarget.value)} data-testid="publish-target">
              <option value="">A new agent</option>
              <For each={latest(mine)?.agents ?? []}>{(a) => <option value={a.id}>{`New version of ${a.name} (now ${a.current_version})`}</option>}</For>
            </select>
          </label>
          <JsonField label="Manifest" value={manifest()} onInput={setManifest} rows={18} testId="publish-manifest" hint="name, slug, version (semver), description, category, pricing, runtime, inputs/outputs/config schemas, examples." />
          <label class="field">
            <span>Code</span>
            <input class="input" type="file" accept=".js,.mjs,.cjs,.gz,.tgz" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} data-testid="publish-code" />
            <span class="hint">One JavaScript file, or a .tar.gz bundle containing the manifest's entry file. Up to 5 MB.</span>
          </label>
          <ErrorAlert error={action.error()} testId="publish-error" />
          <div>
            <button class="btn btn-primary" type="submit" disabled={action.busy()} data-testid="publish-submit">
              {action.busy() ? "Publishing…" : "Publish"}
            </button>
          </div>
        </form>
      </section>
      <Show when={result()}>{(r) => <PublishResult ws={props.ws} result={r()} />}</Show>
      <section class="card">
        <div class="card-header">
          <h2>My agents</h2>
        </div>
        <Show when={latest(mine)} fallback={<Loading />}>
          {(m) => (
            <ul class="card-body stack-tight market-list" data-testid="my-agents">
              <For each={m().agents} fallback={<li class="muted">None yet.</li>}>
                {(a) => (
                  <li>
                    <Link href={marketplacePaths.agent(props.ws, a.slug)}>{a.name}</Link> <span class="mono muted">v{a.current_version}</span> <span class={`badge ${statusClass(a.status)}`}>{a.status}</span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </section>
    </>
  );
}

function PublishResult(props: { ws: string; result: Published }) {
  const r = () => props.result;
  return (
    <Notice tone={r().status === "rejected" ? "warning" : "success"} testId="publish-result">
      <p>
        <Link href={marketplacePaths.agent(props.ws, r().slug)}>{r().slug}</Link> v{r().version} is <strong data-testid="publish-status">{r().status}</strong>
        {r().scan.passed ? " — the scan found nothing." : ` — the scan flagged ${r().scan.findings.length} finding(s):`}
      </p>
      <ul>
        <For each={r().scan.findings}>{(f) => <li>{`${f.severity} · ${f.rule} · ${f.file ?? ""}:${f.line}:${f.col} — ${f.message}`}</li>}</For>
      </ul>
    </Notice>
  );
}
