import { createHash } from "node:crypto";
import { LEAD_FIELDS, type LeadData } from "./types";

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");

/** What an AI judgement of a lead depends on from the offer: its pitch (not its name or rule keywords). */
export const offerPitchHash = (offer: { value_props: readonly string[]; ideal_use_cases: readonly string[] }) =>
  digest([offer.value_props, offer.ideal_use_cases]);

/** The lead's fields as the AI sees them. */
export const leadHash = (lead: LeadData) => digest(LEAD_FIELDS.map((field) => lead[field]));
