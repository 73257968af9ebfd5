/** The parts of an ESTree node the scanner reads (acorn's nodes, with locations on). */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

export const isNode = (v: unknown): v is AstNode =>
  typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string" && typeof (v as { start?: unknown }).start === "number";

/** Visits every node depth-first with its parent and the parent's key; iterative, so deep nesting cannot overflow the stack. */
export function walk(root: AstNode, visit: (node: AstNode, parent: AstNode | null, key: string | null) => void): void {
  const stack: [AstNode, AstNode | null, string | null][] = [[root, null, null]];
  while (stack.length) {
    const [node, parent, key] = stack.pop()!;
    visit(node, parent, key);
    const children: [AstNode, AstNode, string][] = [];
    for (const [k, v] of Object.entries(node)) {
      if (k === "loc") continue;
      if (Array.isArray(v)) {
        for (const x of v) if (isNode(x)) children.push([x, node, k]);
      } else if (isNode(v)) children.push([v, node, k]);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The static string a node stands for: a string literal or a template without expressions. */
export function staticString(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && Array.isArray(node.expressions) && node.expressions.length === 0) {
    const quasi = (node.quasis as { value: { cooked: string | null } }[])[0];
    return quasi?.value.cooked ?? null;
  }
  return null;
}

/** The property name of a member expression when it is static (`a.b`, `a["b"]`). */
export function memberName(node: AstNode): string | null {
  if (node.type !== "MemberExpression") return null;
  const property = node.property as AstNode;
  if (!node.computed && property.type === "Identifier") return property.name as string;
  return node.computed ? staticString(property) : null;
}

/** Whether an Identifier at (parent, key) reads a binding (rather than naming a property, label or declaration). */
export function isReference(parent: AstNode | null, key: string | null): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case "MemberExpression":
      return key !== "property" || parent.computed === true;
    case "Property":
    case "PropertyDefinition":
    case "MethodDefinition":
      return key !== "key" || parent.computed === true;
    case "VariableDeclarator":
      return key !== "id";
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
    case "ClassDeclaration":
    case "ClassExpression":
      return false === ["id", "params"].includes(key ?? "");
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return false;
    case "ImportSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
    case "ExportSpecifier":
    case "MetaProperty":
      return false;
    default:
      return true;
  }
}
