import type { Expression, Node, ScopeRoot } from "./ast.ts";
import type { Span } from "./errors.ts";
import { spanAt } from "./errors.ts";

/** One use of a scope name: `event.x` gives {root:"event", field:"x"}; a bare `event[k]` has no field. */
export interface RootUse {
  root: ScopeRoot;
  field?: string;
  span: Span;
}

/** Lists every scope name an expression reads, with the first field after it when static. */
export function rootsUsed(expression: Expression): RootUse[] {
  const out: RootUse[] = [];
  const visit = (node: Node, parent?: Node): void => {
    switch (node.kind) {
      case "root": {
        let field: string | undefined;
        if (parent?.kind === "member") field = parent.name;
        else if (parent?.kind === "index" && parent.index.kind === "literal" && typeof parent.index.value === "string") field = parent.index.value;
        const at = parent && field !== undefined ? parent.loc : node.loc;
        out.push({ root: node.name, ...(field !== undefined ? { field } : {}), span: spanAt(expression.source, at.offset, at.length) });
        return;
      }
      case "member":
        return visit(node.object, node);
      case "index":
        visit(node.object, node);
        return visit(node.index);
      case "array":
        return node.items.forEach((n) => visit(n));
      case "call":
        return node.args.forEach((n) => visit(n));
      case "unary":
        return visit(node.operand);
      case "binary":
      case "logical":
        visit(node.left);
        return visit(node.right);
      case "literal":
        return;
    }
  };
  visit(expression.ast);
  return out;
}
