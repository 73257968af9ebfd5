import { createResource, createSignal, For, Show } from "solid-js";
import { latest } from "../../lib/resource";
import { Link } from "../../lib/router";
import { ErrorAlert } from "../../components/alert";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { type CatalogParams, market } from "./client";
import { formatPercent, formatPrice } from "./logic";
import { marketplacePaths } from "./routes";

const LIMIT = 12;

/** Approved agents with search, category and pricing filters, sort and paging. */
export function CatalogPage(props: { ws: string }) {
  const [search, setSearch] = createSignal("");
  const [params, setParams] = createSignal<CatalogParams>({ sort: "popular", page: 1, limit: LIMIT });
  const [data] = createResource(params, (p) => market.catalog(p));
  const [cats] = createResource(() => market.categories());
  const set = (patch: CatalogParams) => setParams((p) => ({ ...p, page: 1, ...patch }));
  const pages = () => Math.max(1, Math.ceil((latest(data)?.total ?? 0) / LIMIT));

  return (
    <div class="stack-lg">
      <PageHeader title="Agent marketplace" subtitle="Agents published by developers, reviewed, and run in a sandbox." />
      <form
        class="market-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ search: search().trim() || undefined });
        }}
      >
        <label class="field">
          <span>Search</span>
          <input class="input" type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="e.g. invoices" data-testid="market-search" />
        </label>
        <label class="field">
          <span>Category</span>
          <select class="select" onChange={(e) => set({ category: e.currentTarget.value || undefined })} data-testid="market-category">
            <option value="">All</option>
            <For each={latest(cats)?.categories ?? []}>{(c) => <option value={c.category}>{`${c.category} (${c.count})`}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>Pricing</span>
          <select class="select" onChange={(e) => set({ pricing_model: e.currentTarget.value || undefined })} data-testid="market-pricing">
            <option value="">Any</option>
            <option value="free">Free</option>
            <option value="per_execution">Per run</option>
          </select>
        </label>
        <label class="field">
          <span>Sort</span>
          <select class="select" onChange={(e) => set({ sort: e.currentTarget.value })} data-testid="market-sort">
            <option value="popular">Popular</option>
            <option value="new">New</option>
            <option value="rating">Rating</option>
            <option value="price">Price</option>
          </select>
        </label>
        <button class="btn" type="submit" data-testid="market-search-go">
          Search
        </button>
      </form>
      <ErrorAlert error={data.error} testId="market-error" />
      <Show when={latest(data)} fallback={<Show when={!data.error}><Loading /></Show>}>
        {(d) => (
          <Show when={d().agents.length > 0} fallback={<p class="empty" data-testid="market-empty">No agents match.</p>}>
            <div class="market-grid" data-testid="market-results">
              <For each={d().agents}>
                {(a) => (
                  <Link href={marketplacePaths.agent(props.ws, a.slug)} class="card market-card" data-testid={`market-agent-${a.slug}`}>
                    <strong>{a.name}</strong>
                    <p class="muted">{a.description}</p>
                    <div class="market-meta">
                      <span class="badge">{a.category}</span>
                      <span class="badge badge-plain">{formatPrice(a.pricing)}</span>
                      <span class="muted">★ {a.stats.rating.toFixed(1)} ({a.stats.rating_count})</span>
                      <span class="muted">{a.stats.total_executions} runs · {formatPercent(a.stats.success_rate)} ok</span>
                    </div>
                    <span class="muted">by {a.developer.name} · v{a.current_version}</span>
                  </Link>
                )}
              </For>
            </div>
            <div class="market-pager">
              <button class="btn btn-sm" type="button" disabled={(params().page ?? 1) <= 1} onClick={() => setParams((p) => ({ ...p, page: (p.page ?? 1) - 1 }))}>
                Previous
              </button>
              <span class="muted">
                Page {params().page} of {pages()} · {d().total} agents
              </span>
              <button class="btn btn-sm" type="button" disabled={(params().page ?? 1) >= pages()} onClick={() => setParams((p) => ({ ...p, page: (p.page ?? 1) + 1 }))}>
                Next
              </button>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );
}
