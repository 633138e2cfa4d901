// From an endpoint answer to what the user sees: badge text, colour, tooltip, banner reasons.

/**
 * @typedef {object} Reason
 * @property {string} code
 * @property {string} message
 */

/**
 * @typedef {object} Outcome  what the extension keeps per tab (chrome.storage.session)
 * @property {"scam" | "suspicious" | "benign" | "unverified" | null} label  null: no answer
 * @property {string} note     why there is no answer, or where the answer came from
 * @property {Reason[]} reasons
 * @property {string | number | null} verdictId
 */

/**
 * @typedef {object} Badge
 * @property {string} text
 * @property {string} color
 * @property {string} title
 */

/** @type {Record<string, Badge>} */
const BADGES = {
  scam: { text: "SCAM", color: "#b71c1c", title: "Scam: this page looks like a TikTok viewer scam" },
  suspicious: { text: "SUS", color: "#e65100", title: "Suspicious: be careful on this page" },
  benign: { text: "OK", color: "#2e7d32", title: "No scam signs found on this page" },
};

/** Plain-words explanations of why a page has no answer. */
export const NO_ANSWER = Object.freeze({
  unconfigured: "not checked: no endpoint configured (see the options page)",
  scheme: "not checked: only http and https pages are checked",
  private: "not checked: private or local address",
  allowed: "not checked: on your allow-list",
  incognito: "not checked: incognito tabs are off in the options",
  error: "no answer from the endpoint (the options page says why)",
  paused: "not checked: the endpoint asked the extension to wait (the options page says why)",
  unknown: "the endpoint knows nothing about this page",
  unverified: "the endpoint could not read this page, only its address",
  pending: "checking...",
});

/**
 * The toolbar badge for an outcome: SCAM, SUS, OK, or "?" for no answer. Allow-listed pages show
 * OK (the user vouched for them) without anything having been sent.
 * @param {Outcome} outcome
 * @returns {Badge}
 */
export function badgeFor(outcome) {
  if (outcome.label && outcome.label in BADGES) {
    const b = BADGES[outcome.label];
    return outcome.note ? { ...b, title: `${b.title} (${outcome.note})` } : b;
  }
  if (outcome.note === NO_ANSWER.allowed) {
    return { text: "OK", color: "#546e7a", title: NO_ANSWER.allowed };
  }
  return { text: "?", color: "#757575", title: outcome.note || NO_ANSWER.error };
}

/**
 * Whether the in-page warning banner is shown for an outcome.
 * @param {Outcome} outcome
 * @returns {boolean}
 */
export function wantsBanner(outcome) {
  return outcome.label === "scam";
}

/**
 * At most `n` reasons with a non-empty message, heaviest first as the endpoint orders them.
 * @param {unknown} reasons
 * @param {number} [n]
 * @returns {Reason[]}
 */
export function topReasons(reasons, n = 3) {
  if (!Array.isArray(reasons)) return [];
  /** @type {Reason[]} */
  const out = [];
  for (const r of reasons) {
    if (r && typeof r === "object" && typeof r.message === "string" && r.message.trim()) {
      out.push({ code: String(r.code ?? ""), message: r.message.trim().slice(0, 300) });
      if (out.length >= n) break;
    }
  }
  return out;
}

const LABELS = new Set(["scam", "suspicious", "benign", "unverified"]);

/**
 * @param {unknown} label
 * @returns {Outcome["label"]}
 */
function asLabel(label) {
  return typeof label === "string" && LABELS.has(label)
    ? /** @type {Outcome["label"]} */ (label)
    : null;
}

/**
 * The outcome of a `POST /v1/score` answer.
 * @param {any} verdict
 * @returns {Outcome}
 */
export function fromVerdict(verdict) {
  const label = asLabel(verdict?.label);
  if (!label || verdict?.error) {
    return { label: null, note: NO_ANSWER.error, reasons: [], verdictId: null };
  }
  return {
    label: label === "unverified" ? null : label,
    note: label === "unverified" ? NO_ANSWER.unverified : "",
    reasons: topReasons(verdict.reasons),
    verdictId: verdict.id ?? null,
  };
}

/**
 * The outcome of a `POST /v1/lookup` answer: only entries whose full hash is this page's own count.
 * A URL entry gives its label; otherwise a host with flagged pages makes the page suspicious.
 * @param {any} answer
 * @param {Map<string, "url" | "host">} mine  this page's full hashes (clientHashes)
 * @returns {Outcome}
 */
export function fromLookup(answer, mine) {
  const matches = Array.isArray(answer?.matches) ? answer.matches : [];
  const own = matches.filter(
    (/** @type {any} */ m) => m && typeof m.hash === "string" && mine.get(m.hash) === m.kind,
  );
  const url = own.find((/** @type {any} */ m) => m.kind === "url" && m.verdict);
  if (url) {
    const label = asLabel(url.verdict.label);
    if (label && label !== "unverified") {
      return { label, note: "", reasons: topReasons(url.verdict.reasons), verdictId: null };
    }
  }
  const host = own.find((/** @type {any} */ m) => m.kind === "host" && m.host);
  if (host && Number(host.host.flagged) > 0) {
    return {
      label: "suspicious",
      note: "other pages on this site were flagged",
      reasons: [],
      verdictId: null,
    };
  }
  return { label: null, note: NO_ANSWER.unknown, reasons: [], verdictId: null };
}

/** A pause the endpoint asks for is honoured up to this long (a wrong header cannot mute it). */
export const MAX_PAUSE_MS = 10 * 60 * 1000;
/** The pause after a 429 that names none, or a Retry-After that cannot be read. */
export const DEFAULT_PAUSE_MS = 10 * 1000;

/**
 * How long to send nothing after an answer with `status` and this Retry-After header (seconds,
 * or an HTTP date): 0 unless the endpoint is rate-limiting (429) or says it is busy or starting
 * (503 with Retry-After; a 503 without one, such as reports being off, pauses nothing).
 * @param {number} status
 * @param {string | null} retryAfter
 * @param {number} [now]  ms since the epoch
 * @returns {number} milliseconds
 */
export function pauseFor(status, retryAfter, now = Date.now()) {
  if (status !== 429 && status !== 503) return 0;
  const text = (retryAfter || "").trim();
  if (status === 503 && !text) return 0;
  let ms = NaN;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/[a-z]/i.test(text)) ms = Date.parse(text) - now; // an HTTP date names its day
  if (!Number.isFinite(ms)) ms = DEFAULT_PAUSE_MS;
  return Math.min(Math.max(ms, 0), MAX_PAUSE_MS);
}

/**
 * A short plain-words description of a failed request, for the options page.
 * @param {unknown} err
 * @param {number} [status]
 * @param {number} [pauseMs]  how long the extension now waits before asking again
 * @returns {string}
 */
export function describeError(err, status, pauseMs = 0) {
  const wait = pauseMs > 0 ? `; the extension waits ${Math.ceil(pauseMs / 1000)} s before asking again` : "";
  if (status === 401) return "the endpoint refused the API key (401)";
  if (status === 429) return `the endpoint's rate limit was reached (429)${wait}`;
  if (status === 503) return `the endpoint is busy or starting up (503)${wait}`;
  if (status === 413) return "the page was too large for the endpoint (413)";
  if (status !== undefined && status >= 500) return `the endpoint failed (${status})`;
  if (status !== undefined) return `the endpoint answered ${status}`;
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || name === "AbortError") return "the endpoint did not answer in time";
  return "the endpoint could not be reached (down, blocked by CORS, or no network)";
}
