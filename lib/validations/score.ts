import { z } from "zod";
import { idSchema } from "./common";

export const scoreRequestSchema = z.preprocess(
  (value) => value ?? {},
  z.object(
    {
      offer_id: idSchema.optional(),
      lead_ids: z
        .array(idSchema, { error: "lead_ids must be a list of lead ids" })
        .min(1, "lead_ids must not be empty; leave it out to score every lead")
        .max(100_000, "at most 100000 lead ids per call")
        .optional(),
      rescore: z.boolean({ error: "rescore must be true or false" }).default(false),
    },
    { error: "The body must be a JSON object: {offer_id?, lead_ids?, rescore?}." },
  ),
);

export type ScoreRequest = z.output<typeof scoreRequestSchema>;
