/**
 * The one error view every route uses: Danish messages for 403/404 and a calm page for anything
 * unexpected, never a stack trace or a raw error message.
 */
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const titles: Record<number, string> = {
  400: "Forespørgslen kunne ikke behandles",
  401: "Du skal logge ind",
  403: "Du har ikke adgang",
  404: "Siden findes ikke",
  405: "Handlingen er ikke tilladt her",
  409: "Der er sket en ændring imens",
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = titles[error.status] ?? "Der opstod en fejl";
    // Our own Responses carry Danish text meant for the user; anything else is not shown.
    const detail =
      typeof error.data === "string" && error.data.length < 300 && error.status < 500
        ? error.data
        : null;
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        {detail && detail !== title ? <p>{detail}</p> : null}
        <p className="muted">Fejlkode {error.status}.</p>
        <p>
          <Link to="/">Gå til forsiden</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">Der opstod en uventet fejl</h1>
      <p>
        Noget gik galt hos os. Dine data er ikke ændret. Prøv igen om lidt, og kontakt
        administratoren, hvis fejlen bliver ved.
      </p>
      <p>
        <Link to="/">Gå til forsiden</Link>
      </p>
    </section>
  );
}
