/** The box every block of a page sits in. */
export function Card({
  as: Tag = "div",
  className = "",
  ...props
}: React.HTMLAttributes<HTMLElement> & { as?: "section" | "div" | "li" }) {
  return <Tag className={`rounded-card border border-line bg-surface p-4 shadow-xs sm:p-5 ${className}`} {...props} />;
}
