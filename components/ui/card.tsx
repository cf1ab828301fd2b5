/** The box every block of a page sits in; `flush` leaves the padding to its content (lists that run edge to edge). */
export function Card({
  as: Tag = "div",
  flush = false,
  className = "",
  ...props
}: React.HTMLAttributes<HTMLElement> & { as?: "section" | "div" | "li"; flush?: boolean }) {
  return <Tag className={`rounded-card border border-line bg-surface shadow-xs ${flush ? "" : "p-4 sm:p-5"} ${className}`} {...props} />;
}
