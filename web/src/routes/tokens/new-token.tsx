import type { CreatedToken } from "../../lib/api";
import { CopyButton } from "../../components/copy-button";

/** The one-time display of a fresh token, with a copy button and a warning. */
export function NewToken(props: { token: CreatedToken; onDismiss: () => void }) {
  return (
    <section class="card new-token" aria-labelledby="new-token-title" data-testid="new-token">
      <div class="card-body stack">
        <div class="stack-tight">
          <h2 id="new-token-title">Token “{props.token.name}” created</h2>
          <div class="alert alert-warning" role="alert" data-testid="new-token-warning">
            <div class="alert-body">
              <strong>Copy it now.</strong> This token will not be shown again; only its prefix is kept for you to recognise it.
            </div>
          </div>
        </div>
        <div class="secret">
          <input
            class="input"
            readonly
            aria-label="New API token"
            value={props.token.token}
            data-testid="new-token-value"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={props.token.token} testId="new-token-copy" />
        </div>
        <p class="hint">
          Use it as <code>Authorization: Bearer &lt;token&gt;</code>. Scopes: {props.token.scopes.join(", ")}.
        </p>
        <div>
          <button type="button" class="btn" onClick={() => props.onDismiss()} data-testid="new-token-dismiss">
            I have copied it
          </button>
        </div>
      </div>
    </section>
  );
}
