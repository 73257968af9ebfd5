import type { FuncDef, Node } from "../ast";
import type { Library, Native } from "../interp";
import { check } from "../checker";
import { parse } from "../parser";
import { registerCore } from "./core";
import { registerDates } from "./dates";
import { registerMath } from "./math";
import { PRELUDE } from "./prelude";
import { registerRegex } from "./regex";
import { registerStrings } from "./strings";
import { fn } from "./define";

let library: Library | undefined;

function collectDefs(n: Node, out: Map<string, FuncDef>): void {
  let cur: Node = n;
  while (cur.kind === "def") {
    out.set(`${cur.def.name}/${cur.def.params.length}`, cur.def);
    cur = cur.rest;
  }
}

/** The shared builtin library: native functions plus the jq-defined prelude. */
export function getLibrary(): Library {
  if (library) return library;
  const natives = new Map<string, Native>();
  registerCore(natives);
  registerStrings(natives);
  registerMath(natives);
  registerDates(natives);
  registerRegex(natives);
  const prelude = new Map<string, FuncDef>();
  const ast = parse(PRELUDE + " .");
  collectDefs(ast, prelude);
  const names = [...new Set([...natives.keys(), ...prelude.keys()])].filter((k) => !k.startsWith("_"));
  fn(natives, "builtins", 0, () => names.slice());
  library = { natives, prelude };
  // annotates calls that resolve to library functions (see Interp.isSimple)
  const errors = check(ast, library);
  if (errors.length) throw errors[0]!;
  return library;
}
