/**
 * The `pe` surfaces a connected browser computes on request: view, a11y, anomalies, components,
 * screenshot (see `lib/protocol/perception.ts`). The workspace's hub asks its browsers with a
 * `perception_query`, caches answers by freshness, and answers `no_browser` at once when no browser
 * is connected or `perception_timeout` when none answers in time.
 */
import { MAX_SCREENSHOT_SIDE } from "../../../lib/protocol/perception";
import { runScreenshot } from "./css-screenshot";
import { runCss } from "./css-runner";
import { perceive } from "./perception";
import { runBrowserJq } from "./perception-jq";
import { surface, type Freshness, type LangRunner, type Recipe, type Surface } from "./surface";

const COMMON =
  "Errors `no_browser` when no browser has the workspace open and `perception_timeout` when none answers in time; `?live=1` forces a fresh computation, and `meta.last_updated` says when the value was computed.";

const DIRTY_2S: Freshness = { kind: "dirty_timer", ms: 2000 };
const SCREENSHOT_BYTES = 4 * 1024 * 1024;

function browserSurface(name: string, lang: "jq" | "css", freshness: Freshness, description: string, recipes: Recipe[], run: LangRunner, budgets: { soft_budget_bytes?: number; hard_budget_bytes?: number } = {}): Surface {
  const s: Surface = {
    ...surface({ plugin: "pe", name, lang, freshness, description: `${description} ${COMMON}`, recipes, browser: true, ...budgets }, (input) => perceive(input, s, null)),
    run,
  };
  return s;
}

export const BROWSER_SURFACES: Surface[] = [
  browserSurface(
    "view",
    "css",
    DIRTY_2S,
    "The rendered layout snapshot: one node per element with tag, id, classes, attrs (data-plugin, data-component, data-id, data-role included), rect, text, colors, font, z, overflow, position, display, visible, children. Query with a CSS selector (tag, #id, .class, [attr=value], combinators, :not, :has, :nth-child …); each match is one output — the node without its subtree, with `child_count` in place of `children` — in document order, and `meta.target_rect` is the box around every match (shown to people as the AI's eye).",
    [
      { description: "the circles of Graphist's canvas", query: "[data-plugin=graphist] [data-component=canvas] circle" },
      { description: "every rendered component of every plugin", query: "[data-component]" },
      { description: "every button", query: "button, [role=button]" },
    ],
    runCss,
  ),
  browserSurface(
    "a11y",
    "jq",
    DIRTY_2S,
    "The accessibility tree: {role, name, states, rect, children} from the root. Query with jq; `meta.target_rect` is the box around the `rect`s of the outputs.",
    [{ description: "every button's name", query: "[.. | objects | select(.role == \"button\") | .name]" }],
    runBrowserJq,
  ),
  browserSurface(
    "anomalies",
    "jq",
    DIRTY_2S,
    "Layout problems as an array of {kind: zero_area | off_screen | clipped | z_conflict | low_contrast, selector, target_rect, detail}; `selector` works in pe.view and pe.screenshot. Query with jq; `meta.target_rect` is the box around the outputs' `target_rect`s.",
    [{ description: "low-contrast text", query: "map(select(.kind == \"low_contrast\"))" }],
    runBrowserJq,
  ),
  browserSurface(
    "components",
    "jq",
    DIRTY_2S,
    "Per rendered SDUI component: {plugin, component, id, status: ok | error, error, frame_count, summary}. Query with jq.",
    [{ description: "components that failed to render", query: "map(select(.status == \"error\"))" }],
    runBrowserJq,
  ),
  browserSurface(
    "screenshot",
    "css",
    { kind: "lazy" },
    `A PNG of what a person sees. The query is \`selector:<css>\` (the box of the first matching element with an area; \`no_match\` when none) or \`rect:x,y,w,h\` (page pixels, each side at most ${MAX_SCREENSHOT_SIDE}). The one output is {png_base64, width, height, rect}; \`meta.target_rect\` is \`rect\`. Screenshots over ${SCREENSHOT_BYTES} bytes are refused (payload_too_large): capture a smaller box.`,
    [
      { description: "Graphist's canvas", query: "selector:[data-plugin=graphist] [data-component=canvas]" },
      { description: "the top-left corner of the page", query: "rect:0,0,400,300" },
    ],
    runScreenshot,
    { soft_budget_bytes: SCREENSHOT_BYTES, hard_budget_bytes: SCREENSHOT_BYTES },
  ),
];
