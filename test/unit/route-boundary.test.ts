import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, LockedError, NotFoundError } from "~/models/errors.server";
import { httpErrorFor, withRouteBoundary } from "~/route-boundary.server";

function buildWith(loader: () => unknown, action?: () => unknown): ServerBuild {
  const route = { id: "r", path: "r", module: { default: () => null, loader, action } };
  return { routes: { r: route } } as unknown as ServerBuild;
}

async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("route boundary", () => {
  it("maps each domain error to its status with a Danish message", async () => {
    const cases: [Error, number][] = [
      [new NotFoundError("Planen findes ikke"), 404],
      [new ForbiddenError(), 403],
      [new ConflictError(), 409],
      [new LockedError("Delaftalen afventer bestyrelsen"), 409],
    ];
    for (const [error, status] of cases) {
      const reply = httpErrorFor(error)!;
      expect(reply.status).toBe(status);
      expect(await reply.text()).toMatch(/[æøå]|findes|adgang|gemt|afventer/);
    }
    expect(await httpErrorFor(new NotFoundError("Planen findes ikke"))!.text()).toBe(
      "Planen findes ikke",
    );
  });

  it("recognises a copy of an error class (the compiled build has its own)", () => {
    class CopiedNotFound extends Error {
      readonly domainErrorKind = "not-found";
    }
    expect(httpErrorFor(new CopiedNotFound("x"))?.status).toBe(404);
  });

  it("leaves other errors alone, so bugs stay 500s", () => {
    expect(httpErrorFor(new Error("bug"))).toBeUndefined();
    expect(httpErrorFor("text")).toBeUndefined();
  });

  it("wraps every loader and action of a build and keeps their results", async () => {
    const build = withRouteBoundary(
      buildWith(
        () => {
          throw new ForbiddenError();
        },
        () => ({ ok: true }),
      ),
    );
    const module = build.routes.r!.module;
    const thrown = await thrownBy(() => module.loader!({} as never));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
    expect(await module.action!({} as never)).toEqual({ ok: true });

    const bug = new Error("bug");
    const plain = withRouteBoundary(
      buildWith(() => {
        throw bug;
      }),
    );
    expect(await thrownBy(() => plain.routes.r!.module.loader!({} as never))).toBe(bug);
    expect(plain.routes.r!.module.action).toBeUndefined();
  });
});
