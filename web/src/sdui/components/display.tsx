import { Dynamic } from "solid-js/web";
import { For, Show } from "solid-js";
import type { CompProps } from "../render/context";
import { bool, cls, num, str } from "../render/context";
import { iconPath } from "./icons";

const SIZE_PX: Record<string, number> = { sm: 14, md: 18, lg: 24 };

export function Icon(props: { name: string; size?: number; label?: string; attrs?: Record<string, string | undefined>; class?: string; color?: string }) {
  return (
    <svg {...(props.attrs ?? {})} class={cls("sd-icon", props.class)} width={props.size ?? 16} height={props.size ?? 16} viewBox="0 0 24 24" fill="none" stroke={props.color ?? "currentColor"} stroke-width="2" stroke-linecap="round" stroke-linejoin="round" role={props.label ? "img" : undefined} aria-label={props.label} aria-hidden={props.label ? undefined : "true"}>
      <path d={iconPath(props.name)} />
    </svg>
  );
}

export function Text(c: CompProps) {
  return (
    <span {...c.attrs} class={cls("sd-text", `sd-text-${str(c.p().variant, "body")}`, `sd-size-${str(c.p().size, "md")}`, c.p().tone && `sd-tone-${str(c.p().tone)}`, bool(c.p().truncate) && "sd-truncate", c.p().class)} style={{ "text-align": (str(c.p().align) || undefined) as "start" | undefined }}>
      {str(c.p().text)}
    </span>
  );
}

export function Heading(c: CompProps) {
  const level = () => Math.min(6, Math.max(1, num(c.p().level, 2)));
  return (
    <Dynamic component={`h${level()}`} {...c.attrs} class={cls("sd-heading", c.p().class)} style={{ "text-align": (str(c.p().align) || undefined) as "start" | undefined }}>
      {str(c.p().text)}
    </Dynamic>
  );
}

export function Badge(c: CompProps) {
  return (
    <span {...c.attrs} class={cls("sd-badge", `sd-tone-${str(c.p().tone, "neutral")}`, c.p().class)}>
      <Show when={typeof c.p().icon === "string"}><Icon name={str(c.p().icon)} size={12} /></Show>
      {str(c.p().text)}
    </span>
  );
}

export function IconComp(c: CompProps) {
  const size = () => (typeof c.p().size === "number" ? (c.p().size as number) : SIZE_PX[str(c.p().size, "md")] ?? 18);
  return <Icon attrs={c.attrs} name={str(c.p().name)} size={size()} label={str(c.p().label) || undefined} class={cls(c.p().tone && `sd-tone-${str(c.p().tone)}`, c.p().class)} color={typeof c.p().color === "string" ? str(c.p().color) : undefined} />;
}

const SAFE_SRC = /^(https:\/\/|\/(?!\/)|\.\.?\/|data:image\/(png|jpeg|gif|webp);base64,)/;
export function Image(c: CompProps) {
  const src = () => (SAFE_SRC.test(str(c.p().src)) ? str(c.p().src) : undefined);
  return (
    <img {...c.attrs} class={cls("sd-image", bool(c.p().rounded) && "sd-rounded", c.p().class)} src={src()} alt={str(c.p().alt)} width={typeof c.p().width === "number" ? num(c.p().width, 0) : undefined} height={typeof c.p().height === "number" ? num(c.p().height, 0) : undefined} style={{ "object-fit": (str(c.p().fit) || undefined) as "contain" | undefined }} loading="lazy" />
  );
}

export function CodeBlock(c: CompProps) {
  const lines = () => str(c.p().code).split("\n");
  return (
    <pre {...c.attrs} class={cls("sd-code", bool(c.p().wrap) && "sd-wrap", c.p().class)} data-language={str(c.p().language) || undefined} style={{ "max-height": typeof c.p().max_height === "number" ? `${num(c.p().max_height, 0)}px` : undefined }}>
      <code>
        <Show when={bool(c.p().line_numbers)} fallback={str(c.p().code)}>
          <For each={lines()}>{(line, i) => <span class="sd-code-line"><span class="sd-code-ln" aria-hidden="true">{i() + 1}</span>{line}{"\n"}</span>}</For>
        </Show>
      </code>
    </pre>
  );
}

export function ProgressBar(c: CompProps) {
  const max = () => num(c.p().max, 100) || 100;
  const pct = () => Math.max(0, Math.min(100, (num(c.p().value, 0) / max()) * 100));
  return (
    <div {...c.attrs} class={cls("sd-progress", `sd-tone-${str(c.p().tone, "accent")}`, bool(c.p().indeterminate) && "sd-indeterminate", c.p().class)} role="progressbar" aria-valuemin={0} aria-valuemax={max()} aria-valuenow={bool(c.p().indeterminate) ? undefined : num(c.p().value, 0)} aria-label={str(c.p().label) || undefined}>
      <Show when={c.p().label || bool(c.p().show_value)}>
        <div class="sd-progress-label"><span>{str(c.p().label)}</span><Show when={bool(c.p().show_value)}><span>{Math.round(pct())}%</span></Show></div>
      </Show>
      <div class="sd-progress-track"><div class="sd-progress-fill" style={{ width: bool(c.p().indeterminate) ? "30%" : `${pct()}%` }} /></div>
    </div>
  );
}

export function Spinner(c: CompProps) {
  return (
    <div {...c.attrs} class={cls("sd-spinner-wrap", c.p().class)} style={{ "justify-content": str(c.p().align) === "center" ? "center" : str(c.p().align) === "end" ? "flex-end" : undefined }} role="status">
      <span class={cls("sd-spinner", `sd-spinner-${str(c.p().size, "md")}`)} aria-hidden="true" />
      <Show when={c.p().label} fallback={<span class="sr-only">Loading</span>}><span>{str(c.p().label)}</span></Show>
    </div>
  );
}
