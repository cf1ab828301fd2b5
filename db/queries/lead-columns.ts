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
