/**
 * The document, the main navigation and the root error boundary.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
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
import { getOptionalUserWithHeader } from "./auth.server";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { FlashMessage } from "./components/flash-message";
import { SiteMenu } from "./components/site-menu";
import { menuItems } from "./domain/dashboard";
import { readFlash } from "./flash.server";
import { useNonce } from "./nonce";
import styles from "./styles/app.css";
import printStyles from "./styles/print.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: printStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The user, the roles the menu is built from and the number of unread notifications: one query
  // (app/models/session-header.server.ts); the page's loader gets the same user without another.
  const signedIn = await getOptionalUserWithHeader(request);
  // The message an action left for this page shows once: the cookie goes back without it.
  const { flash, setCookie } = await readFlash(request);
  const init = setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined;
  if (!signedIn) {
    const menu = [] as ReturnType<typeof menuItems>;
    return data({ user: null, showFunds: false, menu, unread: 0, flash }, init);
  }
  const { user, header } = signedIn;
  return data(
    {
      user,
      showFunds: header.sources.fund.any,
      menu: menuItems(header.sources),
      unread: header.unread,
      flash,
    },
    init,
  );
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
                {(data?.menu ?? []).map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="user-menu">
              <span aria-label="Logget ind som">{user.name}</span>
              <NotificationsLink unread={data?.unread ?? 0} />
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

/** «Notifikationer (3)», read out as «Notifikationer, 3 ulæste». */
function NotificationsLink({ unread }: { unread: number }) {
  if (unread === 0) return <NavLink to="/notifikationer">Notifikationer</NavLink>;
  return (
    <NavLink
      to="/notifikationer"
      aria-label={`Notifikationer, ${unread === 1 ? "1 ulæst" : `${unread} ulæste`}`}
    >
      Notifikationer ({unread})
    </NavLink>
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
          <FlashMessage />
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
