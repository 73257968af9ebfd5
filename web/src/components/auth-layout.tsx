import type { JSX, ParentProps } from "solid-js";

/** Centred card for the pages before sign-in (login, invitation, not found). */
export function AuthLayout(props: ParentProps<{ title: string; subtitle?: JSX.Element }>) {
  return (
    <main class="auth">
      <div class="auth-brand">
        <span class="brand-mark" aria-hidden="true" />
        <span class="brand-name">FrameOS</span>
      </div>
      <section class="auth-card card" aria-labelledby="auth-title">
        <div class="card-body stack">
          <header class="stack-tight">
            <h1 id="auth-title">{props.title}</h1>
            {props.subtitle ? <p class="muted auth-subtitle">{props.subtitle}</p> : null}
          </header>
          {props.children}
        </div>
      </section>
    </main>
  );
}
