/**
 * `pe.screenshot`: a PNG of an element's box (`selector:<css>`) or a page rectangle
 * (`rect:x,y,w,h`). modern-screenshot draws the DOM through an SVG foreignObject onto a canvas;
 * we draw the nearest HTML element holding the target and crop the canvas to the target's box.
 */
import { domToCanvas } from "modern-screenshot";
import type { Rect, Screenshot } from "../../../lib/protocol/perception";
import { isOwnUi, OWN_UI_ATTR, pageRect } from "./dom";
import { area, cropBox } from "./geometry";
import { BadQuery, MAX_SIDE, parseScreenshotQuery } from "./screenshot-query";

function findTarget(query: string | null): { host: HTMLElement; rect: Rect } {
  const target = parseScreenshotQuery(query);
  // The app's root, not the body: modern-screenshot draws a body with the UA's 8 px margin.
  if (target.kind === "rect") return { host: document.getElementById("root") ?? document.body, rect: target.rect };
  let matches: Element[];
  try {
    matches = [...document.querySelectorAll(target.css)].filter((m) => !isOwnUi(m));
  } catch {
    throw new BadQuery("bad_query", `not a valid CSS selector: ${target.css}`);
  }
  if (!matches.length) throw new BadQuery("no_match", `no element matches ${target.css}`);
  // The first match with an area (a selector may also match, say, a circle inside an SVG marker).
  const el = matches.find((m) => area(pageRect(m)) > 0);
  if (!el) throw new BadQuery("empty_box", `${matches.length} element(s) match ${target.css}, none with an area`);
  const rect = pageRect(el);
  if (rect.width > MAX_SIDE || rect.height > MAX_SIDE) throw new BadQuery("too_large", `${target.css} is ${rect.width}×${rect.height} px; each side must be at most ${MAX_SIDE} px`);
  // SVG children (circle, g) are drawn through their nearest HTML ancestor, then cropped.
  let host: Element | null = el;
  while (host && !(host instanceof HTMLElement)) host = host.parentElement;
  return { host: host ?? document.body, rect };
}

export async function takeScreenshot(query: string | null): Promise<Screenshot> {
  const { host, rect } = findTarget(query);
  const hostRect = pageRect(host);
  const canvas = await domToCanvas(host, {
    scale: 1,
    filter: (node) => !(node instanceof Element && node.hasAttribute(OWN_UI_ATTR)),
    // A page background, so transparent panels do not turn black in viewers.
    backgroundColor: getComputedStyle(document.body).backgroundColor === "rgba(0, 0, 0, 0)" ? "#ffffff" : getComputedStyle(document.body).backgroundColor,
    timeout: 5000,
  });
  const box = cropBox(rect, hostRect, canvas.width / Math.max(1, hostRect.width), canvas);
  if (!box) throw new BadQuery("no_match", "the rectangle lies outside the page");
  const out = document.createElement("canvas");
  out.width = box.width;
  out.height = box.height;
  const ctx = out.getContext("2d");
  if (!ctx) throw new Error("no 2d canvas context");
  ctx.drawImage(canvas, box.x, box.y, box.width, box.height, 0, 0, box.width, box.height);
  const png = out.toDataURL("image/png");
  return { png_base64: png.slice(png.indexOf(",") + 1), width: box.width, height: box.height, rect };
}
