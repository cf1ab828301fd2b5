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

const envSchema = z.object({
  DATABASE_URL: optionalString.refine(
    (url) => url === undefined || /^(postgres(ql)?:\/\/|file:|memory:)/.test(url),
    "DATABASE_URL must start with postgres://, postgresql://, file: or memory:",
  ),
  MAX_UPLOAD_MB: intInRange(1, 1024, 50),
  GEMINI_API_KEY: optionalString,
  GEMINI_MODEL: optionalString.default("gemini-3.6-flash"),
  GEMINI_BASE_URL: optionalString.pipe(z.url().optional()),
  GEMINI_BATCH_SIZE: intInRange(1, 100, 10),
  GEMINI_CONCURRENCY: intInRange(1, 64, 4),
  GEMINI_MAX_ATTEMPTS: intInRange(1, 10, 5),
  GEMINI_TIMEOUT_MS: intInRange(1_000, 600_000, 60_000),
  GEMINI_RETRY_BASE_MS: intInRange(1, 60_000, 1_000),
});

export type Env = z.infer<typeof envSchema>;

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env: Env = loadEnv();
