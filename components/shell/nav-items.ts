/** The app's areas, in header order. A new area is one more entry here and a page under app/(app)/. */
export const NAV_ITEMS = [
  { href: "/", label: "Results" },
  // The API owns /runs/, so the Runs page lives at /scoring.
  { href: "/scoring", label: "Runs" },
  { href: "/offers", label: "Offers" },
  { href: "/imports", label: "Uploads" },
  { href: "/settings", label: "Settings" },
] as const;

export const isActive = (href: string, pathname: string) =>
  href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
