import { z } from "zod";
import { isStorableText, UNSTORABLE_MESSAGE } from "./common";

export const apiKeyInputSchema = z.object(
  {
    name: z
      .string({ error: "name is required" })
      .trim()
      .refine(isStorableText, `name ${UNSTORABLE_MESSAGE}`)
      .min(1, "name must not be empty")
      .max(100, "name must be at most 100 characters"),
    expires_in_days: z
      .number({ error: "expires_in_days must be a number of days" })
      .int("expires_in_days must be a whole number")
      .min(1, "expires_in_days must be at least 1")
      .max(3650, "expires_in_days must be at most 3650")
      .nullish(),
    rate_limit_per_minute: z
      .number({ error: "rate_limit_per_minute must be a number" })
      .int("rate_limit_per_minute must be a whole number")
      .min(1, "rate_limit_per_minute must be at least 1")
      .max(1_000_000, "rate_limit_per_minute must be at most 1000000")
      .nullish(),
  },
  { error: "The body must be a JSON object: {name, expires_in_days?, rate_limit_per_minute?}." },
);

export type ApiKeyInput = z.output<typeof apiKeyInputSchema>;
