import { z } from "zod";
import { isWellFormedKeyword } from "@/lib/scoring/rules";
import { isStorableText, UNSTORABLE_MESSAGE } from "./common";

const listOfText = (what: string) =>
  z
    .array(
      z
        .string({ error: `each ${what} must be text` })
        .trim()
        .refine(isStorableText, `${what} entries ${UNSTORABLE_MESSAGE}`)
        .min(1, `${what} entries must not be empty`)
        .max(500, `${what} entries must be at most 500 characters`),
      { error: `${what} must be a list of text` },
    )
    .min(1, `add at least one ${what}`)
    .max(50, `at most 50 ${what} entries`);

const keywordList = z
  .array(
    z
      .string({ error: "keywords must be text" })
      .trim()
      .toLowerCase()
      .refine(isStorableText, `keywords ${UNSTORABLE_MESSAGE}`)
      .min(1, "keywords must not be empty")
      .refine(isWellFormedKeyword, 'keywords need a word, and a * (one to three words) must stand between words, as in "chief * officer"')
      .max(100, "keywords must be at most 100 characters"),
    { error: "must be a list of keywords" },
  )
  .max(100, "at most 100 keywords per list");

/** Custom rule keywords for an offer; a list left out keeps the documented default. */
export const offerRulesSchema = z.strictObject(
  {
    decision_maker_roles: keywordList.optional(),
    influencer_roles: keywordList.optional(),
    high_value_industries: keywordList.optional(),
    medium_value_industries: keywordList.optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown rule list ${issue.keys.join(", ")}; use decision_maker_roles, influencer_roles, high_value_industries or medium_value_industries`
        : "rules must be an object of keyword lists",
  },
);

export const offerInputSchema = z.object(
  {
    name: z
      .string({ error: "name is required" })
      .trim()
      .refine(isStorableText, `name ${UNSTORABLE_MESSAGE}`)
      .min(1, "name must not be empty")
      .max(200, "name must be at most 200 characters"),
    value_props: listOfText("value proposition"),
    ideal_use_cases: listOfText("ideal use case"),
    rules: offerRulesSchema.nullish(),
  },
  { error: "The body must be a JSON object with name, value_props and ideal_use_cases." },
);

export type OfferInput = z.output<typeof offerInputSchema>;
export type OfferFormValues = z.input<typeof offerInputSchema>;

/** PATCH /product/offer/{id}/: any of the offer's fields, at least one; `rules: null` goes back to the defaults. */
export const offerPatchSchema = offerInputSchema
  .partial()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: "Give at least one of name, value_props, ideal_use_cases or rules to change.",
  });

export type OfferPatch = z.output<typeof offerPatchSchema>;
