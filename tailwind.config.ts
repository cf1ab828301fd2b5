import type { Config } from "tailwindcss";

// Tailwind v4 reads its theme from app/globals.css; this file (loaded there with @config)
// keeps the content globs and the product's intent colours in one typed place.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        intent: {
          high: "#047857",
          medium: "#b45309",
          low: "#475569",
        },
      },
    },
  },
};

export default config;
