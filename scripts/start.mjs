// `npm start`: the production (standalone) server, which honours PORT and HOSTNAME.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const server = path.resolve(".next/standalone/server.js");
if (!existsSync(server) || !existsSync(".next/standalone/.next/static")) {
  console.error("No production build yet. Run `npm run build` first, then `npm start`.");
  process.exit(1);
}
// The standalone server works from its own folder, which every build replaces: keep the embedded
// database where `npm run dev` keeps it, in ./.data, unless DATABASE_URL says otherwise.
process.env.DATABASE_URL ||= `file:${path.resolve(".data/pglite")}`;
process.env.NODE_ENV = "production";
await import(pathToFileURL(server).href);
