import type { Resource } from "solid-js";

/** A resource's last value without throwing when it errored (Solid's `latest` rethrows). */
export function latest<T>(resource: Resource<T>): T | undefined {
  return resource.error ? undefined : resource.latest;
}
