declare const scoped: unique symbol;

/**
 * The workspace a query acts in. Every query function of the product's data takes one as its first
 * argument, and only the request's authentication (lib/auth) makes one, from a verified session or
 * API key: a query cannot be written, or called, without deciding whose data it touches.
 */
export type WorkspaceScope = { readonly workspaceId: string; readonly [scoped]: true };

export function workspaceScope(workspaceId: string): WorkspaceScope {
  return { workspaceId } as WorkspaceScope;
}
