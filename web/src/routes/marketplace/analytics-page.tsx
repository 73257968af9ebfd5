import { createResource, createSignal, For, Show } from "solid-js";
import { ApiError } from "../../lib/api";
import { latest } from "../../lib/resource";
import { ErrorAlert, Notice } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { market } from "./client";
import { formatMs, formatPercent } from "./logic";

/** For developers: per agent and day, runs, success rate, average and p95 duration. */
export function AnalyticsPage() {
  const [days, setDays] = createSignal(30);
  const [data] = createResource(days, (d) => market.analytics(d));
  const notDeveloper = () => data.error instanceof ApiError && data.error.code === "not_a_developer";
  return (
    <div class="stack-lg">
      <PageHeader
        title="Developer analytics"
        subtitle="Runs of your agents per day (UTC)."
        actions={
          <select class="select" value={String(days())} onChange={(e) => setDays(Number(e.currentTarget.value))} data-testid="analytics-days">
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
          </select>
        }
      />
      <Show when={notDeveloper()} fallback={<ErrorAlert error={data.error} testId="analytics-error" />}>
        <Notice tone="warning">Analytics are for developers. Register on the Publish page.</Notice>
      </Show>
      <Show when={latest(data)} fallback={<Show when={!data.error}><Loading /></Show>}>
        {(d) => (
          <Show when={d().rows.length > 0} fallback={<p class="empty" data-testid="analytics-empty">No runs in this period.</p>}>
            <div class="table-wrap card">
              <table class="table" data-testid="analytics">
                <thead>
                  <tr>
                    <th>Day</th>
                    <th>Agent</th>
                    <th>Runs</th>
                    <th>Success</th>
                    <th>Average</th>
                    <th>p95</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().rows}>
                    {(r) => (
                      <tr>
                        <td class="mono">{r.day}</td>
                        <td>{r.slug}</td>
                        <td>{r.executions}</td>
                        <td>{formatPercent(r.success_rate)}</td>
                        <td>{formatMs(r.avg_duration_ms)}</td>
                        <td>{formatMs(r.p95_duration_ms)}</td>
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
