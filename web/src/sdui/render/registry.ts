import type { Component } from "solid-js";
import type { ComponentType } from "../../../../lib/sdui/index.ts";
import { Canvas } from "../canvas/canvas";
import { Table } from "../components/table";
import { KeyValue, List, TreeView } from "../components/data";
import { Badge, CodeBlock, Heading, IconComp, Image, ProgressBar, Spinner, Text } from "../components/display";
import { Alert, Modal, Popover, Toast, Tooltip } from "../components/feedback";
import { Button, Checkbox, ColorPicker, DatePicker, NumberInput, Select, Slider, TextInput, Toggle } from "../components/input";
import { Accordion, Column, Divider, Grid, Row, SplitPane, Spacer, Stack, Tabs } from "../components/layout";
import { Markdown } from "../components/markdown";
import type { CompProps } from "./context";

/** The renderer of each of the 37 component types (looked up lazily: modules import each other). */
export function componentFor(type: ComponentType): Component<CompProps> {
  const table: Record<ComponentType, Component<CompProps>> = {
    column: Column, row: Row, grid: Grid, stack: Stack, spacer: Spacer, divider: Divider, tabs: Tabs, accordion: Accordion, "split-pane": SplitPane,
    text: Text, heading: Heading, badge: Badge, icon: IconComp, image: Image, "code-block": CodeBlock, markdown: Markdown, "progress-bar": ProgressBar, spinner: Spinner,
    button: Button, "text-input": TextInput, "number-input": NumberInput, checkbox: Checkbox, toggle: Toggle, select: Select, slider: Slider, "color-picker": ColorPicker, "date-picker": DatePicker,
    list: List, table: Table, "tree-view": TreeView, "key-value": KeyValue,
    canvas: Canvas,
    alert: Alert, toast: Toast, modal: Modal, tooltip: Tooltip, popover: Popover,
  };
  return table[type];
}
