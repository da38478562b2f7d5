/**
 * The Content-Security-Policy nonce of the current response (made per request by the HTTP server,
 * scripts/server.ts). entry.server.tsx provides it; root.tsx puts it on Remix's inline scripts.
 * In the browser there is no provider: the nonce only matters in the server-rendered HTML.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
