/**
 * The plugin files a room runs from, parsed once: manifest, commands (declared and registered at
 * run time), validators for params and state.
 */
import { compileValidator, defaultsOf, type SubsetSchema } from "../../lib/plugin/json-schema";
import type { PluginManifest } from "../../lib/protocol/plugin";
import type { JsonValue } from "../../lib/protocol/events";

export type Problems = { path: string; message: string }[];
export type Validate = (value: unknown) => Problems;

export interface CommandSpec {
  handler: string;
  /** The file the handler is defined in: `handlers.star`, or `commands/<name>.star` when registered at run time. */
  file: string;
  description: string;
  validateParams: Validate;
  params: JsonValue;
}

export interface RoomFiles {
  files: Record<string, string>;
  manifest: PluginManifest;
  commands: Map<string, CommandSpec>;
  validateState: Validate;
  initialState: JsonValue;
}

/** Registered commands live in the manifest under this key (name → spec), next to their own file. */
export interface RegisteredCommand {
  handler: string;
  description: string;
  params: JsonValue;
}

export function parseRoomFiles(files: Record<string, string>): RoomFiles {
  const manifest = JSON.parse(files["plugin.json"]!) as PluginManifest;
  const commands = new Map<string, CommandSpec>();
  for (const [name, spec] of Object.entries(manifest.commands ?? {})) {
    const registered = files[`commands/${name}.star`] !== undefined;
    commands.set(name, {
      handler: spec.handler,
      file: registered ? `commands/${name}.star` : "handlers.star",
      description: spec.description ?? "",
      params: (spec.params ?? { type: "object" }) as JsonValue,
      validateParams: compileValidator((spec.params ?? { type: "object" }) as SubsetSchema),
    });
  }
  const stateSchema = (manifest.state?.schema ?? { type: "object" }) as SubsetSchema;
  return { files, manifest, commands, validateState: compileValidator(stateSchema), initialState: defaultsOf(stateSchema) };
}
