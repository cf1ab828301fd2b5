/**
 * The offer the results last showed is remembered in a cookie the results page reads, so every way
 * back to the results (the header, an upload's "View these leads") shows that offer, not another.
 */
export const OFFER_COOKIE = "intentscore-offer";

export function rememberOffer(id: number) {
  document.cookie = `${OFFER_COOKIE}=${id}; path=/; max-age=31536000; samesite=lax`;
}
