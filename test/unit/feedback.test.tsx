/**
 * The pure parts of feedback and locks (issue 19): the error summary's lines from the server's
 * and the browser's errors, its heading, the stored flash message's shape, and the lock notice's
 * wording and date (the Danish day, also just after midnight UTC) with the fields it disables.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LockedFields } from "~/components/section-page";
import { awaitingBoardLock } from "~/domain/edit-lock";
import { parseFlash } from "~/domain/flash";
import {
  CONFIRM_REMOVAL_FIELD,
  errorSummaryItems,
  errorSummaryTitle,
  flattenFieldErrors,
} from "~/domain/form";

describe("error summary", () => {
  it("lists the server's messages in order, without the removal question", () => {
    expect(
      errorSummaryItems({
        validFrom: "Angiv en gyldig startdato",
        [CONFIRM_REMOVAL_FIELD]: "Vil du fjerne rækken?",
        "criteria.1.dataSource": "Angiv en datakilde",
      }),
    ).toEqual([
      { name: "validFrom", message: "Angiv en gyldig startdato" },
      { name: "criteria.1.dataSource", message: "Angiv en datakilde" },
    ]);
  });

  it("turns the browser's nested errors into the same dotted paths, lists by their own message", () => {
    const ref = { name: "x" };
    const errors = {
      validFrom: { type: "custom", message: "Angiv en gyldig startdato", ref },
      criteria: [
        undefined,
        {
          text: { type: "too_small", message: "Skriv succeskriteriet", ref },
          dataSource: { type: "too_small", message: "Angiv en datakilde", ref },
        },
      ],
      activities: { root: { type: "too_small", message: "Tilføj mindst én aktivitet" } },
      goals: { type: "custom", message: "Målene gentager sig" },
    };
    expect(flattenFieldErrors(errors)).toEqual({
      validFrom: "Angiv en gyldig startdato",
      "criteria.1.text": "Skriv succeskriteriet",
      "criteria.1.dataSource": "Angiv en datakilde",
      activities: "Tilføj mindst én aktivitet",
      goals: "Målene gentager sig",
    });
    expect(flattenFieldErrors({})).toEqual({});
    expect(flattenFieldErrors(undefined)).toEqual({});
  });

  it("counts the errors in its heading", () => {
    expect(errorSummaryTitle(1)).toBe("Der er 1 fejl");
    expect(errorSummaryTitle(6)).toBe("Der er 6 fejl");
  });
});

describe("flash message", () => {
  it("accepts a stored message and nothing else", () => {
    const flash = { id: "a1", kind: "success", text: "Problemkomplekset er gemt." };
    expect(parseFlash(flash)).toEqual(flash);
    expect(parseFlash("Problemkomplekset er gemt.")).toBeNull();
    expect(parseFlash({ ...flash, kind: "danger" })).toBeNull();
    expect(parseFlash({ ...flash, text: "" })).toBeNull();
    expect(parseFlash(undefined)).toBeNull();
  });
});

describe("lock notice", () => {
  it("says why and until what, with the day it was sent in Denmark", () => {
    expect(awaitingBoardLock("agreement", "2026-12-02T09:30:00Z")).toEqual({
      reason: "awaiting-board",
      notice:
        "Aftalen ligger hos bestyrelsen til beslutning siden 2. december 2026. Du kan redigere igen, når den er besluttet eller trukket tilbage.",
    });
    // 23:30 UTC on 1 December is already 2 December in Denmark.
    expect(awaitingBoardLock("agreement", new Date("2026-12-01T23:30:00Z")).notice).toContain(
      "siden 2. december 2026.",
    );
    expect(awaitingBoardLock("strategy", "2026-06-15T08:00:00Z").notice).toMatch(
      /^Den strategiske samarbejdsaftale ligger hos bestyrelsen til beslutning siden 15\. juni 2026\./,
    );
  });

  it("disables every field of a locked page and leaves an open one alone", () => {
    const form = (
      <form>
        <input name="problemStatement" />
      </form>
    );
    const locked = renderToStaticMarkup(
      <LockedFields lock={awaitingBoardLock("agreement", "2026-12-02T09:30:00Z")}>
        {form}
      </LockedFields>,
    );
    expect(locked).toContain("ligger hos bestyrelsen til beslutning siden 2. december 2026");
    expect(locked).toMatch(/<fieldset disabled="" class="locked-fields"[^>]*><form>/);
    expect(renderToStaticMarkup(<LockedFields lock={null}>{form}</LockedFields>)).toBe(
      '<form><input name="problemStatement"/></form>',
    );
  });
});
