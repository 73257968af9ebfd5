import { createResource, For, Show } from "solid-js";
import { latest } from "../../lib/resource";
import { Link } from "../../lib/router";
import { formatRelative } from "../../lib/format";
import { ErrorAlert } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { market } from "./client";
import { statusClass } from "./logic";
import { marketplacePaths } from "./routes";

/** The caller's deployments in this workspace, each with its latest run. */
export function DeploymentsPage(props: { ws: string }) {
  const [data] = createResource(() => props.ws, (ws) => market.deployments(ws));
  return (
    <div class="stack-lg">
      <PageHeader title="My deployments" subtitle="Agents you deployed into this workspace. Open one to run it again." />
      <ErrorAlert error={data.error} testId="deployments-error" />
      <Show when={latest(data)} fallback={<Show when={!data.error}><Loading /></Show>}>
        {(d) => (
          <Show when={d().deployments.length > 0} fallback={<p class="empty" data-testid="deployments-empty">No deployments yet. Deploy an agent from the catalog.</p>}>
            <div class="table-wrap card">
              <table class="table" data-testid="deployments">
                <thead>
                  <tr>
                    <th>Agent</th>
                    <th>Version</th>
                    <th>Deployed</th>
                    <th>Runs</th>
                    <th>Last run</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().deployments}>
                    {(dep) => (
                      <tr>
                        <td>
                          <Link href={marketplacePaths.agent(props.ws, dep.agent.slug)}>{dep.agent.name}</Link>
                          <div class="mono muted">{dep.id}</div>
                        </td>
                        <td class="mono">{dep.version}</td>
                        <td>{formatRelative(dep.created_at)}</td>
                        <td>{dep.executions}</td>
                        <td>
                          <Show when={dep.last_execution} fallback={<span class="muted">—</span>}>
                            {(e) => (
                              <Link href={marketplacePaths.execution(props.ws, e().id)}>
                                <span class={`badge ${statusClass(e().status)}`}>{e().status}</span>
                              </Link>
                            )}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );
}
