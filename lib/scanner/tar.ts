/** One regular file from a tar archive. */
export interface TarEntry {
  path: string;
  bytes: Uint8Array;
}

export class BundleError extends Error {
  override name = "BundleError";
  constructor(
    message: string,
    readonly code: "bad_gzip" | "bad_tar" | "too_large" | "too_many_files",
  ) {
    super(message);
  }
}

export interface TarLimits {
  /** Largest total size after gunzip (a guard against gzip bombs). */
  maxBytes: number;
  maxFiles: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = { maxBytes: 50 * 1024 * 1024, maxFiles: 2000 };

/** Gunzips bytes with the platform's DecompressionStream, stopping once `maxBytes` is passed. */
export async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new BundleError(`the bundle is larger than ${maxBytes} bytes once unpacked`, "too_large");
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`the bundle is not valid gzip: ${(err as Error).message}`, "bad_gzip");
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const decoder = new TextDecoder();
const text = (b: Uint8Array, start: number, length: number) => {
  const slice = b.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return decoder.decode(nul === -1 ? slice : slice.subarray(0, nul));
};

function octal(b: Uint8Array, start: number, length: number): number {
  // GNU base-256 for large sizes: high bit of the first byte set.
  if (b[start]! & 0x80) throw new BundleError("tar entries over 8 GB are not supported", "bad_tar");
  const s = text(b, start, length).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new BundleError(`bad tar header number '${s}'`, "bad_tar");
  return parseInt(s, 8);
}

function checksumOk(b: Uint8Array, at: number): boolean {
  const stored = octal(b, at + 148, 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : b[at + i]!;
  return sum === stored;
}

/** `a/./b/../c` → `a/c`; null for a path that leaves the root or is absolute. */
export function cleanPath(path: string): string | null {
  if (path.startsWith("/")) return null;
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out.length ? out.join("/") : null;
}

function paxPath(data: Uint8Array): string | null {
  const s = decoder.decode(data);
  let i = 0;
  while (i < s.length) {
    const space = s.indexOf(" ", i);
    if (space === -1) break;
    const len = Number(s.slice(i, space));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = s.slice(space + 1, i + len - 1);
    if (record.startsWith("path=")) return record.slice(5);
    i += len;
  }
  return null;
}

/**
 * Reads the regular files of a (ustar, pax or GNU) tar archive. Directories, links and
 * devices are skipped; long names (pax `path`, GNU `L`) are honoured; checksums are verified.
 */
export function untar(archive: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | null = null;
  while (at + 512 <= archive.length) {
    if (archive.subarray(at, at + 512).every((x) => x === 0)) break;
    if (!checksumOk(archive, at)) throw new BundleError(`bad tar header checksum at byte ${at}`, "bad_tar");
    const size = octal(archive, at + 124, 12);
    const type = String.fromCharCode(archive[at + 156]!);
    const magic = text(archive, at + 257, 6);
    const prefix = magic.startsWith("ustar") ? text(archive, at + 345, 155) : "";
    const name = longName ?? (prefix ? `${prefix}/${text(archive, at, 100)}` : text(archive, at, 100));
    const dataStart = at + 512;
    if (dataStart + size > archive.length) throw new BundleError("the tar archive is truncated", "bad_tar");
    const data = archive.subarray(dataStart, dataStart + size);
    at = dataStart + Math.ceil(size / 512) * 512;
    if (type === "x") {
      longName = paxPath(data);
      continue;
    }
    if (type === "L") {
      longName = text(data, 0, data.length);
      continue;
    }
    longName = null;
    if (type !== "0" && type !== "\0" && type !== "7") continue;
    const path = cleanPath(name);
    if (path === null) throw new BundleError(`the tar entry '${name}' points outside the bundle`, "bad_tar");
    if (entries.length >= limits.maxFiles) throw new BundleError(`the bundle has more than ${limits.maxFiles} files`, "too_many_files");
    entries.push({ path, bytes: data });
  }
  return entries;
}
