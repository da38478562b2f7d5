/** The strategic agreement as Word: the one in effect (or the draft) and any frozen version. */
import type { Db } from "../db/client";
import { buildStrategicAgreementDocument } from "../templates/strategic-agreement";
import { renderDocx } from "../templates/render";
import { safeFileName } from "./documents.server";
import type { SessionUser } from "./domain/user";
import { getStrategicDocument } from "./models/strategic-agreements.server";

export async function renderStrategicAgreementDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  number?: number,
) {
  const view = await getStrategicDocument(db, user, planId, number);
  const suffix = number === undefined ? "" : ` - version ${number}`;
  return {
    fileName: `${safeFileName(`Strategisk samarbejdsaftale - ${view.plan.name}`)}${suffix}.docx`,
    buffer: await renderDocx(buildStrategicAgreementDocument(view)),
  };
}
