import { gzipSync } from "node:zlib";

export type PackageShare = { origin: string; bytes: number };

/** Packages that only ever arrive together, named by what brought them. */
const FAMILIES: Array<[RegExp, string]> = [
  [/^(react-markdown|remark-|rehype-|micromark|mdast-|hast-|hastscript|unist-|unified|vfile|property-information|space-separated-tokens|comma-separated-tokens|decode-named-character-reference|character-|ccount|devlop|bail|trough|is-plain-obj|zwitch|longest-streak|markdown-table|estree-util-|html-url-attributes|trim-lines|style-to-|inline-style-parser|web-namespaces|extend|escape-string-regexp|@ungap\/|is-|parse-entities|stringify-entities)/, "Markdown rendering (react-markdown, remark-gfm and their unified/micromark stack)"],
  [/^(ai|@ai-sdk\/.+|eventsource-parser|@standard-schema\/.+|swr|throttleit|use-sync-external-store|dequal)$/, "AI SDK client (ai, @ai-sdk/react, provider-utils)"],
  [/^(better-auth|@better-auth\/.+|@better-fetch\/.+|better-call|nanostores|@nanostores\/.+|jose|defu|uncrypto|rou3)$/, "better-auth client"],
  [/^zod$/, "zod (used by the AI SDK client to validate stream chunks, and by the app's schemas)"],
];

function familyOf(origin: string): string {
  return FAMILIES.find(([pattern]) => pattern.test(origin))?.[1] ?? origin;
}

/**
 * Which packages a page's client components pull into the browser: the client
 * modules are bundled again with esbuild (minified, browser conditions, React
 * and Next left out as the shared runtime already counted) and the output
 * bytes are charged to the package or app directory they came from. An
 * approximation of Turbopack's chunks, good for naming what is heavy.
 * esbuild comes with tsx; without it the breakdown is skipped.
 */
export async function clientBreakdown(entries: readonly string[]): Promise<{ packages: PackageShare[]; minified: number; gzip: number } | null> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  const result = await esbuild.build({
    // Namespace re-exports keep every export alive, as the page's references do (a bare import would be tree-shaken away).
    stdin: {
      contents: [...entries.map((entry, index) => `import * as m${index} from ${JSON.stringify(`./${entry}`)};`), `export { ${entries.map((_, index) => `m${index}`).join(", ")} };`].join("\n"),
      resolveDir: process.cwd(),
      loader: "ts",
    },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    jsx: "automatic",
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    external: ["react", "react/*", "react-dom", "react-dom/*", "next", "next/*"],
    loader: { ".css": "empty", ".svg": "empty" },
  });
  const output = Object.values(result.metafile.outputs)[0];
  if (!output) return null;
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const at = input.lastIndexOf("node_modules/");
    let origin = input.split("/").slice(0, 2).join("/");
    if (at !== -1) {
      const [scope, name] = input.slice(at + "node_modules/".length).split("/");
      origin = scope?.startsWith("@") ? `${scope}/${name}` : (scope ?? input);
    }
    const family = familyOf(origin);
    totals.set(family, (totals.get(family) ?? 0) + bytesInOutput);
  }
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    packages: [...totals].map(([origin, bytes]) => ({ origin, bytes })).sort((a, b) => b.bytes - a.bytes),
    minified: code.length,
    gzip: gzipSync(code).length,
  };
}
