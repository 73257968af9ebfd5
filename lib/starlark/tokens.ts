/** Token kinds: literal classes, layout tokens, or the punctuation/keyword text itself. */
export type TokenKind = string;

export interface Token {
  k: TokenKind;
  line: number;
  col: number;
  /** identifier name, decoded string/bytes value, or int/float literal value */
  v?: string | number | bigint;
}

export const KEYWORDS = new Set([
  "and", "break", "continue", "def", "elif", "else", "for", "if", "in", "lambda",
  "load", "not", "or", "pass", "return", "while",
]);

export const RESERVED = new Set([
  "as", "class", "del", "except", "finally", "from", "global", "import", "is",
  "nonlocal", "raise", "try", "with", "yield",
]);

const NAMES: Record<string, string> = {
  IDENT: "identifier",
  INT: "int literal",
  FLOAT: "float literal",
  STRING: "string literal",
  BYTES: "bytes literal",
  NEWLINE: "newline",
  INDENT: "indent",
  OUTDENT: "outdent",
  EOF: "end of file",
  ILLEGAL: "illegal token",
};

/** How a token kind is named in "got X, want Y" messages (Go starlark style). */
export function describe(k: TokenKind): string {
  const n = NAMES[k];
  if (n !== undefined) return n;
  if (KEYWORDS.has(k)) return k;
  return `'${k}'`;
}
