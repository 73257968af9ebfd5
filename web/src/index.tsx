import { render } from "solid-js/web";
import "./styles.css";
import "./ui.css";
import "./layout.css";
import "./pages.css";
import { App } from "./app";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
render(() => <App />, root);
