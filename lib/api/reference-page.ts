import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The interactive API reference at /docs: Swagger UI from this app's own node_modules (the app
 * runs without internet, and the page's Content-Security-Policy allows only its own scripts, by
 * nonce), reading GET /openapi.json.
 */

// Literal paths, so that the standalone build's file tracing copies exactly these files.
const ASSETS: Record<string, { read: () => Promise<Buffer>; type: string }> = {
  "swagger-ui-bundle.js": {
    read: () => readFile(path.join(process.cwd(), "node_modules/swagger-ui-dist/swagger-ui-bundle.js")),
    type: "text/javascript; charset=utf-8",
  },
  "swagger-ui.css": {
    read: () => readFile(path.join(process.cwd(), "node_modules/swagger-ui-dist/swagger-ui.css")),
    type: "text/css; charset=utf-8",
  },
};

/** One of the reference page's files, or a 404. */
export async function referenceAsset(name: string): Promise<Response> {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(await asset.read()), {
    headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600" },
  });
}

const escapeAttribute = (text: string) => text.replace(/[&"<>]/g, (character) => `&#${character.charCodeAt(0)};`);

/** The page itself; `nonce` is this request's script nonce from proxy.ts. */
export function referencePage(nonce: string): Response {
  const n = escapeAttribute(nonce);
  // validatorUrl: null keeps Swagger UI from loading its badge from another site.
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · IntentScore</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script nonce="${n}" src="/docs/assets/swagger-ui-bundle.js"></script>
<script nonce="${n}">
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null, persistAuthorization: false });
</script>
</body>
</html>
`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
