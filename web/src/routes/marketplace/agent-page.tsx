import { createResource, createSignal, For, Show } from "solid-js";
import { createAction } from "../../lib/action";
import { latest } from "../../lib/resource";
import { useRouter } from "../../lib/router";
import { formatRelative } from "../../lib/format";
import { ErrorAlert, Notice } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { type AgentDetail, market } from "./client";
import { JsonField } from "./json-field";
import { formatPercent, formatPrice, parseJson, statusClass } from "./logic";
import { ReviewPanel } from "./review-panel";
import { marketplacePaths } from "./routes";
import { SuspensionPanel } from "./suspension-panel";

/** One agent: description, stats, versions, deploy and run, ratings. */
export function AgentPage(props: { ws: string; slug: string }) {
  const [data, { refetch }] = createResource(() => props.slug, (slug) => market.agent(slug));
  return (
    <div class="stack-lg">
      <ErrorAlert error={data.error} testId="agent-error" />
      <Show when={latest(data)} fallback={<Show when={!data.error}><Loading /></Show>}>
        {(d) => <AgentView ws={props.ws} detail={d()} onChange={() => void refetch()} />}
      </Show>
    </div>
  );
}

function AgentView(props: { ws: string; detail: AgentDetail; onChange: () => void }) {
  const a = () => props.detail.agent;
  const example = () => props.detail.manifest?.examples?.[0]?.inputs ?? {};
  return (
    <>
      <PageHeader title={a().name} subtitle={`${a().slug} · v${a().current_version} · by ${a().developer.name}`} actions={<span class={`badge ${statusClass(a().status)}`} data-testid="agent-status">{a().status}</span>} />
      <section class="card">
        <div class="card-body stack">
          <p>{a().description}</p>
          <dl class="market-dl">
            <dt>Category</dt>
            <dd>{a().category}</dd>
            <dt>Price</dt>
            <dd>{formatPrice(a().pricing)}</dd>
            <dt>Runs</dt>
            <dd>
              {a().stats.total_executions} · {formatPercent(a().stats.success_rate)} successful
            </dd>
            <dt>Rating</dt>
            <dd>
              ★ {a().stats.rating.toFixed(1)} from {a().stats.rating_count}
            </dd>
          </dl>
          <Show when={props.detail.manifest?.inputs}>
            <details>
              <summary>Input schema</summary>
              <pre class="market-json">{JSON.stringify(props.detail.manifest?.inputs, null, 2)}</pre>
            </details>
          </Show>
        </div>
      </section>
      <ReviewPanel detail={props.detail} onDone={props.onChange} />
      <SuspensionPanel detail={props.detail} onDone={props.onChange} />
      <Show when={a().status === "approved"} fallback={<Notice tone="warning">{a().status === "suspended" ? "This agent is suspended by the platform; it cannot be deployed or run." : `This agent is ${a().status}; it can be deployed once approved.`}</Notice>}>
        <DeployAndRun ws={props.ws} agentId={a().id} example={example()} />
      </Show>
      <section class="card">
        <div class="card-header">
          <h2>Versions</h2>
        </div>
        <div class="table-wrap">
          <table class="table" data-testid="agent-versions">
            <thead>
              <tr>
                <th>Version</th>
                <th>Review</th>
                <th>Scan</th>
                <th>Limits</th>
                <th>Published</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.detail.versions}>
                {(v) => (
                  <tr>
                    <td class="mono">{v.version}</td>
                    <td>
                      <span class={`badge ${statusClass(v.review.state === "approved" ? "approved" : v.review.state)}`}>{v.review.state}</span>
                    </td>
                    <td>
                      {v.scan_passed ? "passed" : "flagged"}
                      <Show when={v.scan_report && v.scan_report.findings.length > 0}>
                        <ul class="muted">
                          <For each={v.scan_report!.findings}>{(f) => <li>{`${f.severity} ${f.rule} at ${f.file ?? ""}:${f.line}:${f.col} — ${f.message}`}</li>}</For>
                        </ul>
                      </Show>
                    </td>
                    <td>
                      {v.timeout_ms / 1000} s · {v.memory_mb} MB
                    </td>
                    <td>{formatRelative(v.created_at)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>
      <Ratings agentId={a().id} detail={props.detail} onChange={props.onChange} />
    </>
  );
}

function DeployAndRun(props: { ws: string; agentId: string; example: unknown }) {
  const router = useRouter();
  const [config, setConfig] = createSignal("{}");
  const [inputs, setInputs] = createSignal(JSON.stringify(props.example, null, 2));
  const [deployment, setDeployment] = createSignal<string | null>(null);
  const action = createAction();
  const deploy = () =>
    action.run(async () => {
      const c = parseJson(config());
      if (!c.ok) throw new Error(`The config is not valid JSON: ${c.message}`);
      setDeployment((await market.deploy(props.agentId, props.ws, c.value)).deployment_id);
    });
  const run = () =>
    action.run(async () => {
      const i = parseJson(inputs());
      if (!i.ok) throw new Error(`The inputs are not valid JSON: ${i.message}`);
      const r = await market.execute(props.agentId, deployment()!, i.value);
      router.navigate(marketplacePaths.execution(props.ws, r.execution_id));
    });
  return (
    <section class="card">
      <div class="card-header">
        <h2>{deployment() ? "Run" : "Deploy"}</h2>
      </div>
      <div class="card-body stack">
        <Show
          when={deployment()}
          fallback={
            <>
              <JsonField label="Config" value={config()} onInput={setConfig} rows={4} testId="deploy-config" hint="Checked against the agent's config schema." />
              <div>
                <button class="btn btn-primary" type="button" disabled={action.busy()} onClick={deploy} data-testid="deploy">
                  Deploy to this workspace
                </button>
              </div>
            </>
          }
        >
          <p class="muted" data-testid="deployment-id">
            Deployment <span class="mono">{deployment()}</span>
          </p>
          <JsonField label="Inputs" value={inputs()} onInput={setInputs} testId="run-inputs" hint="Checked against the agent's input schema." />
          <div>
            <button class="btn btn-primary" type="button" disabled={action.busy()} onClick={run} data-testid="run">
              Run
            </button>
          </div>
        </Show>
        <ErrorAlert error={action.error()} testId="deploy-error" />
      </div>
    </section>
  );
}

function Ratings(props: { agentId: string; detail: AgentDetail; onChange: () => void }) {
  const [stars, setStars] = createSignal(5);
  const [text, setText] = createSignal("");
  const action = createAction();
  const submit = (e: Event) => {
    e.preventDefault();
    return action.run(async () => {
      await market.rate(props.agentId, stars(), text().trim() || undefined);
      setText("");
      props.onChange();
    });
  };
  return (
    <section class="card">
      <div class="card-header">
        <h2>Ratings</h2>
      </div>
      <div class="card-body stack">
        <For each={props.detail.ratings} fallback={<p class="muted">No ratings yet.</p>}>
          {(r) => (
            <div>
              <strong>{"★".repeat(r.stars)}</strong> <span class="muted">{r.author} · {formatRelative(r.created_at)}</span>
              <Show when={r.text}>
                <p>{r.text}</p>
              </Show>
            </div>
          )}
        </For>
        <form class="market-filters" onSubmit={submit}>
          <label class="field">
            <span>Stars</span>
            <select class="select" value={String(stars())} onChange={(e) => setStars(Number(e.currentTarget.value))} data-testid="rate-stars">
              <For each={[5, 4, 3, 2, 1]}>{(n) => <option value={n}>{n}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>Comment (optional)</span>
            <input class="input" value={text()} onInput={(e) => setText(e.currentTarget.value)} data-testid="rate-text" />
          </label>
          <button class="btn" type="submit" data-testid="rate">
            Rate
          </button>
        </form>
        <span class="hint">You can rate an agent after you have run it.</span>
        <ErrorAlert error={action.error()} testId="rate-error" />
      </div>
    </section>
  );
}
