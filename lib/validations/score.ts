import { z } from "zod";
import { RUN_MODES, RUN_STATUSES } from "@/lib/scoring/types";
import { blankToUndefined, idSchema, idTextSchema, pageLimitSchema } from "./common";

const scoreFields = {
  offer_id: idSchema.optional(),
  lead_ids: z
    .array(idSchema, { error: "lead_ids must be a list of lead ids" })
    .min(1, "lead_ids must not be empty; leave it out to score every lead")
    .max(100_000, "at most 100000 lead ids per call")
    .optional(),
  rescore: z.boolean({ error: "rescore must be true or false" }).default(false),
  refresh_ai: z.boolean({ error: "refresh_ai must be true or false" }).default(false),
};

export const scoreRequestSchema = z.preprocess(
  (value) => value ?? {},
  z.object(scoreFields, { error: "The body must be a JSON object: {offer_id?, lead_ids?, rescore?, refresh_ai?}." }),
);

export type ScoreRequest = z.output<typeof scoreRequestSchema>;

/** POST /runs/: what POST /score/ takes, plus how to run it (unset: batch above GEMINI_BATCH_MODE_THRESHOLD leads with Gemini). */
export const runRequestSchema = z.preprocess(
  (value) => value ?? {},
  z.object(
    { ...scoreFields, mode: z.enum(RUN_MODES, { error: 'mode must be "interactive" or "batch"' }).optional() },
    { error: "The body must be a JSON object: {offer_id?, lead_ids?, rescore?, refresh_ai?, mode?}." },
  ),
);

export type RunRequest = z.output<typeof runRequestSchema>;

export const runListQuerySchema = z.object({
  status: z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : value.split(",").map((part) => part.trim())) : value),
    z.array(z.enum(RUN_STATUSES, { error: `status must be among ${RUN_STATUSES.join(", ")}` })).optional(),
  ),
  limit: pageLimitSchema,
  before: z.preprocess(blankToUndefined, idTextSchema.optional()),
  offer_id: z.preprocess(blankToUndefined, idTextSchema.optional()),
});

export type RunListQuery = z.output<typeof runListQuerySchema>;

/** Where a client's event stream broke off (the Last-Event-ID header, or `last_event_id` for clients that cannot set headers). */
export const lastEventIdSchema = z.preprocess(
  (value) => (value === null ? undefined : blankToUndefined(value)),
  z
    .string()
    .regex(/^[0-9]{1,9}$/, "Last-Event-ID must be the id of an event this stream sent")
    .transform(Number)
    .optional(),
);
