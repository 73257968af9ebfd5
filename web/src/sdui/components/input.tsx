import { createSignal, For, Show } from "solid-js";
import type { JSX } from "solid-js";
import type { CompProps } from "../render/context";
import { act, bool, cls, num, str } from "../render/context";
import { Icon } from "./display";

/** Label, help and error around a field. */
function Field(props: { c: CompProps; kind: string; children: JSX.Element; inline?: boolean }) {
  const p = () => props.c.p();
  return (
    <label {...props.c.attrs} class={cls("sd-field", `sd-field-${props.kind}`, props.inline && "sd-field-inline", bool(p().disabled) && "sd-disabled", p().class)}>
      <Show when={p().label && !props.inline}><span class="sd-field-label">{str(p().label)}</span></Show>
      {props.children}
      <Show when={p().label && props.inline}><span class="sd-field-label">{str(p().label)}</span></Show>
      <Show when={p().help}><span class="sd-field-help">{str(p().help)}</span></Show>
      <Show when={p().error}><span class="sd-field-error" role="alert">{str(p().error)}</span></Show>
    </label>
  );
}

export function Button(c: CompProps) {
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    const question = str(c.p().confirm);
    if (question && !window.confirm(question)) return;
    act(c, { value: null });
  };
  return (
    <button {...c.attrs} type="button" class={cls("sd-button", `sd-button-${str(c.p().variant, "primary")}`, `sd-size-${str(c.p().size, "md")}`, c.p().class)} disabled={bool(c.p().disabled)} onClick={onClick}>
      <Show when={typeof c.p().icon === "string"}><Icon name={str(c.p().icon)} size={14} /></Show>
      <span>{str(c.p().label)}</span>
    </button>
  );
}

export function TextInput(c: CompProps) {
  const multiline = () => bool(c.p().multiline);
  const trigger = () => str(c.p().trigger, multiline() ? "blur" : "enter");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: string | null = null;
  const send = (value: string) => {
    if (value === last) return;
    last = value;
    act(c, { value });
  };
  const onInput = (e: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    if (trigger() !== "change") return;
    const v = e.currentTarget.value;
    clearTimeout(timer);
    timer = setTimeout(() => send(v), num(c.p().debounce_ms, 300));
  };
  const onKey = (e: KeyboardEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    if (e.key === "Enter" && !multiline()) {
      e.preventDefault();
      send(e.currentTarget.value);
    }
  };
  const onBlur = (e: FocusEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    if (trigger() === "blur" || trigger() === "enter") send(e.currentTarget.value);
  };
  const value = () => {
    last = str(c.p().value);
    return last;
  };
  return (
    <Field c={c} kind="text">
      <Show
        when={multiline()}
        fallback={<input class="sd-input" type={str(c.p().kind, "text")} value={value()} placeholder={str(c.p().placeholder)} maxLength={typeof c.p().max_length === "number" ? num(c.p().max_length, 0) : undefined} disabled={bool(c.p().disabled)} onInput={onInput} onKeyDown={onKey} onBlur={onBlur} aria-label={str(c.p().label) || str(c.p().placeholder) || undefined} />}
      >
        <textarea class="sd-input" rows={num(c.p().rows, 3)} value={value()} placeholder={str(c.p().placeholder)} disabled={bool(c.p().disabled)} onInput={onInput} onBlur={onBlur} />
      </Show>
    </Field>
  );
}

export function NumberInput(c: CompProps) {
  const commit = (e: Event & { currentTarget: HTMLInputElement }) => {
    const v = e.currentTarget.valueAsNumber;
    if (Number.isFinite(v)) act(c, { value: v });
  };
  return (
    <Field c={c} kind="number">
      <input class="sd-input" type="number" value={typeof c.p().value === "number" ? num(c.p().value, 0) : ""} min={typeof c.p().min === "number" ? num(c.p().min, 0) : undefined} max={typeof c.p().max === "number" ? num(c.p().max, 0) : undefined} step={typeof c.p().step === "number" ? num(c.p().step, 1) : undefined} placeholder={str(c.p().placeholder)} disabled={bool(c.p().disabled)} onChange={commit} />
    </Field>
  );
}

function Check(c: CompProps, kind: "checkbox" | "toggle") {
  return (
    <Field c={c} kind={kind} inline>
      <input class={kind === "toggle" ? "sd-toggle" : "sd-checkbox"} type="checkbox" role={kind === "toggle" ? "switch" : undefined} checked={bool(c.p().checked)} disabled={bool(c.p().disabled)} onChange={(e) => act(c, { value: e.currentTarget.checked })} />
    </Field>
  );
}
export const Checkbox = (c: CompProps) => Check(c, "checkbox");
export const Toggle = (c: CompProps) => Check(c, "toggle");

interface Option {
  value: unknown;
  label: string;
  disabled?: boolean;
}
const options = (v: unknown): Option[] =>
  Array.isArray(v) ? v.map((o) => (typeof o === "object" && o !== null ? (o as Option) : { value: o, label: str(o as string) })) : [];

export function Select(c: CompProps) {
  const [filter, setFilter] = createSignal("");
  const opts = () => options(c.p().options).filter((o) => !filter() || o.label.toLowerCase().includes(filter().toLowerCase()));
  const selected = (o: Option) => {
    const v = c.p().value;
    return Array.isArray(v) ? v.some((x) => JSON.stringify(x) === JSON.stringify(o.value)) : JSON.stringify(v) === JSON.stringify(o.value);
  };
  const onChange = (e: Event & { currentTarget: HTMLSelectElement }) => {
    const all = options(c.p().options);
    const picked = [...e.currentTarget.selectedOptions].map((el) => all[Number(el.value)]?.value ?? null);
    act(c, { value: bool(c.p().multiple) ? picked : picked[0] ?? null });
  };
  return (
    <Field c={c} kind="select">
      <Show when={bool(c.p().searchable)}><input class="sd-input sd-select-search" type="search" placeholder="Filter…" onInput={(e) => setFilter(e.currentTarget.value)} /></Show>
      <select class="sd-input" multiple={bool(c.p().multiple)} disabled={bool(c.p().disabled)} onChange={onChange}>
        <Show when={!bool(c.p().multiple)}><option value="" disabled selected={c.p().value === undefined || c.p().value === null}>{str(c.p().placeholder, "Choose…")}</option></Show>
        <For each={opts()}>{(o) => <option value={String(options(c.p().options).indexOf(o))} disabled={o.disabled} selected={selected(o)}>{o.label}</option>}</For>
      </select>
    </Field>
  );
}

export function Slider(c: CompProps) {
  const [live, setLive] = createSignal<number | null>(null);
  const shown = () => live() ?? num(c.p().value, num(c.p().min, 0));
  return (
    <Field c={c} kind="slider">
      <div class="sd-slider">
        <input type="range" value={shown()} min={num(c.p().min, 0)} max={num(c.p().max, 100)} step={num(c.p().step, 1)} disabled={bool(c.p().disabled)}
          onInput={(e) => { setLive(e.currentTarget.valueAsNumber); if (str(c.p().trigger) === "change") act(c, { value: e.currentTarget.valueAsNumber }); }}
          onChange={(e) => { if (str(c.p().trigger) !== "change") act(c, { value: e.currentTarget.valueAsNumber }); setLive(null); }} />
        <Show when={bool(c.p().show_value)}><output>{shown()}</output></Show>
      </div>
    </Field>
  );
}

export function ColorPicker(c: CompProps) {
  const swatches = () => (Array.isArray(c.p().swatches) ? (c.p().swatches as unknown[]).filter((s): s is string => typeof s === "string") : []);
  return (
    <Field c={c} kind="color">
      <div class="sd-color">
        <input type="color" value={/^#[0-9a-f]{6}$/i.test(str(c.p().value)) ? str(c.p().value) : "#000000"} disabled={bool(c.p().disabled)} onChange={(e) => act(c, { value: e.currentTarget.value })} />
        <For each={swatches()}>{(s) => <button type="button" class="sd-swatch" style={{ background: s }} aria-label={s} onClick={() => act(c, { value: s })} />}</For>
      </div>
    </Field>
  );
}

export function DatePicker(c: CompProps) {
  const withTime = () => bool(c.p().with_time);
  return (
    <Field c={c} kind="date">
      <input class="sd-input" type={withTime() ? "datetime-local" : "date"} value={str(c.p().value)} min={str(c.p().min) || undefined} max={str(c.p().max) || undefined} disabled={bool(c.p().disabled)} onChange={(e) => act(c, { value: e.currentTarget.value })} />
    </Field>
  );
}
