/** Case folded, punctuation and symbols removed, whitespace collapsed: "ACME, Inc." and "acme inc" agree. */
const fold = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, "")
    .replace(/\s+/g, " ")
    .trim();

/** The same profile however it was pasted: scheme, `www.`, query, fragment and trailing slashes dropped. */
const foldUrl = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "");

/**
 * Who a lead is, for telling duplicates apart within a workspace: its LinkedIn profile when it has
 * one, else its name and company. Migration 0002 computes the same for stored leads in SQL.
 */
export function leadIdentity(lead: { name: string; company: string; linkedin_url: string | null }): string {
  if (lead.linkedin_url !== null && foldUrl(lead.linkedin_url) !== "") return `url:${foldUrl(lead.linkedin_url)}`;
  return `name:${fold(lead.name)}|${fold(lead.company)}`;
}
