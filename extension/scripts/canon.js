// Reads a JSON list of URLs on stdin; prints, for each, the URL as a browser serialises it (what
// the extension is handed), the canonical URL and host, their SHA-256 hex and the lookup body (tests/test_extension_canon.py compares these with Python's).
import { canonicalHost, canonicalUrl, clientHashes, lookupBody, sha256Hex } from "../src/lib/canon.js";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
/** @type {string[]} */
const urls = JSON.parse(input);
const out = [];
for (const url of urls) {
  const canon = canonicalUrl(url);
  const host = canonicalHost(url);
  let href = null;
  try {
    href = new URL(url).href;
  } catch {
    href = null;
  }
  out.push({
    url,
    href,
    canonical_url: canon,
    canonical_host: host,
    url_hash: canon === null ? null : await sha256Hex(canon),
    host_hash: host === null ? null : await sha256Hex(host),
    prefixes: lookupBody(await clientHashes(url)).prefixes,
  });
}
process.stdout.write(JSON.stringify(out));
