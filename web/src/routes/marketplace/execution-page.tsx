import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { latest } from "../../lib/resource";
import { Link } from "../../lib/router";
import { formatFull } from "../../lib/format";
import { ErrorAlert } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { market } from "./client";
import { formatMs, isFinal, type LogLine, logLineOf, statusClass } from "./logic";
import { marketplacePaths } from "./routes";

const POLL_MS = 1500;

/** One run: status (polled until final), outputs, error, and the live log over SSE. */
export function ExecutionPage(props: { ws: string; id: string }) {
  const [data, { refetch }] = createResource(() => props.id, (id) => market.execution(id));
  const [lines, setLines] = createSignal<LogLine[]>([]);
  const [streamState, setStreamState] = createSignal<"connecting" | "live" | "ended" | "unavailable">("connecting");
  const [error, setError] = createSignal<unknown>(null);

  const timer = setInterval(() => {
    const e = latest(data)?.execution;
    if (!e || !isFinal(e.status)) void refetch();
  }, POLL_MS);
  onCleanup(() => clearInterval(timer));

  // EventSource resumes with Last-Event-ID by itself after a dropped connection.
  const source = new EventSource(market.logsUrl(props.id));
  const onLine = (stream: "stdout" | "stderr") => (ev: MessageEvent<string>) => {
    const line = logLineOf(stream, ev.data);
    if (line) setLines((all) => (all.some((l) => l.seq === line.seq) ? all : [...all, line]));
  };
  source.addEventListener("open", () => setStreamState("live"));
  source.addEventListener("stdout", onLine("stdout"));
  source.addEventListener("stderr", onLine("stderr"));
  source.addEventListener("status", () => {
    setStreamState("ended");
    source.close();
    void refetch();
  });
  source.addEventListener("error", () => {
    if (streamState() === "connecting") {
      setStreamState("unavailable");
      source.close();
    }
  });
  onCleanup(() => source.close());

  const cancel = async () => {
    setError(null);
    try {
      await market.cancel(props.id);
      await refetch();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div class="stack-lg">
      <ErrorAlert error={data.error} testId="execution-error" />
      <Show when={latest(data)?.execution} fallback={<Show when={!data.error}><Loading /></Show>}>
        {(e) => (
          <>
            <PageHeader
              title={`Run of ${e().agent.name}`}
              subtitle={`${e().id} · v${e().version}`}
              actions={
                <div class="market-meta">
                  <span class={`badge ${statusClass(e().status)}`} data-testid="execution-status">
                    {e().status}
                  </span>
                  <Show when={!isFinal(e().status)}>
                    <button class="btn btn-sm btn-danger" type="button" onClick={cancel} data-testid="execution-cancel">
                      Cancel
                    </button>
                  </Show>
                </div>
              }
            />
            <ErrorAlert error={error()} testId="cancel-error" />
            <section class="card">
              <div class="card-body">
                <dl class="market-dl">
                  <dt>Agent</dt>
                  <dd>
                    <Link href={marketplacePaths.agent(props.ws, e().agent.slug)}>{e().agent.slug}</Link>
                  </dd>
                  <Show when={e().queue_position !== null}>
                    <dt>Place in line</dt>
                    <dd data-testid="execution-position">{e().queue_position}</dd>
                  </Show>
                  <dt>Queued</dt>
                  <dd>{formatFull(e().queued_at)}</dd>
                  <dt>Started</dt>
                  <dd>{formatFull(e().started_at)}</dd>
                  <dt>Finished</dt>
                  <dd>{formatFull(e().finished_at)}</dd>
                  <dt>Duration</dt>
                  <dd>{formatMs(e().duration_ms)}</dd>
                  <dt>Exit code</dt>
                  <dd>{e().exit_code ?? "—"}</dd>
                </dl>
              </div>
            </section>
            <Show when={e().error_message}>
              <div class="alert alert-error" role="alert" data-testid="execution-failure">
                <div class="alert-body">{e().error_message}</div>
              </div>
            </Show>
            <Show when={e().outputs !== null}>
              <section class="card">
                <div class="card-header">
                  <h2>Outputs</h2>
                </div>
                <pre class="market-json" data-testid="execution-outputs">{JSON.stringify(e().outputs, null, 2)}</pre>
              </section>
            </Show>
            <section class="card">
              <div class="card-header">
                <h2>Log</h2>
                <span class="muted" data-testid="log-state">{streamState()}</span>
              </div>
              <Show
                when={lines().length > 0 || streamState() !== "unavailable"}
                fallback={<pre class="market-log" data-testid="execution-tails">{[e().stdout_tail, e().stderr_tail].filter(Boolean).join("\n") || "No output."}</pre>}
              >
                <pre class="market-log" data-testid="execution-log">
                  <For each={lines()}>{(l) => <div class={l.stream}>{l.data}</div>}</For>
                </pre>
              </Show>
            </section>
            <details>
              <summary>Inputs</summary>
              <pre class="market-json">{JSON.stringify(e().inputs, null, 2)}</pre>
            </details>
          </>
        )}
      </Show>
    </div>
  );
}
