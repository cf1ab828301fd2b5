import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (file: string) => readFileSync(path.join(process.cwd(), file), "utf8");

type Service = {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval: string; retries: number };
  ports?: string[];
};

// No container engine here: the files' structure is what can be checked.
describe("docker-compose.yml", () => {
  const compose = parse(read("docker-compose.yml")) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const { app, db } = compose.services;

  it("runs the app built from the Dockerfile and PostgreSQL on a named volume", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db"]);
    expect(app!.build).toBe(".");
    expect(db!.image).toMatch(/^postgres:\d+/);
    const [volume, mountPath] = db!.volumes![0]!.split(":");
    expect(mountPath).toBe("/var/lib/postgresql/data");
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it("health-checks both, and starts the app only once the database is healthy", () => {
    expect(db!.healthcheck!.test.join(" ")).toContain("pg_isready");
    expect(app!.healthcheck!.test.join(" ")).toContain("/healthz");
    expect(app!.depends_on).toEqual({ db: { condition: "service_healthy" } });
  });

  it("gives the app the database, the session secret and URL, headless initialization and Gemini, all names lib/env.ts reads", () => {
    const env = app!.environment!;
    const user = db!.environment as Record<string, string>;
    expect(env.DATABASE_URL).toMatch(new RegExp(`^postgres://${user.POSTGRES_USER}:.+@db:5432/${user.POSTGRES_DB}$`));
    expect(env.BETTER_AUTH_SECRET).toMatch(/^\$\{BETTER_AUTH_SECRET:\?/);
    for (const name of ["BETTER_AUTH_URL", "INTENTSCORE_INIT_USER_EMAIL", "INTENTSCORE_INIT_USER_PASSWORD", "INTENTSCORE_INIT_API_KEY", "GEMINI_API_KEY"]) {
      expect(env, name).toHaveProperty(name);
    }
    const known = read("lib/env.ts");
    for (const name of Object.keys(env)) expect(known, name).toMatch(new RegExp(`^\\s+${name}:`, "m"));
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const runner = dockerfile.slice(dockerfile.lastIndexOf("FROM "));

  it("runs the standalone build as a non-root user, with a health check on /healthz", () => {
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(runner).toMatch(/COPY --from=build \S+ \/app\/\.next\/standalone \.\//);
    expect(runner).toMatch(/^USER (?!root)\w+/m);
    expect(runner).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(runner).toMatch(/CMD \["node", "server\.js"\]/);
  });

  it("builds with the Node version package.json asks for", () => {
    const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
    const major = Number(/(\d+)/.exec(engines)![1]);
    for (const [, version] of dockerfile.matchAll(/^FROM node:(\d+)/gm)) expect(Number(version)).toBeGreaterThanOrEqual(major);
  });
});
