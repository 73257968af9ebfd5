import { parse } from "acorn";
import { findAddresses } from "./addresses";
import type { Finding, RuleId, Severity } from "./findings";
import { GLOBAL_OBJECTS, NETWORK_GLOBALS, moduleRule } from "./rules";
import { type AstNode, isReference, memberName, staticString, walk } from "./walk";

/** What one JavaScript file imports, besides its findings (used to check declared dependencies). */
export interface FileScan {
  findings: Finding[];
  /** Static module specifiers the file imports or requires. */
  imports: string[];
}

function parseEither(source: string): { ast: AstNode } | { error: string; line: number; col: number } {
  const options = { ecmaVersion: "latest", locations: true, allowHashBang: true, allowAwaitOutsideFunction: true } as const;
  try {
    return { ast: parse(source, { ...options, sourceType: "module" }) as unknown as AstNode };
  } catch (moduleError) {
    try {
      return { ast: parse(source, { ...options, sourceType: "script", allowReturnOutsideFunction: true }) as unknown as AstNode };
    } catch {
      const e = moduleError as { message?: string; loc?: { line: number; column: number } };
      return { error: e.message ?? String(moduleError), line: e.loc?.line ?? 1, col: e.loc?.column ?? 0 };
    }
  }
}

/**
 * Scans one JavaScript file (module or script): parses it with acorn and flags child
 * processes, `eval` and the `Function` constructor, dynamic `require`/`import`, file-system and
 * network modules, network globals and crypto-wallet addresses, each with line and column.
 */
export function scanSource(source: string, file: string): FileScan {
  const parsed = parseEither(source);
  if ("error" in parsed) {
    return { findings: [{ rule: "parse-error", severity: "high", message: `cannot parse as JavaScript: ${parsed.error}`, file, line: parsed.line, col: parsed.col }], imports: [] };
  }
  const findings: Finding[] = [];
  const imports: string[] = [];
  const add = (node: AstNode, rule: RuleId, severity: Severity, message: string) => {
    const at = node.loc?.start ?? { line: 1, column: 0 };
    findings.push({ rule, severity, message, file, line: at.line, col: at.column });
  };
  const specifier = (node: AstNode, spec: string, how: string) => {
    imports.push(spec);
    const rule = moduleRule(spec);
    if (rule) add(node, rule.rule, rule.severity, `${how} '${spec}', which ${rule.what}`);
  };
  const dangerousGlobal = (node: AstNode, name: string, how: string) => {
    if (name === "eval") add(node, "code-eval", "critical", `${how} eval, which runs a string as code`);
    else if (name === "Function") add(node, "function-constructor", "critical", `${how} the Function constructor, which compiles a string into code`);
    else if (NETWORK_GLOBALS.has(name)) add(node, "network-global", "high", `${how} ${name}, which reaches the network (agents run without network)`);
  };

  walk(parsed.ast, (node, parent, key) => {
    switch (node.type) {
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "ExportNamedDeclaration": {
        const spec = staticString(node.source);
        if (spec !== null) specifier(node, spec, node.type === "ImportDeclaration" ? "imports" : "re-exports");
        break;
      }
      case "ImportExpression": {
        const spec = staticString(node.source);
        if (spec !== null) specifier(node, spec, "imports");
        else add(node, "dynamic-import", "high", "import() with a computed specifier: what it loads cannot be checked");
        break;
      }
      case "CallExpression": {
        const callee = node.callee as AstNode;
        const args = node.arguments as AstNode[];
        if (callee.type === "Identifier" && callee.name === "require") {
          const spec = staticString(args[0]);
          if (spec !== null) specifier(node, spec, "requires");
          else add(node, "dynamic-require", "high", "require() with a computed specifier: what it loads cannot be checked");
        } else if (memberName(callee) === "constructor") {
          add(node, "function-constructor", "critical", "calls a .constructor, the usual way to reach the Function constructor");
        } else if (callee.type === "MemberExpression" && isModuleRequire(callee)) {
          const spec = staticString(args[0]);
          if (spec !== null) specifier(node, spec, "requires");
          else add(node, "dynamic-require", "high", "module.require() with a computed specifier");
        }
        break;
      }
      case "Identifier": {
        if (!isReference(parent, key)) break;
        const name = node.name as string;
        const called = parent && (parent.type === "CallExpression" || parent.type === "NewExpression") && key === "callee";
        dangerousGlobal(node, name, called ? (parent.type === "NewExpression" ? "constructs" : "calls") : "uses");
        break;
      }
      case "MemberExpression": {
        const object = node.object as AstNode;
        const name = memberName(node);
        if (name && object.type === "Identifier" && GLOBAL_OBJECTS.has(object.name as string)) dangerousGlobal(node, name, `uses ${object.name as string}.`);
        if (name === "binding" || name === "dlopen" || name === "_linkedBinding") {
          if (object.type === "Identifier" && object.name === "process") add(node, "child-process", "critical", `uses process.${name}, which loads native code`);
        }
        break;
      }
      case "Literal":
      case "TemplateElement": {
        const value = node.type === "Literal" ? node.value : (node.value as { cooked: string | null }).cooked;
        const raw = node.type === "Literal" ? node.raw : (node.value as { raw: string }).raw;
        if (typeof value === "string" && value !== raw && value !== String(raw).slice(1, -1)) {
          const at = node.loc?.start ?? { line: 1, column: 0 };
          findings.push(...findAddresses(value, file, { line: at.line, col: at.column }));
        }
        break;
      }
    }
  });
  findings.push(...findAddresses(source, file));
  return { findings: dedupe(findings), imports };
}

function isModuleRequire(callee: AstNode): boolean {
  const object = callee.object as AstNode;
  return memberName(callee) === "require" && object.type === "Identifier" && object.name === "module";
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}:${f.line}:${f.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
