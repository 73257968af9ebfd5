/** Bindings and variables of the FrameOS Worker (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  BLOBS: R2Bucket;
  ASSETS: Fetcher;
  /** Largest JSON body the API accepts, in bytes. */
  MAX_BODY_BYTES?: string;
}
