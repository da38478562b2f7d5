/**
 * Attachments (bilag) in the browser: the secretariat opens the demo plan's «Bilag», sees the
 * seeded communication strategy and beredskabsplan, uploads a PDF, sees it listed with its kind,
 * size and uploader, and downloads it byte for byte; a renamed .exe is refused with the message
 * beside the file field, and the title typed is still there. A viewer sees the list and can
 * download, but has no upload form.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildTextPdf } from "../../db/demo-attachments";
import {
  findDemoPaths,
  launchBrowser,
  login,
  startServer,
  watchConsole,
  type DemoPaths,
  type TestServer,
} from "./server";

describe("attachments in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let demo: DemoPaths;
  let tmp = "";
  let pdfFile = "";
  let exeFile = "";
  const pdf = buildTextPdf([
    "Kommissorium for bestyrelsen",
    "Bestyrelsen mødes fire gange om året.",
  ]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    demo = await findDemoPaths(browser, server.url);
    tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-bilag-"));
    pdfFile = path.join(tmp, "Kommissorium 2026.pdf");
    writeFileSync(pdfFile, pdf);
    // A Windows program renamed to .pdf.
    const exe = Buffer.alloc(2048);
    exe.write("MZ", 0, "latin1");
    exe.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
    exe.write("PE\0\0", 0x80, "latin1");
    exeFile = path.join(tmp, "referat.pdf");
    writeFileSync(exeFile, exe);
    context = await browser.newContext({ acceptDownloads: true });
    page = await login(context, server.url, "sekretariat@samarbejde.example");
    problems = watchConsole(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const row = (title: string) => page.getByRole("row").filter({ hasText: title });
  /** The upload form (each row's «Ret» form has fields of the same names). */
  const form = () => page.getByRole("form", { name: "Upload et bilag" });

  it("lists the demo plan's attachments and uploads a PDF", async () => {
    await page.goto(`${server.url}${demo.plan}/attachments`);
    await page.getByRole("heading", { level: 1, name: "Bilag" }).waitFor();
    await row("Kommunikationsstrategi for Strandengen").waitFor();
    await row("Beredskabsplan ved uro i boligområdet").waitFor();

    await form().getByLabel("Slags bilag").selectOption({ label: "Kommissorium for bestyrelsen" });
    await form().getByLabel("Titel").fill("Kommissorium 2026");
    await form().getByLabel("Fil (PDF eller Word)").setInputFiles(pdfFile);
    await form().getByRole("button", { name: "Upload bilag" }).click();
    await page.getByRole("status").filter({ hasText: "Bilaget er gemt." }).waitFor();

    const added = row("Kommissorium 2026");
    await added.waitFor();
    const text = (await added.textContent()) ?? "";
    expect(text).toContain("Kommissorium for bestyrelsen");
    expect(text).toContain("Kommissorium 2026.pdf");
    expect(text).toContain("PDF");
    expect(text).toContain("Mette Lykke");
    expect(text).toMatch(/\d+,\d kB|\d+ byte/);
    // Last in the package order: the two demo attachments come first.
    const titles = await page.locator("tbody th[scope=row] > span").allTextContents();
    expect(titles.at(-1)).toBe("Kommissorium 2026");
  });

  it("downloads the uploaded PDF byte for byte", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row("Kommissorium 2026").getByRole("link", { name: "Kommissorium 2026.pdf" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Kommissorium 2026.pdf");
    const saved = path.join(tmp, "hentet.pdf");
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(Buffer.from(pdf))).toBe(true);
  });

  it("refuses a renamed .exe beside the file field and keeps the title and kind", async () => {
    await form().getByLabel("Slags bilag").selectOption({ label: "Andet bilag" });
    await form().getByLabel("Titel").fill("Referat fra styregruppen");
    await form().getByLabel("Fil (PDF eller Word)").setInputFiles(exeFile);
    await form().getByRole("button", { name: "Upload bilag" }).click();

    const message = page.locator("#attachment-file-error");
    await message.waitFor();
    expect(await message.textContent()).toMatch(
      /^Filen er et program \(fx en \.exe-fil\), ikke en PDF-fil eller et Word-dokument\./,
    );
    // Beside the field: the file input names the message.
    expect(
      await form().getByLabel("Fil (PDF eller Word)").getAttribute("aria-describedby"),
    ).toContain("attachment-file-error");
    expect(await form().getByLabel("Titel").inputValue()).toBe("Referat fra styregruppen");
    expect(await form().getByLabel("Slags bilag").inputValue()).toBe("other");
    expect(await row("Referat fra styregruppen").count()).toBe(0);
  });

  it("says a file is too large as soon as it is chosen, without sending it", async () => {
    const big = path.join(tmp, "scannet beredskabsplan.pdf");
    const bytes = Buffer.alloc(Math.round(24.3 * 1024 * 1024));
    bytes.write("%PDF-1.4\n", 0, "latin1");
    writeFileSync(big, bytes);
    let posted = false;
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/attachments")) posted = true;
    });
    await form().getByLabel("Titel").fill("Scannet beredskabsplan");
    await form().getByLabel("Fil (PDF eller Word)").setInputFiles(big);
    const message = page.locator("#attachment-file-error");
    await message.filter({ hasText: "Filen er 24,3 MB. Den må højst være 20 MB." }).waitFor();
    await form().getByRole("button", { name: "Upload bilag" }).click();
    await page.waitForTimeout(300);
    expect(posted).toBe(false);
    expect(await form().getByLabel("Titel").inputValue()).toBe("Scannet beredskabsplan");
  });

  it("lets a viewer list and download, without the upload form", async () => {
    const viewerContext = await browser.newContext({ acceptDownloads: true });
    try {
      const viewer = await login(viewerContext, server.url, "laeser@samarbejde.example");
      await viewer.goto(`${server.url}${demo.plan}/attachments`);
      await viewer.getByRole("heading", { level: 1, name: "Bilag" }).waitFor();
      expect(await viewer.getByRole("button", { name: "Upload bilag" }).count()).toBe(0);
      const [download] = await Promise.all([
        viewer.waitForEvent("download"),
        viewer.getByRole("link", { name: "Beredskabsplan Strandengen.pdf" }).click(),
      ]);
      const saved = path.join(tmp, "beredskab.pdf");
      await download.saveAs(saved);
      expect(readFileSync(saved).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    } finally {
      await viewerContext.close();
    }
    expect(problems).toEqual([]);
  });
});
