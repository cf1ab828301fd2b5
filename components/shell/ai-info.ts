/** Which analyzer judges intent on this server; pages read it once and pass it down. */
export type AiInfo = { provider: "gemini" | "offline"; model: string };
