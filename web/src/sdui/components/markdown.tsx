import { Dynamic } from "solid-js/web";
import { createMemo, For, Match, Switch } from "solid-js";
import type { JSX } from "solid-js";
import { marked } from "marked";
import type { Token, Tokens } from "marked";
import type { CompProps } from "../render/context";
import { cls, str } from "../render/context";

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#|\.\.?\/)/i;
const SAFE_IMG = /^(https:\/\/|\/(?!\/)|\.\.?\/)/i;

/**
 * Markdown through marked's lexer, rendered as Solid elements: no HTML string is ever parsed
 * (raw HTML in the source shows as text), links and images only with safe URLs.
 */
export function Markdown(c: CompProps) {
  const tokens = createMemo(() => marked.lexer(str(c.p().text), { gfm: true }));
  return <div {...c.attrs} class={cls("sd-markdown", c.p().class)}><Blocks tokens={tokens()} /></div>;
}

function Blocks(props: { tokens: Token[] }): JSX.Element {
  return <For each={props.tokens}>{(t) => <Block token={t} />}</For>;
}

function Inline(props: { tokens: Token[] | undefined; fallback?: string }): JSX.Element {
  return <For each={props.tokens ?? [{ type: "text", raw: props.fallback ?? "", text: props.fallback ?? "" } as Tokens.Text]}>{(t) => <InlineToken token={t} />}</For>;
}

function Block(props: { token: Token }): JSX.Element {
  const t = props.token;
  switch (t.type) {
    case "heading":
      return <Dynamic component={`h${Math.min(6, (t as Tokens.Heading).depth)}`}><Inline tokens={(t as Tokens.Heading).tokens} /></Dynamic>;
    case "paragraph":
      return <p><Inline tokens={(t as Tokens.Paragraph).tokens} /></p>;
    case "code":
      return <pre class="sd-code"><code>{(t as Tokens.Code).text}</code></pre>;
    case "blockquote":
      return <blockquote><Blocks tokens={(t as Tokens.Blockquote).tokens} /></blockquote>;
    case "hr":
      return <hr />;
    case "list": {
      const l = t as Tokens.List;
      return (
        <Dynamic component={l.ordered ? "ol" : "ul"} start={l.ordered && typeof l.start === "number" ? l.start : undefined}>
          <For each={l.items}>{(item) => <li>{item.task ? <input type="checkbox" checked={item.checked} disabled /> : null}<Blocks tokens={item.tokens} /></li>}</For>
        </Dynamic>
      );
    }
    case "table": {
      const tb = t as Tokens.Table;
      return (
        <table class="sd-md-table">
          <thead><tr><For each={tb.header}>{(h) => <th><Inline tokens={h.tokens} /></th>}</For></tr></thead>
          <tbody><For each={tb.rows}>{(row) => <tr><For each={row}>{(cell) => <td><Inline tokens={cell.tokens} /></td>}</For></tr>}</For></tbody>
        </table>
      );
    }
    case "space":
      return null;
    case "text": {
      const tx = t as Tokens.Text;
      return <p><Inline tokens={tx.tokens} fallback={tx.text} /></p>;
    }
    default:
      return <p>{"raw" in t ? String(t.raw) : ""}</p>;
  }
}

function InlineToken(props: { token: Token }): JSX.Element {
  const t = props.token;
  return (
    <Switch fallback={<>{"text" in t ? String(t.text) : "raw" in t ? String(t.raw) : ""}</>}>
      <Match when={t.type === "strong"}><strong><Inline tokens={(t as Tokens.Strong).tokens} /></strong></Match>
      <Match when={t.type === "em"}><em><Inline tokens={(t as Tokens.Em).tokens} /></em></Match>
      <Match when={t.type === "del"}><del><Inline tokens={(t as Tokens.Del).tokens} /></del></Match>
      <Match when={t.type === "codespan"}><code>{(t as Tokens.Codespan).text}</code></Match>
      <Match when={t.type === "br"}><br /></Match>
      <Match when={t.type === "html"}>{(t as Tokens.HTML).raw}</Match>
      <Match when={t.type === "text" && (t as Tokens.Text).tokens}><Inline tokens={(t as Tokens.Text).tokens} /></Match>
      <Match when={t.type === "escape"}>{(t as Tokens.Escape).text}</Match>
      <Match when={t.type === "link"}>
        {SAFE_HREF.test((t as Tokens.Link).href) ? (
          <a href={(t as Tokens.Link).href} rel="noopener noreferrer nofollow" target="_blank"><Inline tokens={(t as Tokens.Link).tokens} /></a>
        ) : (
          <Inline tokens={(t as Tokens.Link).tokens} />
        )}
      </Match>
      <Match when={t.type === "image"}>
        {SAFE_IMG.test((t as Tokens.Image).href) ? <img src={(t as Tokens.Image).href} alt={(t as Tokens.Image).text} loading="lazy" /> : <>{(t as Tokens.Image).text}</>}
      </Match>
    </Switch>
  );
}
