/**
 * One Ballast app process for multi-process tests and soaks: every route
 * handler under app/api (found on disk, so a new route is served without
 * touching this file) behind a plain node:http server, on the database the
 * environment names, as `next start` would run them: dynamic segments become
 * `params`, a client that goes away aborts `request.signal`, the socket
 * address is appended to X-Forwarded-For. Prints `{"port": N}` when listening.
 *
 *   node --conditions=react-server --import tsx test/app-process.ts
 *
 * Harness-only endpoints (never part of the app), for tests that watch the
 * process from outside:
 *   GET /__harness/memory  heap and RSS after a full GC (start node with --expose-gc)
 *   GET /__harness/audit   the budget ledger audit (lib/budget/audit.ts) of this process's database
 */
import { readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getDb } from "@/db/client";
import { auditLedger } from "@/lib/budget/audit";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Handler = (request: Request, context: RouteContext) => Promise<Response>;
type Route = { file: string; pattern: RegExp; names: string[]; catchAll: Set<string>; methods: Map<string, Handler>; dynamicSegments: number };

/**
 * Next bundles route handlers with `next/navigation` resolved to its server
 * build; plain Node would load the client one (which needs React's client
 * API). Modules shared by pages and routes import it, so resolve it as Next does.
 */
const resolveAsNextServer = `export async function resolve(specifier, context, next) {
  return next(specifier === "next/navigation" ? "next/dist/client/components/navigation.react-server.js" : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(resolveAsNextServer)}`, import.meta.url);

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const apiDir = path.join(process.cwd(), "app", "api");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

/** app/api/chats/[id]/route.ts → /^\/api\/chats\/([^/]+)$/ with the name "id"; [...all] takes the rest of the path. */
async function loadRoute(file: string): Promise<Route> {
  const segments = path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep);
  const names: string[] = [];
  const catchAll = new Set<string>();
  const parts = segments.map((segment) => {
    const dynamic = /^\[(\.\.\.)?(\w+)\]$/.exec(segment);
    if (!dynamic) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    names.push(dynamic[2]!);
    if (dynamic[1]) {
      catchAll.add(dynamic[2]!);
      return "(.+)";
    }
    return "([^/]+)";
  });
  const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const methods = new Map<string, Handler>();
  for (const method of METHODS) {
    const handler = exports[method];
    if (typeof handler === "function") methods.set(method, handler as Handler);
  }
  return { file, pattern: new RegExp(`^/${parts.join("/")}$`), names, catchAll, methods, dynamicSegments: names.length + catchAll.size * 10 };
}

// Static paths win over dynamic ones, catch-alls come last (Next's order of precedence).
const routes = (await Promise.all(routeFiles(apiDir).map(loadRoute))).sort((a, b) => a.dynamicSegments - b.dynamicSegments);

function toRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  // As Next's server does: the socket address goes last, where the rate limiter reads it.
  const address = incoming.socket.remoteAddress;
  if (address) headers.set("x-forwarded-for", [headers.get("x-forwarded-for"), address].filter(Boolean).join(", "));
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://127.0.0.1${incoming.url ?? "/"}`, {
    method: incoming.method,
    headers,
    signal,
    body: hasBody ? bodyStream(incoming) : undefined,
    duplex: "half",
  } as RequestInit);
}

/**
 * The request body as a web stream. Not Readable.toWeb: when a handler stops
 * reading early (a 413 for an oversized body), Node's adapter keeps enqueuing
 * into the cancelled stream and throws "Controller is already closed" out of
 * an event handler, killing the process. Here a cancelled body is drained and
 * dropped, as Next's server does.
 */
function bodyStream(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.on("data", (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.on("end", () => {
        if (!cancelled) controller.close();
      });
      incoming.on("error", (error) => {
        if (!cancelled) controller.error(error);
      });
      incoming.pause();
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      cancelled = true;
      incoming.resume();
    },
  });
}

async function harness(pathname: string, outgoing: ServerResponse): Promise<void> {
  const send = (value: object) => {
    outgoing.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
  };
  if (pathname === "/__harness/memory") {
    const collect = (globalThis as { gc?: () => void }).gc;
    if (collect) for (let i = 0; i < 3; i++) collect();
    const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage();
    return send({ gcExposed: Boolean(collect), heapUsed, heapTotal, rss, external, arrayBuffers });
  }
  if (pathname === "/__harness/audit") {
    const audit = await auditLedger({ db: await getDb() });
    return send({ mismatches: audit.mismatches.length, reservations: audit.reservations, events: audit.events, perScope: audit.perScope });
  }
  outgoing.writeHead(404).end();
}

async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const pathname = new URL(incoming.url ?? "/", "http://127.0.0.1").pathname;
  if (pathname.startsWith("/__harness/")) return harness(pathname, outgoing);
  const route = routes.find((candidate) => candidate.pattern.test(pathname));
  if (!route) {
    outgoing.writeHead(404).end();
    return;
  }
  const handler = route.methods.get(incoming.method ?? "GET");
  if (!handler) {
    outgoing.writeHead(405, { allow: [...route.methods.keys()].join(", ") }).end();
    return;
  }
  const values = route.pattern.exec(pathname)!.slice(1);
  const params: Record<string, string | string[]> = {};
  try {
    route.names.forEach((name, index) => {
      const raw = values[index] ?? "";
      params[name] = route.catchAll.has(name) ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
    });
  } catch {
    // Next answers a path segment that is not valid percent-encoding before any handler runs.
    outgoing.writeHead(400, { "content-type": "text/plain" }).end("Bad Request");
    return;
  }

  const aborted = new AbortController();
  outgoing.on("close", () => {
    if (!outgoing.writableFinished) aborted.abort();
  });
  const response = await handler(toRequest(incoming, aborted.signal), { params: Promise.resolve(params) });
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  outgoing.writeHead(response.status, headers);
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read()) outgoing.write(part.value);
    } catch {
      // The client went away mid-stream; the handler saw the abort.
    }
  }
  outgoing.end();
}

const server = createServer((incoming, outgoing) => {
  serve(incoming, outgoing).catch((error: unknown) => {
    // What Next does with a handler that throws: a 500 that is not the app's JSON contract (soaks look for it).
    console.error(`[app-process] unhandled error for ${incoming.method} ${incoming.url}`, error);
    if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
    else outgoing.destroy();
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  // Keep-alive sockets would otherwise hold close() open.
  server.closeAllConnections();
});
