// Starlark strings are byte strings: a JS string whose char codes are UTF-8 bytes (0-255).

/** Encodes a JS (UTF-16) string as a byte string; lone surrogates become U+FFFD. */
export function encodeUtf8(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    out += runeToUtf8(c);
  }
  return out;
}

/** UTF-8 bytes of one code point; surrogates and out-of-range values give U+FFFD. */
export function runeToUtf8(c: number): string {
  if (c < 0x80) return String.fromCharCode(c);
  if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff || c < 0) c = 0xfffd;
  if (c < 0x800) return String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
  if (c < 0x10000) return String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  return String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
}

/** Decodes the rune at byte offset i: [codePoint, width]; invalid bytes give [0xFFFD, 1]. */
export function decodeRune(s: string, i: number): [number, number] {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  const n = s.length;
  const cont = (k: number): number => {
    if (i + k >= n) return -1;
    const b = s.charCodeAt(i + k);
    return (b & 0xc0) === 0x80 ? b & 63 : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const b1 = cont(1);
    if (b1 >= 0) return [((b0 & 31) << 6) | b1, 2];
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = cont(1);
    const b2 = cont(2);
    if (b1 >= 0 && b2 >= 0) {
      const c = ((b0 & 15) << 12) | (b1 << 6) | b2;
      if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) return [c, 3];
    }
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = cont(1);
    const b2 = cont(2);
    const b3 = cont(3);
    if (b1 >= 0 && b2 >= 0 && b3 >= 0) {
      const c = ((b0 & 7) << 18) | (b1 << 12) | (b2 << 6) | b3;
      if (c >= 0x10000 && c <= 0x10ffff) return [c, 4];
    }
  }
  return [0xfffd, 1];
}

/** Code points of a byte string (invalid bytes become U+FFFD). */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const [c, w] = decodeRune(s, i);
    out.push(c);
    i += w;
  }
  return out;
}

/** Decodes a byte string to a JS string (lossy for invalid UTF-8). */
export function decodeUtf8(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = "";
  for (let i = 0; i < s.length; ) {
    const [c, w] = decodeRune(s, i);
    out += String.fromCodePoint(c);
    i += w;
  }
  return out;
}

/** Applies a JS string transform to the text of a byte string. */
export function mapText(s: string, f: (t: string) => string): string {
  return encodeUtf8(f(decodeUtf8(s)));
}
