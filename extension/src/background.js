// Service worker: decides what may be sent, talks to the endpoint, sets the badge, asks the tab
// for the banner. It can be stopped at any moment, so everything it knows lives in chrome.storage
// (settings, last error and dismissed sites in `local`, per-tab outcomes in `session`).

import { canonicalHost, clientHashes, lookupBody } from "./lib/canon.js";
import { decide, normaliseSettings, routeUrl } from "./lib/policy.js";
import {
  NO_ANSWER,
  badgeFor,
  describeError,
  fromLookup,
  fromVerdict,
  pauseFor,
  wantsBanner,
} from "./lib/verdict.js";

/** @typedef {import("./lib/verdict.js").Outcome} Outcome */

export const TIMEOUT_MS = 8000; // the page never waits for this: it loads before anything is sent
export const MAX_HTML_CHARS = 1_500_000; // the content script trims to this; checked again here

/** @returns {Promise<import("./lib/policy.js").Settings>} */
async function settings() {
  return normaliseSettings(
    await chrome.storage.local.get(["endpoint", "apiKey", "privacyMode", "allowList", "allowIncognito"]),
  );
}

/**
 * @param {number} tabId
 * @param {string} url
 * @param {Outcome} outcome
 */
async function show(tabId, url, outcome) {
  const badge = badgeFor(outcome);
  await chrome.storage.session.set({ [`tab:${tabId}`]: { url, ...outcome, badge: badge.text } });
  try {
    await chrome.action.setBadgeText({ tabId, text: badge.text });
    await chrome.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    await chrome.action.setTitle({ tabId, title: badge.title });
  } catch {
    return; // the tab was closed meanwhile
  }
  if (!wantsBanner(outcome)) return;
  const host = canonicalHost(url) || "";
  /** @type {{dismissed?: Record<string, boolean>}} */
  const { dismissed = {} } = await chrome.storage.local.get("dismissed");
  if (dismissed[host]) return;
  chrome.tabs
    .sendMessage(tabId, { type: "banner", reasons: outcome.reasons, host })
    .catch(() => undefined);
}

/** @param {string} message */
async function recordError(message) {
  await chrome.storage.local.set({ lastError: { at: new Date().toISOString(), message } });
}

/**
 * Whether the configured endpoint asked for a pause (a 429 or 503, see `pauseFor`) that has not
 * ended: automatic checks then send nothing. Kept in `session` storage, for that endpoint only.
 * @param {import("./lib/policy.js").Settings} s
 */
async function paused(s) {
  /** @type {{pause?: {endpoint: string, until: number}}} */
  const { pause } = await chrome.storage.session.get("pause");
  return Boolean(pause && pause.endpoint === s.endpoint && Date.now() < pause.until);
}

/**
 * POST `body` as JSON to `route` of the configured endpoint; the parsed answer, or null after
 * recording why it failed. An answer asking for a pause starts one (see `paused`).
 * @param {import("./lib/policy.js").Settings} s
 * @param {string} route
 * @param {unknown} body
 * @returns {Promise<any>}
 */
async function post(s, route, body) {
  let response;
  try {
    response = await fetch(routeUrl(s.endpoint, route), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-API-Key": s.apiKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch (err) {
    await recordError(describeError(err));
    return null;
  }
  if (!response.ok) {
    const pause = pauseFor(response.status, response.headers.get("Retry-After"));
    if (pause > 0) {
      await chrome.storage.session.set({ pause: { endpoint: s.endpoint, until: Date.now() + pause } });
    }
    await recordError(describeError(null, response.status, pause));
    return null;
  }
  try {
    const answer = await response.json();
    await chrome.storage.local.set({ lastOk: new Date().toISOString() });
    return answer;
  } catch (err) {
    await recordError("the endpoint's answer was not JSON");
    return null;
  }
}

/**
 * Whether `url` is still what tab `tabId` shows (a slow answer must not land on the next page).
 * @param {number} tabId
 * @param {string} url
 */
async function stillOn(tabId, url) {
  const key = `tab:${tabId}`;
  /** @type {any} */
  const { [key]: state } = await chrome.storage.session.get(key);
  return !state || state.url === url;
}

/**
 * @param {number} tabId
 * @param {string} url
 * @param {Outcome | null} outcome  null: no answer
 */
async function finish(tabId, url, outcome) {
  if (!(await stillOn(tabId, url))) return;
  await show(tabId, url, outcome ?? { label: null, note: NO_ANSWER.error, reasons: [], verdictId: null });
}

/**
 * @param {number} tabId
 * @param {string} url
 * @param {import("./lib/policy.js").Settings} s
 */
async function lookup(tabId, url, s) {
  const mine = await clientHashes(url);
  const answer = await post(s, "v1/lookup", lookupBody(mine));
  await finish(tabId, url, answer ? fromLookup(answer, mine) : null);
}

/**
 * @param {number} tabId
 * @param {string} url
 * @param {any} snap  from the content script; only html is taken from it
 */
async function score(tabId, url, snap) {
  const s = await settings();
  if (decide(url, false, s).action !== "snapshot") return; // settings changed meanwhile
  if (await paused(s)) {
    await finish(tabId, url, { label: null, note: NO_ANSWER.paused, reasons: [], verdictId: null });
    return;
  }
  const html = typeof snap?.html === "string" ? snap.html.slice(0, MAX_HTML_CHARS) : "";
  const body = { url, kind: "page", html, id: `tab-${tabId}-${Date.now()}` };
  const answer = await post(s, "v1/score", body);
  await finish(tabId, url, answer ? fromVerdict(answer) : null);
}

/**
 * A content script says a page finished loading: decide, set the badge, and tell it whether to
 * capture the page.
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<{capture: boolean}>}
 */
async function check(sender) {
  const tabId = sender.tab?.id;
  const url = sender.url || "";
  if (tabId === undefined || sender.frameId !== 0) return { capture: false };
  const s = await settings();
  const decision = decide(url, Boolean(sender.tab?.incognito), s);
  /** @type {Outcome} */
  const pending = { label: null, note: NO_ANSWER.pending, reasons: [], verdictId: null };
  if (decision.action === "none") {
    await show(tabId, url, { ...pending, note: NO_ANSWER[decision.why || "error"] });
    return { capture: false };
  }
  if (await paused(s)) {
    await show(tabId, url, { ...pending, note: NO_ANSWER.paused });
    return { capture: false };
  }
  await show(tabId, url, pending);
  if (decision.action === "lookup") {
    lookup(tabId, url, s).catch(() => undefined);
    return { capture: false };
  }
  return { capture: true };
}

/**
 * "Report a wrong verdict" for tab `tabId`: the page's URL, what the user says it should be, and
 * the verdict's id. From the banner (a content script) or the popup (an extension page).
 * @param {number} tabId
 * @param {string} expected
 * @returns {Promise<{ok: boolean, message: string}>}
 */
async function report(tabId, expected) {
  const s = await settings();
  const key = `tab:${tabId}`;
  /** @type {any} */
  const { [key]: state } = await chrome.storage.session.get(key);
  // only pages that got an answer: that excludes everything the privacy rules keep back
  if (!state || !state.label || decide(state.url, false, s).action !== "snapshot") {
    return { ok: false, message: "Reports are off for this page (they send its address)." };
  }
  /** @type {Record<string, unknown>} */
  const body = { url: state.url, expected: expected === "scam" ? "scam" : "benign" };
  if (state.verdictId !== null && state.verdictId !== undefined) body.verdict_id = state.verdictId;
  const answer = await post(s, "v1/report", body);
  return answer
    ? { ok: true, message: "Thank you: reported for review." }
    : { ok: false, message: "The report could not be sent." };
}

/**
 * @param {chrome.runtime.MessageSender} sender
 */
async function dismiss(sender) {
  const host = canonicalHost(sender.url || "");
  if (!host) return;
  /** @type {{dismissed?: Record<string, boolean>}} */
  const { dismissed = {} } = await chrome.storage.local.get("dismissed");
  await chrome.storage.local.set({ dismissed: { ...dismissed, [host]: true } });
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (sender.id !== chrome.runtime.id || !message || typeof message.type !== "string") return false;
  /** @type {Promise<unknown> | null} */
  let work = null;
  if (message.type === "check") work = check(sender);
  else if (message.type === "snapshot" && sender.tab?.id !== undefined && sender.frameId === 0) {
    work = score(sender.tab.id, sender.url || "", message.snapshot).then(() => ({}));
  } else if (message.type === "report") {
    // from the banner: the sender's own tab; from the popup (an extension page): the tab it names
    const own = sender.url?.startsWith(chrome.runtime.getURL(""));
    const tabId = own ? message.tabId : sender.tab?.id;
    if (typeof tabId === "number") work = report(tabId, String(message.expected));
  } else if (message.type === "dismiss") work = dismiss(sender).then(() => ({}));
  if (!work) return false;
  work.then(reply, () => reply({ ok: false, message: "internal error" }));
  return true;
});

// A page that is loading has no answer yet; pages the content script never sees (chrome://,
// file://, the web store) keep the default "?".
chrome.tabs.onUpdated.addListener((tabId, info) => {
  if (info.status !== "loading") return;
  chrome.action.setBadgeText({ tabId, text: "?" }).catch(() => undefined);
});
chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(`tab:${tabId}`).catch(() => undefined);
});

/** The default badge for every tab until an answer arrives. */
function defaults() {
  chrome.action.setBadgeText({ text: "?" }).catch(() => undefined);
  chrome.action.setBadgeBackgroundColor({ color: "#757575" }).catch(() => undefined);
}
chrome.runtime.onInstalled.addListener(defaults);
chrome.runtime.onStartup.addListener(defaults);
