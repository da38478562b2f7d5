/**
 * Remix's default Node entry (isbot: bots get the whole page at once, browsers a stream), plus:
 * the per-request CSP nonce from the load context goes to React's and Remix's inline scripts, and
 * errors are logged through the app's logger with the request id.
 */
import { PassThrough } from "node:stream";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import "./load-context";
import { logger } from "./logger.server";
import { NonceProvider } from "./nonce";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const userAgent = request.headers.get("user-agent");
  // Bots and SPA mode get the whole document at once; browsers get it streamed.
  const waitForAll = (userAgent ? isbot(userAgent) : false) || remixContext.isSpaMode;
  const nonce = loadContext.cspNonce;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const sendResponse = () => {
      shellRendered = true;
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        onAllReady: waitForAll ? sendResponse : undefined,
        onShellReady: waitForAll ? undefined : sendResponse,
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is rendered reject above and reach handleError; log only
          // those that happen while streaming.
          if (shellRendered) {
            logger.error({ err: error, reqId: loadContext.requestId }, "render error");
          }
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Errors from loaders, actions and rendering, with the request id of the request's log line. */
export function handleError(
  error: unknown,
  { request, context }: LoaderFunctionArgs | ActionFunctionArgs,
) {
  // A request the browser gave up on (navigated away) is not an error.
  if (request.signal.aborted) return;
  const reqId = context.requestId;
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.warn({ reqId, status: error.status }, error.statusText || "route error response");
    return;
  }
  logger.error({ err: error, reqId }, "unhandled error");
}
