import { z } from "zod";

// An empty variable (`GEMINI_API_KEY=` in a .env file) means "not set", not "set to nothing".
const optionalString = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().optional(),
);

const intInRange = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

const flag = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toLowerCase() : value),
  z.enum(["true", "false", "1", "0", ""]).optional().transform((value) => value === "true" || value === "1"),
);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Unset: every request is logged, except under the test runner (warnings and errors only).
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent" }).optional(),
  ),
  DATABASE_URL: optionalString.refine(
    (url) => url === undefined || /^(postgres(ql)?:\/\/|file:|memory:)/.test(url),
    "DATABASE_URL must start with postgres://, postgresql://, file: or memory:",
  ),
  MAX_UPLOAD_MB: intInRange(1, 1024, 50),
  // Uploads imported at once by one instance; up to MAX_QUEUED_IMPORTS more wait their turn (the rest get 503).
  MAX_CONCURRENT_IMPORTS: intInRange(1, 64, 2),
  MAX_QUEUED_IMPORTS: intInRange(0, 1_000, 4),
  GEMINI_API_KEY: optionalString,
  GEMINI_MODEL: optionalString.default("gemini-3.8-flash"),
  GEMINI_BASE_URL: optionalString.pipe(z.url().optional()),
  GEMINI_BATCH_SIZE: intInRange(1, 100, 10),
  GEMINI_MAX_CONCURRENCY: intInRange(1, 64, 16),
  GEMINI_MAX_ATTEMPTS: intInRange(1, 10, 5),
  GEMINI_TIMEOUT_MS: intInRange(1_000, 600_000, 60_000),
  GEMINI_RETRY_BASE_MS: intInRange(1, 60_000, 1_000),
  GEMINI_THINKING_LEVEL: optionalString.pipe(z.enum(["minimal", "low", "medium", "high"]).default("low")),
  // Runs of more leads than this go through Gemini's Batch API (half price, up to 24 h) unless the request says `mode`.
  GEMINI_BATCH_MODE_THRESHOLD: intInRange(1, 100_000_000, 2_000),
  GEMINI_BATCH_POLL_SECONDS: intInRange(1, 3_600, 30),
  // Leads sent to Gemini per workspace per UTC day; unset = no limit.
  AI_DAILY_LEAD_LIMIT: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number({ error: "AI_DAILY_LEAD_LIMIT must be a whole number" }).int().min(0).optional(),
  ),

  // The background worker that carries scoring runs. "false" on instances that should only serve requests.
  RUN_WORKER: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["true", "false", "1", "0"], { error: "RUN_WORKER must be true or false" }).default("true").transform((value) => value === "true" || value === "1"),
  ),
  // How often an idle instance looks for runs to pick up (queued elsewhere, or left by an instance that died).
  RUN_POLL_MS: intInRange(100, 60_000, 2_000),
  // Runs one instance works on at once; their Gemini calls share one adaptive limit.
  RUN_MAX_ACTIVE: intInRange(1, 64, 4),
  // A lead claimed by an instance that stopped heartbeating is free again after this long.
  RUN_CLAIM_TTL_SECONDS: intInRange(3, 600, 30),
  // Set by Vercel: no long-lived process, so runs progress in `after()` slices and the cron route.
  VERCEL: flag,
  // How long one serverless slice works on runs; below the functions' maxDuration (300 s).
  RUN_SLICE_SECONDS: intInRange(10, 900, 270),
  // Vercel Cron sends it as a Bearer token to /cron/runs/.
  CRON_SECRET: optionalString.pipe(z.string().min(16, "CRON_SECRET must be at least 16 characters").optional()),

  BETTER_AUTH_SECRET: optionalString.pipe(z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional()),
  BETTER_AUTH_URL: optionalString.pipe(z.url().optional()),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  ALLOW_SIGNUP: flag,
  INTENTSCORE_INIT_USER_EMAIL: optionalString.pipe(z.email().optional()),
  INTENTSCORE_INIT_USER_PASSWORD: optionalString.pipe(z.string().min(8, "INTENTSCORE_INIT_USER_PASSWORD must be at least 8 characters").optional()),
  INTENTSCORE_INIT_WORKSPACE_NAME: optionalString.default("Default workspace"),
  INTENTSCORE_INIT_API_KEY: optionalString.pipe(
    z.string().regex(/^[A-Za-z0-9_-]{32,}$/, "INTENTSCORE_INIT_API_KEY must be 32 or more URL-safe characters (A-Z, a-z, 0-9, _ and -)").optional(),
  ),
  API_RATE_LIMIT_PER_MINUTE: intInRange(1, 1_000_000, 600),
  AUTH_RATE_LIMIT_PER_MINUTE: intInRange(1, 10_000, 10),
  // Lets webhooks go to http:// and to private addresses (127.0.0.1, 10.x…): for tests and closed networks only.
  WEBHOOK_ALLOW_PRIVATE: flag,
});

export type Env = z.infer<typeof envSchema> & { LOG_LEVEL: NonNullable<z.infer<typeof envSchema>["LOG_LEVEL"]> };

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return { ...parsed.data, LOG_LEVEL: parsed.data.LOG_LEVEL ?? (parsed.data.NODE_ENV === "test" ? "warn" : "info") };
}

export const env: Env = loadEnv();
