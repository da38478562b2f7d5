/**
 * "Sikkerhedskopi" (administrators): the last backup (from the audit trail, made here or with
 * `npm run backup`), a button that makes one now and downloads it (admin.backup_.download.ts),
 * and the archive export of every
 * plan and fund in open formats as a zip (docs/archive.md). The backup is made inside the app's
 * own process, so it is consistent while the app runs (PGlite dumps its data directory from the
 * process that owns it; on PostgreSQL pg_dump takes a snapshot).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getOpenDb } from "~/db.server";
import { formatDateTime, formatInteger } from "~/domain/format";
import { requireAdmin } from "~/models/access.server";
import { listArchive } from "~/models/archive.server";
import { findPgTool, getLastBackup } from "~/models/backup.server";

export const meta: MetaFunction = () => [{ title: "Sikkerhedskopi · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const handle = await getOpenDb();
  const [last, archive] = await Promise.all([
    getLastBackup(handle.db),
    listArchive(handle.db, user),
  ]);
  return {
    driver: handle.driver,
    pgDumpMissing: handle.driver === "postgres" && !findPgTool("pg_dump"),
    last: last && { ...last, at: last.at.toISOString() },
    archive: {
      documents: archive.documentCount,
      files: archive.entries.length,
      plans: archive.planCount,
      funds: archive.fundCount,
    },
  };
}

function count(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString("da-DK", { maximumFractionDigits: 1 })} MB`;
}

export default function BackupPage() {
  const { driver, pgDumpMissing, last, archive } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sikkerhedskopi">
        <p className="muted">
          En sikkerhedskopi er hele databasen i én fil (
          {driver === "pglite" ? "den indbyggede database" : "PostgreSQL"}). Den kan laves, mens
          appen kører, og gendannes med <code>npm run restore -- --file &lt;fil&gt;</code>.
        </p>
      </PageHeader>

      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">Seneste sikkerhedskopi</h2>
        {last ? (
          <p data-testid="last-backup">
            {formatDateTime(last.at)}
            {last.source === "cli"
              ? " fra kommandolinjen"
              : ` af ${last.by ?? "en slettet bruger"}`}
            {" · "}
            {megabytes(last.bytes)} · {formatInteger(last.rows)} rækker
          </p>
        ) : (
          <p className="empty" data-testid="last-backup">
            Der er ikke lavet nogen sikkerhedskopi endnu.
          </p>
        )}
        {pgDumpMissing ? (
          <div className="alert alert-warn" role="status">
            pg_dump findes ikke på serveren, så der kan ikke laves en sikkerhedskopi herfra.
            Installér PostgreSQL&apos; klientværktøjer (Debian: postgresql-client-15).
          </div>
        ) : (
          // A plain form post to the resource route: the browser downloads the file it answers.
          <Form method="post" action="/admin/backup/download" reloadDocument>
            <button type="submit" className="button button-primary">
              Lav og hent sikkerhedskopi
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">Arkiv i åbne formater</h2>
        <p>
          Alt i systemet som Word, Excel, JSON og CSV, til arkivering eller når I forlader systemet:
          pr. helhedsplan delaftaler med alle godkendte versioner og ændringer, statusrapporter og
          selvevalueringer, og pr. dispositionsfond ansøgninger og afgørelser.
        </p>
        <p data-testid="archive-count">
          Arkivet indeholder {count(archive.documents, "dokument", "dokumenter")} fra{" "}
          {count(archive.plans, "helhedsplan", "helhedsplaner")} og{" "}
          {count(archive.funds, "dispositionsfond", "dispositionsfonde")} (
          {count(archive.files, "fil", "filer")} med data og revisionsspor). Filen dannes, mens den
          hentes; browseren viser, hvor langt den er.
        </p>
        <a className="button button-secondary" href="/admin/archive.zip" download>
          Hent arkiv (.zip)
        </a>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
