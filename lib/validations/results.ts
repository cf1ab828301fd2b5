import { z } from "zod";
import { INTENTS, type Intent } from "@/lib/scoring/types";
import { blankToUndefined, idTextSchema, isStorableText, UNSTORABLE_MESSAGE } from "./common";

export const SORT_FIELDS = [
  "score",
  "name",
  "role",
  "company",
  "industry",
  "location",
  "intent",
  "rule_score",
  "ai_score",
  "created_at",
  "id",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type Sort = { field: SortField; descending: boolean };

function once<T extends z.ZodType>(schema: T, name: string) {
  return z.preprocess((value, ctx) => {
    if (Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `${name} may be given only once` });
      return z.NEVER;
    }
    return blankToUndefined(value);
  }, schema);
}

const intentSchema = z
  .preprocess(
    (value) => (Array.isArray(value) ? value.join(",") : value),
    z.string().optional(),
  )
  .transform((value, ctx): Intent[] | undefined => {
    const parts = (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);
    if (parts.length === 0) return undefined;
    const intents: Intent[] = [];
    for (const part of parts) {
      const intent = INTENTS.find((candidate) => candidate.toLowerCase() === part.toLowerCase());
      if (!intent) {
        ctx.addIssue({ code: "custom", message: `must be High, Medium or Low (got "${part}")` });
        return z.NEVER;
      }
      if (!intents.includes(intent)) intents.push(intent);
    }
    return intents;
  });

const sortSchema = z.string().transform((value, ctx): Sort => {
  const descending = value.startsWith("-");
  const field = SORT_FIELDS.find((candidate) => candidate === value.replace(/^[-+]/, ""));
  if (!field) {
    ctx.addIssue({ code: "custom", message: `must be one of ${SORT_FIELDS.join(", ")} (prefix - for descending)` });
    return z.NEVER;
  }
  return { field, descending };
});

/** Filters shared by GET /results/ and GET /csv/ (and the browser table that drives them). */
export const resultsQuerySchema = z.object({
  offer_id: once(idTextSchema.optional(), "offer_id"),
  upload_id: once(idTextSchema.optional(), "upload_id"),
  intent: intentSchema,
  q: once(z.string().trim().max(200, "must be at most 200 characters").refine(isStorableText, UNSTORABLE_MESSAGE).optional(), "q"),
  sort: once(sortSchema.default({ field: "created_at", descending: false }), "sort"),
  limit: once(
    z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000").optional(),
    "limit",
  ),
  offset: once(
    z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must not be negative").max(100_000_000, "is too large").default(0),
    "offset",
  ),
  /** Where the previous page ended: its X-Next-Cursor. Pages stay fast however deep they go. */
  cursor: once(z.string().max(2_000, "is too long").optional(), "cursor"),
});

export type ResultsQuery = z.output<typeof resultsQuerySchema>;

/** GET /csv/: the same filters, and how the file is laid out. */
export const csvQuerySchema = resultsQuerySchema.extend({
  // Excel reads a UTF-8 file without a byte order mark as the local code page.
  bom: once(
    z.enum(["0", "1", "false", "true"], { error: "must be 1 or 0" }).transform((value) => value === "1" || value === "true").default(false),
    "bom",
  ),
  columns: once(z.enum(["default", "full"], { error: "must be default or full" }).default("default"), "columns"),
});

export type CsvQuery = z.output<typeof csvQuerySchema>;
