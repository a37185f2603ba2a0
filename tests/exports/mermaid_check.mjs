// Parse Mermaid files with Mermaid's own parser and print what it understood, as JSON:
// [{file, ok, error?, vertices: [{id, text, classes}], edges: [{start, end, type, text}]}].
// Usage: node mermaid_check.mjs NODE_MODULES_DIR FILE...
// Mermaid needs a DOM even to parse, so jsdom stands in for the browser.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(join(modules, "noop.js"));
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const entry = join(modules, "mermaid", "dist", "mermaid.core.mjs");
const { default: mermaid } = await import(pathToFileURL(entry).href);
mermaid.initialize({ startOnLoad: false });

const results = [];
for (const file of files) {
  const text = readFileSync(file, "utf8");
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    results.push({
      file,
      ok: true,
      type: diagram.type,
      title: db.getDiagramTitle ? db.getDiagramTitle() : null,
      vertices: [...db.getVertices().values()].map((v) => ({
        id: v.id,
        text: v.text,
        classes: v.classes,
      })),
      edges: db.getEdges().map((e) => ({
        start: e.start,
        end: e.end,
        type: e.type,
        text: e.text,
        style: e.style,
      })),
    });
  } catch (error) {
    results.push({ file, ok: false, error: String((error && error.message) || error) });
  }
}
process.stdout.write(JSON.stringify(results));
