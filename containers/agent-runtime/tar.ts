/**
 * A small, careful reader for gzip-compressed tar bundles: regular files and directories
 * only, no absolute paths, no `..`, bounded size and entry count.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { gunzipSync } from "node:zlib";

export class BundleError extends Error {
  override name = "BundleError";
  readonly code = "bad_bundle";
}

export interface TarEntry {
  path: string;
  type: "file" | "dir";
  data: Uint8Array;
}

export interface TarLimits {
  /** Largest total size of the unpacked files. */
  maxBytes: number;
  maxEntries: number;
}

const DEFAULT_LIMITS: TarLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 10_000 };
const BLOCK = 512;
const decoder = new TextDecoder();

function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(header: Uint8Array, offset: number, length: number): number {
  const text = field(header, offset, length).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new BundleError(`bad size field "${text}" in the tar header`);
  return parseInt(text, 8);
}

/** A relative, normalized path inside the bundle, or a BundleError. */
export function safePath(raw: string): string {
  const name = raw.replace(/\/+$/, "");
  if (name === "" || name === ".") return "";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || name.includes("\\")) throw new BundleError(`absolute path "${raw}" in the bundle`);
  if (name.split("/").includes("..")) throw new BundleError(`path "${raw}" leaves the bundle`);
  const normal = posix.normalize(name).replace(/^(\.\/)+/, "");
  if (normal.startsWith("..") || normal.startsWith("/")) throw new BundleError(`path "${raw}" leaves the bundle`);
  return normal;
}

function paxPath(data: Uint8Array): string | undefined {
  const text = decoder.decode(data);
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(" ", i);
    if (space === -1) break;
    const length = parseInt(text.slice(i, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = text.slice(space + 1, i + length - 1);
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") return record.slice(eq + 1);
    i += length;
  }
  return undefined;
}

/** Lists the entries of a tar archive (already gunzipped). */
export function readTar(tar: Uint8Array, limits: TarLimits = DEFAULT_LIMITS): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let total = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    if (dataStart + size > tar.length) throw new BundleError("the tar archive is cut short");
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x" || type === "L") {
      longName = type === "L" ? field(data, 0, data.length) : paxPath(data);
      continue;
    }
    if (type === "g") continue;
    const prefix = decoder.decode(header.subarray(257, 262)) === "ustar" ? field(header, 345, 155) : "";
    const rawName = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    const path = safePath(rawName);
    if (type === "5") {
      if (path !== "") entries.push({ path, type: "dir", data: new Uint8Array() });
    } else if (type === "0" || type === "\0" || type === "7") {
      if (path === "") throw new BundleError("a file without a name in the bundle");
      total += size;
      if (total > limits.maxBytes) throw new BundleError(`the bundle unpacks to more than ${limits.maxBytes} bytes`);
      entries.push({ path, type: "file", data });
    } else {
      throw new BundleError(`entry "${rawName}" is not a regular file or directory (type "${type}")`);
    }
    if (entries.length > limits.maxEntries) throw new BundleError(`the bundle has more than ${limits.maxEntries} entries`);
  }
  return entries;
}

/** Gunzips and unpacks a bundle into `dir`; returns the files written. */
export function extractTarGz(gz: Uint8Array, dir: string, limits: TarLimits = DEFAULT_LIMITS): string[] {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(gz, { maxOutputLength: limits.maxBytes + limits.maxEntries * 2 * BLOCK });
  } catch (err) {
    throw new BundleError(`the bundle is not valid gzip: ${(err as Error).message}`);
  }
  const files: string[] = [];
  for (const entry of readTar(tar, limits)) {
    const target = join(dir, entry.path);
    if (entry.type === "dir") {
      mkdirSync(target, { recursive: true });
    } else {
      mkdirSync(join(target, ".."), { recursive: true });
      writeFileSync(target, entry.data, { flag: "wx" });
      files.push(entry.path);
    }
  }
  return files;
}
