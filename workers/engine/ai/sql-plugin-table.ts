/**
 * How a plugin's SQL surface turns its state into a table. The surface names a state `path`
 * holding an array of objects (one row each) or a map of objects (one row each, with the map key
 * as column `key`); arrays of scalars become a `value` column. Columns are the manifest's
 * `columns` ({name: type}) or the state schema's item properties at `path`, in schema order.
 */
import type { JsonValue } from "../../../lib/protocol/events";
import { isIdentifier, type ColumnType, type SandboxColumn } from "../../../lib/sql-sandbox/sandbox";

export interface PluginSqlSpec {
  name: string;
  path?: string;
  columns?: Record<string, ColumnType>;
}

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean };

export type PluginTable =
  | { ok: true; columns: SandboxColumn[]; keyed: boolean; /** The rows of the value at `path`. */ rows: (value: JsonValue) => Record<string, JsonValue>[] }
  | { ok: false; message: string };

const typeOf = (s: Schema | undefined): ColumnType => {
  const t = Array.isArray(s?.type) ? s.type.find((x) => x !== "null") : s?.type;
  return t === "integer" || t === "boolean" ? "INTEGER" : t === "number" ? "REAL" : t === "string" ? "TEXT" : t === "object" || t === "array" ? "JSON" : "ANY";
};

function schemaAt(schema: Schema | undefined, path: string[]): Schema | undefined {
  let node = schema;
  for (const part of path) node = node?.properties?.[part];
  return node;
}

/** The table shape the state schema gives the value at `path`. */
function fromSchema(node: Schema | undefined): { columns: SandboxColumn[]; keyed: boolean; scalar: boolean } | null {
  if (!node) return null;
  const item = node.items ?? (typeof node.additionalProperties === "object" ? node.additionalProperties : undefined);
  if (!item) return null;
  const keyed = !node.items;
  const props = item.properties;
  const columns: SandboxColumn[] = props ? Object.entries(props).filter(([k]) => isIdentifier(k)).map(([name, s]) => ({ name, type: typeOf(s) })) : [{ name: "value", type: typeOf(item) }];
  return { columns: keyed ? [{ name: "key", type: "TEXT" }, ...columns.filter((c) => c.name !== "key")] : columns, keyed, scalar: !props };
}

export function pluginTable(spec: PluginSqlSpec, stateSchema: unknown): PluginTable {
  if (!spec.path) return { ok: false, message: "a SQL surface needs `path`: the state path of an array (or map) of objects" };
  const path = spec.path.split(".");
  const node = schemaAt(stateSchema as Schema | undefined, path);
  let shape = fromSchema(node);
  if (spec.columns) {
    const bad = Object.keys(spec.columns).find((c) => !isIdentifier(c));
    if (bad) return { ok: false, message: `column ${JSON.stringify(bad)} is not a plain identifier` };
    const declared = Object.entries(spec.columns).map(([name, type]) => ({ name, type }));
    const keyed = shape?.keyed ?? node?.type === "object";
    shape = { columns: keyed && !spec.columns.key ? [{ name: "key", type: "TEXT" }, ...declared] : declared, keyed, scalar: false };
  }
  if (!shape || !shape.columns.length) return { ok: false, message: `the state schema at ${spec.path} is not an array or map of objects; declare \`columns\`` };
  const { columns, keyed, scalar } = shape;
  return {
    ok: true,
    columns,
    keyed,
    rows(value) {
      if (!value || typeof value !== "object") return [];
      const asRow = (v: JsonValue): Record<string, JsonValue> => (v && typeof v === "object" && !Array.isArray(v) && !scalar ? v : { value: v });
      if (Array.isArray(value)) return value.map(asRow);
      return Object.entries(value).map(([key, v]) => ({ ...asRow(v), key }));
    },
  };
}
