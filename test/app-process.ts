/**
 * One Ballast app process for multi-process tests: the real route handlers
 * (/api/chat, /api/budget) behind a plain node:http server, on the database
 * the environment names, exactly as `next start` would run them. Prints
 * `{"port": N}` when listening.
 *
 *   node --conditions=react-server --import tsx test/app-process.ts
 */
import { createServer, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { GET as budget } from "@/app/api/budget/route";
import { POST as chat } from "@/app/api/chat/route";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "POST /api/chat": chat,
  "GET /api/budget": budget,
};

function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://127.0.0.1${incoming.url ?? "/"}`, {
    method: incoming.method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

const server = createServer(async (incoming, outgoing) => {
  const path = (incoming.url ?? "/").split("?")[0];
  const handler = routes[`${incoming.method} ${path}`];
  if (!handler) {
    outgoing.writeHead(404).end();
    return;
  }
  const response = await handler(toRequest(incoming));
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) {
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) outgoing.write(part.value);
  }
  outgoing.end();
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
