import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * Webhook signing secrets must be readable by the server (it signs with them), so they cannot be
 * hashed like API keys. They are stored encrypted (AES-256-GCM) with a key derived from
 * BETTER_AUTH_SECRET, so a copy of the database alone does not let anyone forge our webhooks.
 * Changing BETTER_AUTH_SECRET makes stored secrets unreadable: deliveries then fail saying so, and
 * rotating each endpoint's secret mends it.
 */

const VERSION = "v1";

async function key(): Promise<Buffer> {
  return Buffer.from(hkdfSync("sha256", await authSecret(), "intentscore", "webhook signing secrets", 32));
}

export async function sealSecret(secret: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(":");
}

/** The secret, or undefined when it cannot be read with the current key. */
export async function openSecret(stored: string): Promise<string | undefined> {
  const [version, iv, tag, sealed] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !sealed) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", await key(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
