// What may be sent, where, and in which form. Pure functions: unit-tested in node.

import { canonicalHost, httpUrl } from "./canon.js";

/**
 * @typedef {object} Settings
 * @property {string} endpoint      base URL of the scoring endpoint; "" means not configured
 * @property {string} apiKey        sent as X-API-Key
 * @property {boolean} privacyMode  send only hash prefixes to /v1/lookup, never page contents
 * @property {string[]} allowList   host names (and their subdomains) never sent
 * @property {boolean} allowIncognito  check incognito tabs too (off by default)
 */

/** @type {Settings} */
export const DEFAULT_SETTINGS = Object.freeze({
  endpoint: "",
  apiKey: "",
  privacyMode: false,
  allowList: [],
  allowIncognito: false,
});

/**
 * Settings read from storage, with defaults and wrong types replaced.
 * @param {Record<string, unknown>} raw
 * @returns {Settings}
 */
export function normaliseSettings(raw) {
  const list = Array.isArray(raw.allowList) ? raw.allowList : [];
  return {
    endpoint: typeof raw.endpoint === "string" ? raw.endpoint.trim() : "",
    apiKey: typeof raw.apiKey === "string" ? raw.apiKey.trim() : "",
    privacyMode: raw.privacyMode === true,
    allowList: list.map((h) => normaliseHost(String(h))).filter(Boolean),
    allowIncognito: raw.allowIncognito === true,
  };
}

/**
 * An allow-list entry as typed by a user ("Example.COM.", "https://a.example/x") -> "example.com".
 * @param {string} entry
 * @returns {string}
 */
export function normaliseHost(entry) {
  const text = entry.trim();
  if (!text) return "";
  const host = canonicalHost(text.includes("://") ? text : `https://${text}`);
  return host || "";
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Why `endpoint` cannot be used, or "" when it can: https, or http on loopback only (development).
 * @param {string} endpoint
 * @returns {string}
 */
export function endpointProblem(endpoint) {
  if (!endpoint) return "no endpoint configured";
  const u = httpUrl(endpoint);
  if (!u) return "the endpoint must be an http(s) URL";
  if (u.username || u.password) return "the endpoint must not carry a user name or password";
  if (u.search || u.hash) return "the endpoint must not carry a query or fragment";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (u.protocol === "http:" && !LOOPBACK_NAMES.has(host)) {
    return "the endpoint must use https (plain http only on 127.0.0.1 or localhost)";
  }
  return "";
}

/**
 * `base` + "/v1/..." with exactly one slash between them.
 * @param {string} base
 * @param {string} route  e.g. "v1/score"
 * @returns {string}
 */
export function routeUrl(base, route) {
  return `${base.replace(/\/+$/, "")}/${route}`;
}

/**
 * Four numbers of a dotted-decimal IPv4 address, or null.
 * @param {string} host
 * @returns {number[] | null}
 */
function ipv4(host) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/**
 * @param {number[]} p  four octets
 * @returns {boolean}
 */
function privateV4(p) {
  const [a, b, c] = p;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 || // multicast, reserved, broadcast
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) // benchmarking
  );
}

/**
 * Eight 16-bit groups of an IPv6 address as the URL parser writes it (compressed, lower-case,
 * an embedded IPv4 already in hex), or null.
 * @param {string} host
 * @returns {number[] | null}
 */
function ipv6(host) {
  if (!host.includes(":")) return null;
  const halves = host.split("::");
  if (halves.length > 2) return null;
  /** @param {string} s */
  const groups = (s) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const all = [...head, ...Array(fill).fill(0), ...tail];
  return all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

/**
 * @param {number[]} g  eight groups
 * @returns {boolean}
 */
function privateV6(g) {
  const zeroHead = g.slice(0, 5).every((x) => x === 0);
  if (zeroHead && g[5] === 0xffff) {
    // IPv4-mapped ::ffff:a.b.c.d
    return privateV4([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]);
  }
  if (g.slice(0, 7).every((x) => x === 0)) return g[7] <= 1; // :: and ::1
  return (
    (g[0] & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g[0] & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (g[0] & 0xff00) === 0xff00 // multicast
  );
}

const PRIVATE_SUFFIXES = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet"];

/**
 * True when the host of `raw` is a private, loopback, link-local, CGNAT or metadata address
 * literal, or a name that only makes sense inside a private network (localhost, *.local, a name
 * without a dot). Names are not resolved here: see README.md.
 * @param {string} raw
 * @returns {boolean}
 */
export function isPrivateAddress(raw) {
  const u = httpUrl(raw);
  if (!u) return false;
  const host = u.hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "").toLowerCase();
  const v4 = ipv4(host);
  if (v4) return privateV4(v4);
  const v6 = ipv6(host);
  if (v6) return privateV6(v6);
  if (host === "localhost" || !host.includes(".")) return true;
  return PRIVATE_SUFFIXES.some((s) => host.endsWith(s));
}

/**
 * True when the host of `raw` is on the allow-list, or a subdomain of an entry.
 * @param {string} raw
 * @param {string[]} allowList  normalised hosts
 * @returns {boolean}
 */
export function isAllowListed(raw, allowList) {
  const host = canonicalHost(raw);
  if (!host) return false;
  return allowList.some((entry) => host === entry || host.endsWith(`.${entry}`));
}

/**
 * @typedef {object} Decision
 * @property {"snapshot" | "lookup" | "none"} action  what the extension sends for this page
 * @property {"unconfigured" | "scheme" | "private" | "allowed" | "incognito" | ""} why
 */

/**
 * What the extension may send for a page at `url` (the privacy rules of README.md, in order).
 * @param {string} url
 * @param {boolean} incognito
 * @param {Settings} settings
 * @returns {Decision}
 */
export function decide(url, incognito, settings) {
  if (endpointProblem(settings.endpoint)) return { action: "none", why: "unconfigured" };
  if (!httpUrl(url)) return { action: "none", why: "scheme" };
  if (incognito && !settings.allowIncognito) return { action: "none", why: "incognito" };
  if (isPrivateAddress(url)) return { action: "none", why: "private" };
  if (isAllowListed(url, settings.allowList)) return { action: "none", why: "allowed" };
  return { action: settings.privacyMode ? "lookup" : "snapshot", why: "" };
}
