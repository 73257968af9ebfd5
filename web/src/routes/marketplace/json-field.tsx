import { Show } from "solid-js";
import { parseJson } from "./logic";

/** A JSON textarea with its parse error shown under it. */
export function JsonField(props: { label: string; value: string; onInput: (v: string) => void; rows?: number; testId: string; hint?: string }) {
  const problem = () => {
    const r = parseJson(props.value);
    return r.ok || !props.value.trim() ? null : r.message;
  };
  return (
    <label class="field">
      <span>{props.label}</span>
      <textarea class="input market-code" rows={props.rows ?? 6} value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} spellcheck={false} data-testid={props.testId} />
      <Show when={problem()} fallback={props.hint ? <span class="hint">{props.hint}</span> : null}>
        <span class="hint" role="alert">
          Not valid JSON: {problem()}
        </span>
      </Show>
    </label>
  );
}
