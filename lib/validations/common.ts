import { z } from "zod";

/** Database ids are PostgreSQL integers; anything outside that range can only be unknown. */
export const idSchema = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be a positive id")
  .max(2_147_483_647, "is not a known id");

/** An empty query parameter (`?q=`) means the same as leaving it out. */
export const blankToUndefined = (value: unknown) =>
  value === "" || (typeof value === "string" && value.trim() === "") ? undefined : value;

// PostgreSQL text cannot hold NUL, and JSON columns refuse unpaired UTF-16 surrogates; catching
// both here turns what would be a database error into a clear 400.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isStorableText = (value: string) => !UNSTORABLE.test(value);
export const UNSTORABLE_MESSAGE = "must not contain NUL characters or broken Unicode";
