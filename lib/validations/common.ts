import { z } from "zod";

/** Database ids are positive PostgreSQL integers. */
export const MAX_ID = 2_147_483_647;

/** An id in a JSON body: a JSON integer, never a string, boolean or fraction. */
export const idSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be a positive id")
  .max(MAX_ID, `must be at most ${MAX_ID}`);

/**
 * An id in a URL path or query string: plain decimal digits, as the API writes them. Leading zeros
 * are read as decimal (`007` is 7); signs, spaces, fractions, exponents and hex are refused rather
 * than guessed at.
 */
export const idTextSchema = z.string().transform((text, ctx): number => {
  if (!/^[0-9]+$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "must be a whole number written in digits, like 42" });
    return z.NEVER;
  }
  const digits = text.replace(/^0+(?=[0-9])/, "");
  const id = digits.length > String(MAX_ID).length ? Infinity : Number(digits);
  if (id < 1 || id > MAX_ID) {
    ctx.addIssue({ code: "custom", message: id < 1 ? "must be a positive id" : `must be at most ${MAX_ID}` });
    return z.NEVER;
  }
  return id;
});

/** The `{id}` of a route path such as /product/offer/{id}/. */
export const idPathSchema = z.object({ id: idTextSchema });

/** An empty query parameter (`?q=`) means the same as leaving it out. */
export const blankToUndefined = (value: unknown) =>
  value === "" || (typeof value === "string" && value.trim() === "") ? undefined : value;

/** `?limit=` of a listing: 1–100, 20 when left out or empty. */
export const pageLimitSchema = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
);

// PostgreSQL text cannot hold NUL, and JSON columns refuse unpaired UTF-16 surrogates; catching
// both here turns what would be a database error into a clear 400.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isStorableText = (value: string) => !UNSTORABLE.test(value);
export const UNSTORABLE_MESSAGE = "must not contain NUL characters or broken Unicode";
