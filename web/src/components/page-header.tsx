import type { JSX } from "solid-js";

/** Title, optional subtitle and actions at the top of a page. */
export function PageHeader(props: { title: string; subtitle?: string; actions?: JSX.Element }) {
  return (
    <header class="page-header">
      <div class="stack-tight">
        <h1>{props.title}</h1>
        {props.subtitle ? <p class="muted">{props.subtitle}</p> : null}
      </div>
      {props.actions}
    </header>
  );
}
