// Canonical URL and host for privacy-mode lookups, hashed with SHA-256. Must give the same strings
// as detector/serve/lookup.py (tests/test_extension_canon.py compares the two on a table of URLs).

const DEFAULT_PORTS = { "http:": "80", "https:": "443" };

/**
 * The WHATWG URL of `raw` when it is http(s) with a host, else null.
 * @param {string} raw
 * @returns {URL | null}
 */
export function httpUrl(raw) {
  let u;
  try {
    u = new URL(String(raw).trim());
  } catch {
    return null;
  }
  if (!(u.protocol in DEFAULT_PORTS) || !u.hostname) return null;
  return u;
}

/**
 * The lookup form of the host: lower-case A-labels, no trailing dot, no IPv6 brackets.
 * @param {URL} u
 * @returns {string}
 */
function bareHost(u) {
  return u.hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "").toLowerCase();
}

/**
 * `scheme://host[:port]path[?query]` (see docs/serve.md), or null for a non-http(s) URL.
 * @param {string} raw
 * @returns {string | null}
 */
export function canonicalUrl(raw) {
  const u = httpUrl(raw);
  if (!u) return null;
  const host = bareHost(u);
  if (!host) return null;
  let netloc = host.includes(":") ? `[${host}]` : host;
  if (u.port && u.port !== DEFAULT_PORTS[/** @type {"http:"|"https:"} */ (u.protocol)]) {
    netloc += `:${u.port}`;
  }
  return `${u.protocol}//${netloc}${u.pathname || "/"}${u.search}`;
}

/**
 * The lookup form of the host of `raw`, or null.
 * @param {string} raw
 * @returns {string | null}
 */
export function canonicalHost(raw) {
  const u = httpUrl(raw);
  return u ? bareHost(u) || null : null;
}

/**
 * Lower-case hex SHA-256 of the UTF-8 bytes of `text` (WebCrypto: service worker and node).
 * @param {string} text
 * @returns {Promise<string>}
 */
export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * What a privacy-mode client keeps locally: full hash -> "url" | "host".
 * @param {string} raw
 * @returns {Promise<Map<string, "url" | "host">>}
 */
export async function clientHashes(raw) {
  /** @type {Map<string, "url" | "host">} */
  const out = new Map();
  const host = canonicalHost(raw);
  const canon = canonicalUrl(raw);
  if (host) out.set(await sha256Hex(host), "host");
  if (canon) out.set(await sha256Hex(canon), "url");
  return out;
}

/**
 * The `POST /v1/lookup` body: sorted unique prefixes of `digits` hex digits (4 to 8), nothing else.
 * @param {Map<string, string>} hashes
 * @param {number} [digits]
 * @returns {{prefixes: string[]}}
 */
export function lookupBody(hashes, digits = 8) {
  if (!(digits >= 4 && digits <= 8)) throw new RangeError("prefixes are 4 to 8 hex digits");
  return { prefixes: [...new Set([...hashes.keys()].map((h) => h.slice(0, digits)))].sort() };
}

/**
 * Extension id Chrome derives from the manifest `key` (base64 DER public key): the first 32 hex
 * digits of its SHA-256, each digit mapped 0-f -> a-p.
 * @param {string} keyBase64
 * @returns {Promise<string>}
 */
export async function extensionIdFromKey(keyBase64) {
  const der = Uint8Array.from(atob(keyBase64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  let id = "";
  for (const b of digest.slice(0, 16)) {
    id += String.fromCharCode(97 + (b >> 4), 97 + (b & 15));
  }
  return id;
}
