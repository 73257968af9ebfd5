/**
 * Server-driven UI for FrameOS: the fixed component vocabulary (37 types with zod props
 * schemas), ui.json validation, the canvas scene graph, bindings.json gestures, and the
 * `${...}` expression language (own lexer, parser and budgeted evaluator; no eval).
 *
 * Pure TypeScript: runs in Workers, Durable Objects, the browser and Node.
 *
 * @example
 * ```ts
 * import { validateUiTree, resolveProps, deferredProps } from "../lib/sdui/index.ts";
 * const r = validateUiTree(JSON.parse(uiJson));
 * if (!r.ok) throw new AppError(400, "invalid_ui", "ui.json is invalid", r.problems);
 * // renderer, per node:
 * const { props, errors } = resolveProps(node.props, { state }, { skip: deferredProps(node.type) });
 * ```
 */

// Vocabulary
export type { Category as ComponentCategoryName, ChildRule, ComponentSpec } from "./component.ts";
export type { ComponentCategory, ComponentType } from "./components.ts";
/** `COMPONENT_CATEGORIES` groups the 37 types by category; `COMPONENT_TYPES` lists them flat. */
export { COMPONENT_CATEGORIES, COMPONENT_TYPES, COMPONENTS, deferredProps, isComponentType, propsSchemas } from "./components.ts";
export type { Animate, UiNode } from "./node.ts";
export { AnimateSchema, DIRECTIONS, EASINGS, ENTER_EFFECTS, EXIT_EFFECTS, TRANSITION_PROPERTIES } from "./node.ts";
export type { Problem } from "./problems.ts";
export type { ValidationResult } from "./validate-tree.ts";
export { MAX_TREE_DEPTH, MAX_TREE_NODES, UiTreeSchema, validateUiTree } from "./validate-tree.ts";
export type { ComponentDescription, PropDescription, VocabularyDescription } from "./describe.ts";
export { describeVocabulary } from "./describe.ts";

// Canvas and gestures
export type { Point, Scene, SceneAnimate, SceneElement, SceneKind, SceneTransitionProperty } from "./scene.ts";
export { SCENE_KINDS, SCENE_TRANSITION_PROPERTIES, SceneAnimateSchema, SceneElementSchema, SceneSchema } from "./scene.ts";
export type { EventVariable, Gesture } from "./gestures.ts";
export { EVENT_VARIABLES, GESTURE_NAMES, GESTURES, gestureVariables } from "./gestures.ts";
export type { Binding, Bindings, BindingsResult } from "./bindings.ts";
export { BindingSchema, BindingsSchema, ComboBindingSchema, KeyBindingSchema, matchTarget, TARGET_SELECTOR, validateBindings } from "./bindings.ts";

// Expressions
export type { Expression, Node as ExpressionNode, ScopeRoot } from "./ast.ts";
export { SCOPE_ROOTS } from "./ast.ts";
export type { ExpressionErrorCode, Span } from "./errors.ts";
export { ExpressionError } from "./errors.ts";
export type { ParseResult } from "./parser.ts";
export { MAX_DEPTH as MAX_EXPRESSION_DEPTH, parseExpression } from "./parser.ts";
export { MAX_EXPRESSION_LENGTH } from "./lexer.ts";
export type { EvalOptions, EvalResult, Scope } from "./evaluator.ts";
export { DEFAULT_BUDGET, evaluate } from "./evaluator.ts";
export type { CompileResult, Template, TemplatePart } from "./template.ts";
export { compileTemplate, hasExpression, isPureExpression, MAX_TEMPLATE_LENGTH } from "./template.ts";
export type { ResolvedProps, ResolveOptions } from "./resolve-props.ts";
export { resolveProps } from "./resolve-props.ts";
export type { RootUse } from "./analyze.ts";
export { rootsUsed } from "./analyze.ts";
export type { FunctionSpec } from "./functions.ts";
export { FUNCTION_NAMES, FUNCTIONS } from "./functions.ts";
export type { JsonValue } from "./values.ts";
