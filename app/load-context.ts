/**
 * What the HTTP server (scripts/server.ts, `getLoadContext`) gives every loader, action and the
 * document render: the response's CSP nonce and the id that the request's log lines carry. Both are
 * optional because tests call loaders and actions directly, without the server.
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    requestId?: string;
  }
}

export {};
