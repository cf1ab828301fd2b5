// Dates are shown in the reader's own time zone, so an element showing one may differ between the
// server's render and the browser's: those elements carry suppressHydrationWarning.
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (iso: string) => date.format(new Date(iso));
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** "about " before a count that is an estimate. */
export const about = (estimated: boolean) => (estimated ? "about " : "");

export const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
