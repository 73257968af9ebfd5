/**
 * First-party plugins, bundled at build time. `.star` and `.css` files are imported as text
 * (wrangler rule Text); JSON imports give objects, so they are stored re-serialized.
 * Check them with validatePlugin (lib/plugin/package.ts) before use; lib/plugin/first-party.test.ts
 * does so for every folder here.
 */
import type { PluginFiles } from "../lib/plugin/package.ts";
import graphistBindings from "./graphist/bindings.json";
import graphistHandlers from "./graphist/handlers.star";
import graphistManifest from "./graphist/plugin.json";
import graphistStyles from "./graphist/styles.css";
import graphistUi from "./graphist/ui.json";
import peBindings from "./pe/bindings.json";
import peHandlers from "./pe/handlers.star";
import peManifest from "./pe/plugin.json";
import peStyles from "./pe/styles.css";
import peUi from "./pe/ui.json";

const pack = (manifest: unknown, handlers: string, ui: unknown, bindings: unknown, styles: string): PluginFiles => ({
  "plugin.json": JSON.stringify(manifest, null, 2),
  "handlers.star": handlers,
  "ui.json": JSON.stringify(ui, null, 2),
  "bindings.json": JSON.stringify(bindings, null, 2),
  "styles.css": styles,
});

/** Plugin name → package files. */
export const FIRST_PARTY: Readonly<Record<string, PluginFiles>> = Object.freeze({
  graphist: pack(graphistManifest, graphistHandlers, graphistUi, graphistBindings, graphistStyles),
  pe: pack(peManifest, peHandlers, peUi, peBindings, peStyles),
});
