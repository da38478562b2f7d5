/**
 * The document render (Remix's default Node entry, changed): the whole document is rendered
 * before it is sent, as one chunk, for every client, plus:
 * the per-request CSP nonce from the load context goes to React's and Remix's inline scripts, and
 * errors are logged through the app's logger with the request id.
 *
 * Why not stream to browsers (Remix's default, which streams all but bots): no route defers data
 * (no <Await>), so the document is complete as soon as the loaders are, and streaming sent the same
 * bytes as a dozen chunks through a Node stream, a web stream and back, with a write (and, under
 * compression, a zlib flush) for each. One buffer costs a fraction of that; an error while
 * rendering also still sets the status, since nothing has been sent yet.
 */
import { Writable } from "node:stream";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
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
  const nonce = loadContext.cspNonce;

  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let shellRendered = false;
    const document = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      writev(entries, callback) {
        for (const { chunk } of entries) chunks.push(chunk as Buffer);
        callback();
      },
      final(callback) {
        clearTimeout(timeout);
        responseHeaders.set("Content-Type", "text/html");
        resolve(
          new Response(Buffer.concat(chunks), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
        callback();
      },
    });
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
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is rendered reject above and reach handleError; log only
          // those of a part that suspended (Remix's streamed data) and failed after it.
          if (shellRendered) {
            logger.error({ err: error, reqId: loadContext.requestId }, "render error");
          }
        },
      },
    );
    const timeout = setTimeout(abort, ABORT_DELAY);
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
