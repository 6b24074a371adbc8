import http from "node:http";

/** When one streamed answer reached the client, in performance.now() milliseconds. */
export type StreamTiming = {
  status: number;
  /** First SSE event carrying model output, or null when none came. */
  firstContentAt: number | null;
  endAt: number;
  /** Set when the request failed: a transport error, a non-200 status, or an error event in the stream. */
  error: string | null;
};

/**
 * POSTs a JSON body and reads the UI message stream (SSE) as it arrives,
 * noting when the first event that `isContent` accepts came in. Events are
 * matched as text, not parsed, so the load generator stays cheap next to the
 * server it measures.
 */
export function postStream({
  agent,
  url,
  headers,
  body,
  isContent,
  timeoutMs = 30_000,
}: {
  agent: http.Agent;
  url: URL;
  headers: Record<string, string>;
  body: string;
  isContent: (event: string) => boolean;
  timeoutMs?: number;
}): Promise<StreamTiming> {
  return new Promise((resolve) => {
    let firstContentAt: number | null = null;
    let error: string | null = null;
    let status = 0;
    let pending = "";
    let done = false;
    const finish = (failure: string | null) => {
      if (done) return;
      done = true;
      resolve({ status, firstContentAt, endAt: performance.now(), error: error ?? failure });
    };
    const request = http.request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: timeoutMs },
      (response) => {
        status = response.statusCode ?? 0;
        if (status !== 200) error = `HTTP ${status}`;
        response.setEncoding("utf8");
        response.on("data", (text: string) => {
          pending += text;
          let boundary = pending.indexOf("\n\n");
          while (boundary !== -1) {
            const event = pending.slice(0, boundary);
            pending = pending.slice(boundary + 2);
            if (firstContentAt === null && isContent(event)) firstContentAt = performance.now();
            if (error === null && event.includes('"type":"error"')) error = `stream error: ${event.slice(0, 200)}`;
            boundary = pending.indexOf("\n\n");
          }
        });
        response.on("end", () => finish(null));
        response.on("error", (cause) => finish(cause.message));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", (cause) => finish(cause.message));
    request.end(body);
  });
}
