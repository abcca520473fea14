// The dashboard: a sign-in form, then one page per hash route (#/overview …). Each page is
// a module with render(main) that may return a function stopping its timers. A feature
// with a page of its own (experiments, KPIs, segments) adds one entry to PAGES.
import { ApiError, get, signIn, signOut, signedIn } from "./api.js";
import { h } from "./dom.js";
import * as overview from "./pages/overview.js";
import * as traffic from "./pages/traffic.js";
import * as catalogue from "./pages/catalogue.js";
import * as shopper from "./pages/shopper.js";
import * as kpis from "./pages/kpis.js";
import * as experiments from "./pages/experiments.js";

const PAGES = [
  { path: "overview", title: "Overview", page: overview },
  { path: "traffic", title: "Traffic", page: traffic },
  { path: "catalogue", title: "Catalogue", page: catalogue },
  { path: "shopper", title: "Shopper", page: shopper },
  { path: "kpis", title: "KPIs", page: kpis },
  { path: "experiments", title: "Experiments", page: experiments },
];

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const signOutButton = document.getElementById("sign-out");
let stop;

function showSignIn(message) {
  nav.replaceChildren();
  signOutButton.hidden = true;
  const input = h("input", { type: "password", name: "key", placeholder: "tj_…", autocomplete: "off", required: true });
  const error = h("p.error", { id: "sign-in-error" }, message ?? "");
  const form = h("form.sign-in", { id: "sign-in" },
    h("h2", {}, "Sign in with an admin key"),
    h("p.muted", {}, "Create one with: tuijian keys create --scope admin --name NAME. It is kept in this tab only."),
    input, h("button", { type: "submit" }, "Sign in"), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    signIn(input.value.trim());
    try {
      await get("/stats?days=1");
      route();
    } catch (err) {
      signOut();
      error.textContent = err.message;
    }
  });
  main.replaceChildren(form);
  input.focus();
}

async function route() {
  stop?.();
  stop = undefined;
  if (!signedIn()) return showSignIn();
  signOutButton.hidden = false;
  const wanted = location.hash.replace(/^#\/?/, "").split("?")[0];
  const current = PAGES.find((p) => p.path === wanted) ?? PAGES[0];
  nav.replaceChildren(...PAGES.map((p) => h("a", { href: `#/${p.path}`, class: p === current ? "active" : undefined }, p.title)));
  main.replaceChildren(h("p.muted", {}, "Loading…"));
  try {
    stop = await current.page.render(main);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      signOut();
      return showSignIn(err.message);
    }
    main.replaceChildren(h("p.error", {}, err.message));
  }
}

signOutButton.addEventListener("click", () => {
  signOut();
  route();
});
window.addEventListener("hashchange", route);
route();
