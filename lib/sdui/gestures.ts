/** Every `event.*` variable a gesture may provide, with its type. */
export const EVENT_VARIABLES = {
  x: { type: "number", description: "pointer x in scene (viewBox) coordinates" },
  y: { type: "number", description: "pointer y in scene (viewBox) coordinates" },
  target_id: { type: "string|null", description: "id of the element under the pointer; null on the background" },
  target_type: { type: "string", description: 'element kind ("circle", "rect", ...) or "background"' },
  target_data: { type: "object|null", description: "the target element's data field" },
  button: { type: "number", description: "mouse button: 0 main, 1 middle, 2 secondary" },
  ctrl: { type: "boolean", description: "Control held" },
  shift: { type: "boolean", description: "Shift held" },
  alt: { type: "boolean", description: "Alt/Option held" },
  meta: { type: "boolean", description: "Meta/Command held" },
  phase: { type: "string", description: '"start", "move" or "end"' },
  start_x: { type: "number", description: "x where the drag started" },
  start_y: { type: "number", description: "y where the drag started" },
  delta_x: { type: "number", description: "x movement since the previous event (drag) or scroll amount" },
  delta_y: { type: "number", description: "y movement since the previous event (drag) or scroll amount" },
  scale: { type: "number", description: "zoom factor since the pinch started (1 = unchanged)" },
  key: { type: "string", description: 'key value, e.g. "a", "Delete", "ArrowUp"' },
  code: { type: "string", description: 'physical key, e.g. "KeyA"' },
  repeat: { type: "boolean", description: "key held down and repeating" },
  combo: { type: "string", description: 'the matched combination, e.g. "ctrl+z"' },
  selected_ids: { type: "list", description: "ids selected after the change" },
  duration_ms: { type: "number", description: "how long the pointer was held" },
} as const;

export type EventVariable = keyof typeof EVENT_VARIABLES;

const POINTER = ["x", "y", "target_id", "target_type", "target_data"] as const;
const MODIFIERS = ["ctrl", "shift", "alt", "meta"] as const;

/** The gestures bindings.json can bind, what triggers each and the `event.*` variables it provides. */
export const GESTURES = {
  click: { description: "primary click or tap", variables: [...POINTER, ...MODIFIERS, "button"] },
  double_click: { description: "double click or double tap", variables: [...POINTER, ...MODIFIERS, "button"] },
  right_click: { description: "secondary click (context menu is suppressed)", variables: [...POINTER, ...MODIFIERS, "button"] },
  drag: { description: "press, move and release; bound per phase (start, move, end)", variables: [...POINTER, ...MODIFIERS, "phase", "start_x", "start_y", "delta_x", "delta_y"] },
  long_press: { description: "press held without moving (about 500 ms)", variables: [...POINTER, ...MODIFIERS, "duration_ms"] },
  hover_enter: { description: "pointer enters an element", variables: [...POINTER] },
  hover_leave: { description: "pointer leaves an element", variables: [...POINTER] },
  key_press: { description: "a key, optionally with required modifiers, while the canvas has focus", variables: ["key", "code", "repeat", ...MODIFIERS] },
  key_combo: { description: 'a combination such as "ctrl+z" or "mod+shift+d" (mod = ctrl, or meta on macOS)', variables: ["combo", "key", "code", ...MODIFIERS] },
  scroll: { description: "wheel or two-finger scroll", variables: [...POINTER, ...MODIFIERS, "delta_x", "delta_y"] },
  pinch_zoom: { description: "pinch or ctrl+wheel zoom", variables: ["x", "y", "phase", "scale"] },
  select: { description: "an element joined the selection", variables: ["target_id", "target_type", "target_data", "selected_ids", "shift"] },
  deselect: { description: "an element left the selection", variables: ["target_id", "target_type", "target_data", "selected_ids"] },
} as const satisfies Record<string, { description: string; variables: readonly EventVariable[] }>;

export type Gesture = keyof typeof GESTURES;
export const GESTURE_NAMES = Object.keys(GESTURES) as Gesture[];

/** The `event.*` variables of one gesture, with types and descriptions, for the renderer and the manual. */
export function gestureVariables(gesture: Gesture): { name: string; type: string; description: string }[] {
  return GESTURES[gesture].variables.map((v) => ({ name: `event.${v}`, ...EVENT_VARIABLES[v] }));
}
