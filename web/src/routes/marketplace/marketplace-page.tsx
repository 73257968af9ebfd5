import { Match, Switch } from "solid-js";
import { Link, useRouter } from "../../lib/router";
import { AgentPage } from "./agent-page";
import { AnalyticsPage } from "./analytics-page";
import { CatalogPage } from "./catalog-page";
import { DeploymentsPage } from "./deployments-page";
import { ExecutionPage } from "./execution-page";
import { PublishPage } from "./publish-page";
import { type MarketplacePage as Page, marketplacePaths } from "./routes";
import "./marketplace.css";

/** The marketplace area of a workspace: its own sub-navigation, then the page. */
export function MarketplacePage(props: { ws: string; page: Page }) {
  const router = useRouter();
  const link = (href: string, label: string, testId: string) => (
    <Link href={href} class="market-link" classList={{ active: router.pathname() === href }} data-testid={testId}>
      {label}
    </Link>
  );
  const p = () => props.page;
  return (
    <div class="page stack-lg market">
      <nav class="market-nav" aria-label="Marketplace">
        {link(marketplacePaths.catalog(props.ws), "Catalog", "market-nav-catalog")}
        {link(marketplacePaths.deployments(props.ws), "My deployments", "market-nav-deployments")}
        {link(marketplacePaths.publish(props.ws), "Publish", "market-nav-publish")}
        {link(marketplacePaths.analytics(props.ws), "Analytics", "market-nav-analytics")}
      </nav>
      <Switch>
        <Match when={p().page === "catalog"}>
          <CatalogPage ws={props.ws} />
        </Match>
        <Match when={(() => { const x = p(); return x.page === "agent" ? x : null; })()}>{(x) => <AgentPage ws={props.ws} slug={x().slug} />}</Match>
        <Match when={p().page === "publish"}>
          <PublishPage ws={props.ws} />
        </Match>
        <Match when={p().page === "deployments"}>
          <DeploymentsPage ws={props.ws} />
        </Match>
        <Match when={(() => { const x = p(); return x.page === "execution" ? x : null; })()}>{(x) => <ExecutionPage ws={props.ws} id={x().id} />}</Match>
        <Match when={p().page === "analytics"}>
          <AnalyticsPage />
        </Match>
      </Switch>
    </div>
  );
}
