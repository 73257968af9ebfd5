/** Splits a byte stream into lines, counting bytes against a cap and remembering the last line. */
import { StringDecoder } from "node:string_decoder";

/** Longest line emitted as one event; longer lines are cut into pieces of this size. */
export const MAX_LINE_CHARS = 64 * 1024;

export class LineSplitter {
  #decoder = new StringDecoder("utf8");
  #partial = "";
  #bytes = 0;
  #last = "";
  truncated = false;

  constructor(
    private readonly cap: number,
    private readonly emit: (line: string) => void,
  ) {}

  /** The last non-empty line seen, even past the cap (at most MAX_LINE_CHARS * 16 characters). */
  get lastLine(): string {
    return this.#partial.trim() !== "" ? this.#partial : this.#last;
  }

  push(chunk: Buffer): void {
    const room = this.cap - this.#bytes;
    this.#bytes += chunk.length;
    if (room <= 0) {
      this.truncated = true;
      this.#track(this.#decoder.write(chunk));
      return;
    }
    if (chunk.length > room) {
      this.truncated = true;
      this.#split(this.#decoder.write(chunk.subarray(0, room)));
      this.#track(this.#decoder.write(chunk.subarray(room)));
      return;
    }
    this.#split(this.#decoder.write(chunk));
  }

  end(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = "";
    if (rest !== "") {
      if (!this.truncated) this.emit(rest);
      if (rest.trim() !== "") this.#last = rest;
    }
  }

  #split(text: string): void {
    let buf = this.#partial + text;
    let nl: number;
    while ((nl = buf.indexOf("\n")) !== -1) {
      const line = buf.slice(0, nl).replace(/\r$/, "");
      buf = buf.slice(nl + 1);
      this.emit(line);
      if (line.trim() !== "") this.#last = line;
    }
    while (buf.length > MAX_LINE_CHARS) {
      this.emit(buf.slice(0, MAX_LINE_CHARS));
      buf = buf.slice(MAX_LINE_CHARS);
    }
    this.#partial = buf;
  }

  /** Past the cap: nothing is emitted, only the last line is followed (for the output). */
  #track(text: string): void {
    let buf = this.#partial + text;
    const nl = buf.lastIndexOf("\n");
    if (nl !== -1) {
      const lines = buf.slice(0, nl).split("\n").map((l) => l.replace(/\r$/, "")).filter((l) => l.trim() !== "");
      const last = lines.at(-1);
      if (last !== undefined) this.#last = last;
      buf = buf.slice(nl + 1);
    }
    this.#partial = buf.length > MAX_LINE_CHARS * 16 ? buf.slice(-MAX_LINE_CHARS * 16) : buf;
  }
}
