import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en")} rows/s`;

export type BenchServer = { url: string; workspaceId: string; rss(): Promise<{ rss: number; peak: number; stallMs: number }>; close(): Promise<void> };

/** Starts scripts/bench/server.ts in a child process on the given database. */
export async function startServer(env: Record<string, string>): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/bench/server.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { port, workspaceId } = JSON.parse(line) as { port: number; workspaceId: string };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    workspaceId,
    rss: async () => (await (await fetch(`${url}/__bench/rss`)).json()) as { rss: number; peak: number; stallMs: number },
    close: async () => {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

const BIO = "Revenue leader scaling outbound sales teams across EMEA, focused on pipeline automation and SaaS growth; ".repeat(2);

/** A leads CSV of `rows` rows (~250 bytes each; the bio's commas quoted) written to `path`. */
export async function writeLeadsCsv(path: string, rows: number, prefix = "Lead"): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  await write("name,role,company,industry,location,linkedin_bio\n");
  for (let i = 0; i < rows; i += 1_000) {
    let chunk = "";
    for (let j = i; j < Math.min(rows, i + 1_000); j++) chunk += `${prefix} ${j},VP of Sales,Company ${j},SaaS,"Berlin, DE","${BIO}"\n`;
    await write(chunk);
  }
  out.end();
  await once(out, "finish");
  return bytes;
}

/** Posts a file as a streamed multipart upload. */
export async function uploadFile(url: string, path: string, name = "leads.csv"): Promise<Response> {
  const { openAsBlob } = await import("node:fs");
  const form = new FormData();
  form.append("csv_file", await openAsBlob(path, { type: "text/csv" }), name);
  return fetch(`${url}/leads/upload/`, { method: "POST", body: form });
}

/**
 * Pings /healthz every `everyMs` until stopped; the stop answers the p99 latency, the maximum and
 * the count. Every 25 ms, so that a load of a few seconds gives the 100-odd pings a 99th percentile
 * needs (of fewer, the p99 is the maximum).
 */
export function pingHealth(url: string, everyMs = 25): () => Promise<{ p99: number; max: number; count: number }> {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/healthz`).then((response) => response.arrayBuffer()).catch(() => {});
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { p99: percentile(latencies, 0.99), max: Math.max(...latencies), count: latencies.length };
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}
