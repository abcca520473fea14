// The dashboard end to end in a real browser: Debian's chromium driven by playwright-core
// (headless, with its calls out to the network switched off), against the service started
// on the bundled demo shop (import and training take ~30 s). Signs in, checks the demo's
// counts, that every chart draws, that a shopper lookup shows a list with reasons, and
// saves a screenshot of each page to test-artifacts/dashboard-<page>.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../server/serve.js";
import { projectRoot } from "../server/project-root.js";
import { testConfig } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(projectRoot(), "test-artifacts");
const SHOPPER = "17850";

describe.skipIf(!existsSync(CHROMIUM))(`the dashboard in chromium (skipped without ${CHROMIUM}: apt-get install chromium)`, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let secret: string;
  let dataDir: string;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    // A data directory of the suite's own: the helpers' temporary ones go after each test, and the models folder with them.
    dataDir = mkdtempSync(join(tmpdir(), "tuijian-dashboard-"));
    server = await startServer(testConfig({ demo: true, port: 0, host: "127.0.0.1", dataDir }));
    base = `http://127.0.0.1:${server.port}`;
    secret = (await server.runtime.keys.create({ name: "dashboard-test", scope: "admin" }, "test")).secret;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("request", (r) => {
      if (!r.url().startsWith(base)) elsewhere.push(r.url());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
  const figure = (id: string) => page.locator(`[data-figure="${id}"]`).innerText();
  /** Drawn pixels of the chart's canvas, and the points it was given. */
  const drawn = (selector: string) =>
    page.$eval(selector, (el) => {
      const canvas = el.querySelector("canvas");
      if (!canvas || canvas.width === 0) return { pixels: 0, points: 0 };
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let pixels = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) pixels++;
      return { pixels, points: Number((el as HTMLElement).dataset.points) };
    });

  it("refuses a wrong key with the service's 401 message, then signs in with an admin key", async () => {
    await page.goto(`${base}/dashboard`);
    await page.fill("#sign-in input[name=key]", "tj_not-a-key");
    await page.click("#sign-in button");
    await expect.poll(() => page.locator("#sign-in-error").innerText()).toMatch(/unknown, revoked or expired/);
    await page.fill("#sign-in input[name=key]", secret);
    await page.click("#sign-in button");
    await page.waitForSelector('[data-figure="items"]');
    expect(await page.evaluate(() => sessionStorage.getItem("tuijian.adminKey"))).toBe(secret);
  });

  it("overview: the demo's counts, the model, and three charts drawn", async () => {
    const { store, recommender } = server.runtime;
    const count = (n: number) => n.toLocaleString("en");
    expect(await figure("items")).toBe(count(await store.items.count()));
    expect(await figure("shoppers")).toBe(count(await store.users.count()));
    expect(await figure("events")).toBe(count(await store.events.count()));
    expect(await figure("model")).toBe(recommender.version);
    // The newest version's validation figures, NDCG among them, in the history table.
    const [headings, newest] = await page.evaluate(() => {
      const cells = (row: Element | null) => Array.from(row?.children ?? [], (c) => (c as HTMLElement).innerText);
      return [cells(document.querySelector("#history thead tr")), cells(document.querySelector("#history tbody tr"))];
    });
    for (const name of ["Recall", "NDCG", "Coverage"]) {
      const value = Number(newest[headings.indexOf(name)]);
      expect(value, name).toBeGreaterThan(0);
      expect(value, name).toBeLessThan(1);
    }
    for (const chart of ["#chart-events", "#chart-fit", "#chart-weights"]) {
      const { pixels, points } = await drawn(chart);
      expect(points, chart).toBeGreaterThan(0);
      expect(pixels, chart).toBeGreaterThan(1000);
    }
    await shot("overview");
  });

  it("traffic: requests and latency from /metrics, redrawn as readings come", async () => {
    await page.goto(`${base}/dashboard#/traffic`);
    await expect.poll(async () => (await drawn("#chart-rate")).points, { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    expect((await drawn("#chart-rate")).pixels).toBeGreaterThan(1000);
    expect((await drawn("#chart-latency")).pixels).toBeGreaterThan(1000);
    expect(Number((await figure("requests")).replace(/,/g, ""))).toBeGreaterThan(0);
    await shot("traffic");
  });

  it("catalogue: a page of items, a search, coverage and the most recommended", async () => {
    await page.goto(`${base}/dashboard#/catalogue`);
    await page.waitForSelector("#items tbody tr");
    expect(await page.locator("#items tbody tr").count()).toBe(25);
    await page.waitForSelector('[data-figure="coverage"]', { timeout: 60_000 });
    expect(await figure("coverage")).toMatch(/^\d+(\.\d)? %$/);
    await shot("catalogue");
    await page.fill("#item-search input[name=q]", "heart");
    await page.click("#item-search button");
    await expect.poll(() => page.locator("#items tbody tr").first().innerText()).toMatch(/HEART/);
  });

  it("shopper lookup: attributes, recent events and the list with a reason for each item", async () => {
    await page.goto(`${base}/dashboard#/shopper`);
    await page.fill("#shopper-lookup input", SHOPPER);
    await page.click("#shopper-lookup button");
    await page.waitForSelector("#shopper-list tbody tr");
    const rows = await page.locator("#shopper-list tbody tr").allInnerTexts();
    expect(rows.length).toBe(10);
    for (const row of rows) expect(row.split("\t").at(-1)!.trim()).not.toBe("");
    expect(await page.locator("#shopper-value").innerText()).toMatch(/purchase days, spent/);
    await shot("shopper");
  });

  it("KPIs: revenue and rates charted per week, cohorts and segments tabled", async () => {
    await page.goto(`${base}/dashboard#/kpis`);
    await page.waitForSelector("#cohorts tbody tr", { timeout: 60_000 });
    expect(Number((await figure("orders")).replace(/,/g, ""))).toBeGreaterThan(100);
    expect((await drawn("#chart-revenue")).pixels).toBeGreaterThan(1000);
    expect((await drawn("#chart-rates")).pixels).toBeGreaterThan(1000);
    expect(await page.locator("#segments tbody tr").count()).toBe(6);
    await shot("kpis");
  });

  it("experiments: created from the form, started, and its report read", async () => {
    await page.goto(`${base}/dashboard#/experiments`);
    await page.fill("#new-experiment input[name=id]", "from-the-dashboard");
    await page.click("#new-experiment button");
    await page.waitForSelector("#experiments tbody tr");
    await page.click("#experiments tbody tr button");
    await expect.poll(() => page.locator("#experiments tbody tr").first().innerText()).toMatch(/running/);
    // Shoppers' lists now take part: the report counts them once the recorder has written them (within a second).
    // Asked with a read key, as a storefront does: the admin key's 20 a second (burst 40) is the dashboard's.
    const storefront = (await server.runtime.keys.create({ name: "dashboard-test-storefront", scope: "read" }, "test")).secret;
    const shoppers = (await server.runtime.store.users.allIds()).slice(0, 40);
    for (const user of shoppers) {
      const res = await fetch(`${base}/recommend?user=${user}`, { headers: { authorization: `Bearer ${storefront}` } });
      expect(res.status, await res.text()).toBe(200);
    }
    // The report read again until the recorder's batch is in (a second, or longer on a loaded machine).
    const listsReported = async () => {
      await page.goto(`${base}/dashboard#/experiments`);
      await page.click("#experiments tbody tr a");
      await page.waitForSelector("#report tbody tr");
      return (await page.locator("#report tbody tr td:nth-child(2)").allInnerTexts()).map(Number).reduce((a, b) => a + b, 0);
    };
    await expect.poll(listsReported, { timeout: 15_000, interval: 1000 }).toBe(shoppers.length);
    expect(await page.locator("#decision").innerText()).toMatch(/No difference shown|is better/);
    await shot("experiments");
  });

  it("called nothing but the service", () => {
    expect(elsewhere).toEqual([]);
  });
});
