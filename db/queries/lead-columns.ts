import { sql } from "drizzle-orm";
import { leads } from "../schema";

/** A lead as the API shows it: the six CSV fields under their CSV names, and its id. */
export const leadColumns = {
  id: leads.id,
  name: leads.name,
  role: leads.role,
  company: leads.company,
  industry: leads.industry,
  location: leads.location,
  linkedin_bio: leads.linkedinBio,
};

/** `leads.id` is one of these ids; a text parameter cast to int[] keeps any number of ids in one bind parameter. */
export const leadIdIn = (ids: readonly number[]) => sql`${leads.id} = any(${`{${ids.join(",")}}`}::int[])`;
