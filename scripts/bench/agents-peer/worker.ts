/**
 * The Agents SDK peer for `npm run bench -- dispatch`: a minimal `Agent` that holds the same
 * Graphist graph (nodes, edges, derived scene) in `this.setState`, so every change reaches each
 * WebSocket client as the whole state (`{"state":…,"type":"cf_agent_state"}`), as the SDK does.
 *
 * Routed by `routeAgentRequest` at `/agents/graph-agent/<name>`:
 * - WebSocket upgrade: an SDK client connection (identity + state on connect, state on change);
 * - `POST ?op=load` with a Graphist state: replaces the state (`rev` 0);
 * - `POST ?op=move` with `{id, x, y}`: moves one node like Graphist's move_node (node, its circle
 *   and label, the lines of its edges), bumps `rev`, answers `{rev}` after `setState` returned.
 *
 * `rev` is the first key of the state, so a client can tell which change a frame carries from its
 * first bytes.
 */
import { Agent, routeAgentRequest } from "agents";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** The agent's state: a change counter first, then the Graphist state's keys. */
export interface GraphState extends Obj {
  rev: number;
}

interface Move {
  id: string;
  x: number;
  y: number;
}

export class GraphAgent extends Agent<Record<string, unknown>, GraphState> {
  override initialState: GraphState = { rev: 0 };

  override async onRequest(request: Request): Promise<Response> {
    const op = new URL(request.url).searchParams.get("op");
    if (request.method !== "POST") return Response.json({ rev: this.state.rev });
    if (op === "load") {
      const graph = (await request.json()) as Obj;
      const { rev: _ignored, ...rest } = graph;
      this.setState({ rev: 0, ...rest });
      return Response.json({ rev: 0, bytes: JSON.stringify(this.state).length });
    }
    if (op === "move") {
      const move = (await request.json()) as Move;
      const next = moveNode(this.state, move);
      if (!next) return Response.json({ error: { code: "not_found", message: `no node ${move.id}` } }, { status: 404 });
      this.setState(next);
      return Response.json({ rev: next.rev });
    }
    return Response.json({ error: { code: "not_found", message: `no op ${op ?? ""}` } }, { status: 404 });
  }
}

const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** A copy of `state` with one node moved, sharing every part the move did not change. */
function moveNode(state: GraphState, { id, x, y }: Move): GraphState | undefined {
  const nodes = list(state["nodes"]);
  const i = nodes.findIndex((n) => isObj(n) && n["id"] === id);
  const node = nodes[i];
  if (!isObj(node)) return undefined;
  const dx = x - Number(node["x"]);
  const dy = y - Number(node["y"]);
  const layers = isObj(state["scene"]) ? list(state["scene"]["elements"]) : [];
  const elements = layers.map((layer) => {
    if (!isObj(layer)) return layer;
    const children = list(layer["children"]).map((el) => (isObj(el) ? shifted(el, id, dx, dy) : el));
    return { ...layer, children };
  });
  const movedNodes = nodes.slice();
  movedNodes[i] = { ...node, x, y };
  return { ...state, rev: state.rev + 1, nodes: movedNodes, scene: { ...(isObj(state["scene"]) ? state["scene"] : {}), elements } };
}

/** A scene element after its node moved by (dx, dy): circles, labels and line ends follow. */
function shifted(el: Obj, id: string, dx: number, dy: number): Obj {
  const data = isObj(el["data"]) ? el["data"] : {};
  const add = (key: string, d: number): [string, number] => [key, Number(el[key]) + d];
  if (data["node"] === id && el["kind"] === "circle") return { ...el, ...Object.fromEntries([add("cx", dx), add("cy", dy)]) };
  if (data["node"] === id) return { ...el, ...Object.fromEntries([add("x", dx), add("y", dy)]) };
  if (data["from"] === id) return { ...el, ...Object.fromEntries([add("x1", dx), add("y1", dy)]) };
  if (data["to"] === id) return { ...el, ...Object.fromEntries([add("x2", dx), add("y2", dy)]) };
  return el;
}

export default {
  async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};
