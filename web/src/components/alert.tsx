import { Show } from "solid-js";
import type { ParentProps } from "solid-js";
import { ApiError, errorMessage } from "../lib/api";
import { sentence } from "../lib/format";

/** Shows an error (an ApiError's message and code) as an alert; nothing when null. */
export function ErrorAlert(props: { error: unknown; testId?: string }) {
  const code = () => (props.error instanceof ApiError ? props.error.code : null);
  return (
    <Show when={props.error}>
      <div class="alert alert-error" role="alert" data-testid={props.testId ?? "error"}>
        <svg width="18" height="18" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path d="M10 1.8a8.2 8.2 0 1 0 0 16.4 8.2 8.2 0 0 0 0-16.4Zm-.9 4.4h1.8v5.3H9.1V6.2Zm0 6.8h1.8v1.8H9.1V13Z" />
        </svg>
        <div class="alert-body">
          {sentence(errorMessage(props.error))}
          <Show when={code()}>
            {" "}
            <code>({code()})</code>
          </Show>
        </div>
      </div>
    </Show>
  );
}

/** A neutral notice with a tone. */
export function Notice(props: ParentProps<{ tone: "success" | "warning"; testId?: string }>) {
  return (
    <div class={`alert alert-${props.tone}`} role="status" data-testid={props.testId}>
      <div class="alert-body">{props.children}</div>
    </div>
  );
}
