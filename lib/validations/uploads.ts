import { z } from "zod";
import { blankToUndefined } from "./common";

/** What an upload does with a lead that is already stored (or repeated within the file). */
export const ON_DUPLICATE = ["skip", "update", "keep"] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

/** The upload form's fields besides the file (absent or empty: the default). */
export const uploadOptionsSchema = z.object({
  on_duplicate: z.preprocess(
    blankToUndefined,
    z.enum(ON_DUPLICATE, { error: 'on_duplicate must be "skip", "update" or "keep"' }).default("skip"),
  ),
});
