import type { FnInfo } from "../ast.ts";
import type { Pos } from "../errors.ts";
import type { Frame } from "../frame.ts";
import type { Cell, Value } from "./value.ts";
import { SObj } from "./value.ts";

/** Globals of one loaded module. */
export interface ModuleEnv {
  file: string;
  names: string[];
  globals: (Value | undefined)[];
  predeclared: Map<string, Value>;
  /** the module was compiled with the `recursion` dialect option */
  recursion: boolean;
}

/** Compiled code of a def, lambda or module top level. */
export interface FnCode {
  name: string;
  pos: Pos;
  info: FnInfo;
  /** runs the body; returns the function result */
  run: (fr: Frame) => Value;
  /** names of named parameters (positional first, then keyword-only) */
  paramNames: string[];
  /** slots of params, aligned with info.paramSlots */
  numParams: number;
  /** active invocations (for the no-recursion rule) */
  running: number;
}

export class SFunction extends SObj {
  frozen = false;
  constructor(
    readonly code: FnCode,
    /** default values aligned with paramNames; undefined = required */
    readonly defaults: (Value | undefined)[],
    readonly freevars: Cell[],
    readonly env: ModuleEnv,
  ) {
    super();
  }
  get name(): string {
    return this.code.name;
  }
}
