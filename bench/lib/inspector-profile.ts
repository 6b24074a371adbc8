import { writeFileSync } from "node:fs";

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * Samples another Node process's CPU through its inspector (started with
 * --inspect=127.0.0.1:<port>), only between start() and stop(), so a profile
 * covers the measured load and not the server's boot.
 */
export async function connectProfiler(inspectPort: number): Promise<{ start: () => Promise<void>; stop: (file: string) => Promise<void>; close: () => void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectPort}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  socket.addEventListener("message", (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  await call("Profiler.enable");
  // 1 ms sampling (the default) is plenty for where the time goes.
  await call("Profiler.setSamplingInterval", { interval: 1000 });
  return {
    start: async () => {
      await call("Profiler.start");
    },
    stop: async (file) => {
      const { profile } = (await call("Profiler.stop")) as { profile: object };
      writeFileSync(file, JSON.stringify(profile));
    },
    close: () => socket.close(),
  };
}
