/**
 * The plugin package: whole-package validation, the JSON Schema subset, handler loading and
 * running. Schemas for plugin.json and CommandResult live in lib/protocol/plugin.ts.
 *
 * @example
 * ```ts
 * const checked = validatePlugin(files);
 * if (!checked.ok) throw new AppError(400, "invalid_plugin", "the package has problems", checked.problems);
 * const handlers = loadHandlers(files["handlers.star"]);
 * if (handlers.ok) runHandler(handlers.globals, "add_node", { state, params, ctx }, checked.plugin.budgets, { now: Date.now });
 * ```
 */
export type { JsonType, JsonValue, PathSegments, Problem, SubsetSchema } from "./json-schema.ts";
export { checkSubset, checkSubsetAt, compileValidator, defaultsOf, isJsonValue, JSON_TYPES, MAX_SCHEMA_DEPTH, SUBSET_KEYWORDS } from "./json-schema.ts";
export type { LoadedPlugin, PackageProblem, PluginFileName, PluginFiles, PluginValidation } from "./package.ts";
export { MAX_PLUGIN_FILE_BYTES, PLUGIN_FILE_NAMES, validatePlugin } from "./package.ts";
export type { HandlerProblem, LoadedHandlers } from "./handlers-check.ts";
export { checkHandlers, HANDLERS_FILE, LOAD_BUDGETS, loadHandlers } from "./handlers-check.ts";
export { HANDLER_PARAMS, HANDLER_PREDECLARED_NAMES, handlerPredeclared, makeMathModule } from "./handler-env.ts";
export type { HandlerFailureCode, HandlerInput, HandlerOutcome, RunHandlerOptions } from "./run-handler.ts";
export { runHandler } from "./run-handler.ts";
export { stateRefProblems } from "./state-refs.ts";
export type { StyleProblem } from "./styles-check.ts";
export { checkStyles } from "./styles-check.ts";
