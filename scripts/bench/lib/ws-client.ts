/**
 * A small RFC 6455 WebSocket client over node:http for the dispatch benchmark: a thousand of them
 * cost little, and nothing is parsed beyond the text frames' payloads.
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { Socket } from "node:net";

/** One client connection: counts payload bytes of text frames and hands each payload to `onText`. */
export interface Client {
  readonly socket: Socket;
  close(): void;
}

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const out = Buffer.alloc(6 + payload.length);
  out[0] = 0x80 | opcode;
  out[1] = 0x80 | payload.length; // control frames only: under 126 bytes
  mask.copy(out, 2);
  for (let i = 0; i < payload.length; i++) out[6 + i] = payload[i]! ^ mask[i % 4]!;
  return out;
}

/** Reads server frames (unmasked) from a byte stream; reassembles fragmented messages. */
function frameReader(socket: Socket, onText: (payload: Buffer) => void): (chunk: Buffer) => void {
  let chunks: Buffer[] = [];
  let buffered = 0;
  let need = 2;
  let parts: Buffer[] = [];
  return (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    if (buffered < need) return;
    const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
    let off = 0;
    for (;;) {
      const avail = buf.length - off;
      need = 2;
      if (avail < 2) break;
      const b0 = buf[off]!;
      const b1 = buf[off + 1]!;
      let len = b1 & 0x7f;
      let head = 2;
      if (len === 126) {
        head = 4;
        if (avail < head) break;
        len = buf.readUInt16BE(off + 2);
      } else if (len === 127) {
        head = 10;
        if (avail < head) break;
        len = Number(buf.readBigUInt64BE(off + 2));
      }
      const masked = (b1 & 0x80) !== 0;
      if (masked) head += 4;
      need = head + len;
      if (avail < need) break;
      let payload = buf.subarray(off + head, off + need);
      if (masked) {
        const m = buf.subarray(off + head - 4, off + head);
        payload = Buffer.from(payload.map((b, i) => b ^ m[i % 4]!));
      }
      off += need;
      need = 2;
      const opcode = b0 & 0x0f;
      const fin = (b0 & 0x80) !== 0;
      if (opcode === 0x9) socket.write(maskedFrame(0xa, payload));
      else if (opcode === 0x8) socket.end(maskedFrame(0x8, payload.subarray(0, 2)));
      else if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
        if (!fin || parts.length) parts.push(Buffer.from(payload));
        if (fin) {
          onText(parts.length ? Buffer.concat(parts) : payload);
          parts = [];
        }
      }
    }
    const rest = buf.subarray(off);
    chunks = rest.length ? [rest] : [];
    buffered = rest.length;
  };
}

export function openClient(url: string, headers: Record<string, string>, onText: (payload: Buffer) => void, timeoutMs = 15_000): Promise<Client> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      agent: false,
      headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": randomBytes(16).toString("base64"), ...headers },
    });
    const timer = setTimeout(() => req.destroy(new Error(`no upgrade within ${timeoutMs} ms`)), timeoutMs);
    req.on("upgrade", (_res, socket, head) => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      const push = frameReader(socket, onText);
      socket.on("data", push);
      socket.on("error", () => socket.destroy());
      if (head.length) push(head);
      resolve({ socket, close: () => (socket.destroyed ? undefined : socket.end(maskedFrame(0x8, Buffer.from([0x03, 0xe8])))) });
    });
    req.on("response", (res) => {
      clearTimeout(timer);
      res.resume();
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`));
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

