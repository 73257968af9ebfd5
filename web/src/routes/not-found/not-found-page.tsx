import { Link } from "../../lib/router";
import { paths } from "../../lib/routes";

/** A friendly page for a path the SPA does not know. */
export function NotFoundPage(props: { path: string }) {
  return (
    <section class="empty not-found" data-testid="not-found" aria-labelledby="not-found-title">
      <div class="empty-icon" aria-hidden="true">
        <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </div>
      <h1 id="not-found-title">Page not found</h1>
      <p>
        Nothing lives at <code>{props.path}</code>. It may have moved, or the link is mistyped.
      </p>
      <Link href={paths.home()} class="btn btn-primary" data-testid="not-found-home">
        Back to FrameOS
      </Link>
    </section>
  );
}
