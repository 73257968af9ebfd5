/** A centred spinner with an accessible label. */
export function Loading(props: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <div class="spinner" aria-hidden="true" />
      <span class="muted">{props.label ?? "Loading…"}</span>
    </div>
  );
}
