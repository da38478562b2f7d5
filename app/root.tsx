/**
 * The document, the main navigation and the root error boundary.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getOptionalUser } from "./auth.server";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { SiteMenu } from "./components/site-menu";
import { getDb } from "./db.server";
import { getFundAccess } from "./models/disposition-funds.server";
import { useNonce } from "./nonce";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  // The dispositionsfond's link is for administrators and members of a housing organisation.
  const showFunds = user ? (await getFundAccess(await getDb(), user)).any : false;
  return { user, showFunds };
}

function Navigation() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <header className="site-header no-print">
      <a className="skip-link" href="#main">
        Gå til indholdet
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand">
          Samarbejdsaftaler
        </Link>
        {user ? (
          <SiteMenu>
            <nav aria-label="Hovedmenu">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Mine helhedsplaner
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/revisions">Til beslutning</NavLink>
                </li>
                {data?.showFunds ? (
                  <li>
                    <NavLink to="/funds">Dispositionsfond</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/organisations">Organisationer</NavLink>
                </li>
                <li>
                  <NavLink to="/people">Personer</NavLink>
                </li>
                <li>
                  <NavLink to="/hjaelp">Hjælp</NavLink>
                </li>
                {user.isAdmin ? (
                  <>
                    <li>
                      <NavLink to="/admin/users">Brugere</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin/rollup">Rapportering</NavLink>
                    </li>
                    <li>
                      <NavLink to="/admin/backup">Sikkerhedskopi</NavLink>
                    </li>
                  </>
                ) : null}
              </ul>
            </nav>
            <div className="user-menu">
              <span aria-label="Logget ind som">{user.name}</span>
              <NavLink to="/account">Min konto</NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="button button-link">
                  Log ud
                </button>
              </Form>
            </div>
          </SiteMenu>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  // The Content-Security-Policy allows inline scripts only with this response's nonce.
  const nonce = useNonce();
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Navigation />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
