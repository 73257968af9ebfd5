import type { Thread } from "./thread.ts";
import type { ModuleEnv, SFunction } from "./values/function.ts";
import type { Cell, Value } from "./values/value.ts";

/** Activation record of one Starlark function call (or module top level). */
export class Frame {
  ret: Value = null;
  constructor(
    readonly th: Thread,
    readonly locals: (Value | Cell | undefined)[],
    readonly globals: (Value | undefined)[],
    readonly fn: SFunction | null,
    readonly env: ModuleEnv,
  ) {}
}
