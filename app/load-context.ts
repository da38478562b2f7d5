/**
 * What the HTTP server (scripts/server.ts, `getLoadContext`) gives every loader, action and the
 * document render. All optional because tests call loaders and actions directly, without it.
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The Content-Security-Policy nonce of this response. */
    cspNonce?: string;
    /** The id that this request's log lines carry (also sent as X-Request-Id). */
    requestId?: string;
    /** The client's IP address: the socket's, or from X-Forwarded-For when TRUST_PROXY is set. */
    clientAddress?: string;
    /** The server build's version (build.assets.version): part of immutable documents' ETags. */
    buildVersion?: string;
  }
}

export {};
