import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  canonicalHost,
  canonicalUrl,
  clientHashes,
  extensionIdFromKey,
  lookupBody,
  sha256Hex,
} from "../src/lib/canon.js";

test("canonical URL: case, default port, trailing dot, user info, fragment, empty path", () => {
  assert.equal(canonicalUrl("HTTPS://User:pw@Lure.EXAMPLE.:443#frag"), "https://lure.example/");
  assert.equal(canonicalUrl("http://a.example:8080/x?b=1&a=2#f"), "http://a.example:8080/x?b=1&a=2");
  assert.equal(canonicalUrl("https://bücher.example/"), "https://xn--bcher-kva.example/");
  assert.equal(canonicalUrl("http://[::1]:80/"), "http://[::1]/");
  assert.equal(canonicalUrl("ftp://a.example/"), null);
  assert.equal(canonicalUrl("not a url"), null);
});

test("canonical host drops port and brackets", () => {
  assert.equal(canonicalHost("https://WWW.Example.com.:8443/p"), "www.example.com");
  assert.equal(canonicalHost("http://[2001:db8::1]/"), "2001:db8::1");
  assert.equal(canonicalHost("chrome://settings"), null);
});

test("sha256 of a known string", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

test("lookup body holds 8-digit prefixes only, never the URL or a full hash", async () => {
  const url = "https://lure.example/who-viewed?ref=1";
  const hashes = await clientHashes(url);
  assert.deepEqual([...hashes.values()].sort(), ["host", "url"]);
  const body = lookupBody(hashes);
  assert.deepEqual(Object.keys(body), ["prefixes"]);
  assert.equal(body.prefixes.length, 2);
  for (const p of body.prefixes) assert.match(p, /^[0-9a-f]{8}$/);
  const text = JSON.stringify(body);
  assert.ok(!text.includes("lure") && ![...hashes.keys()].some((h) => text.includes(h)));
  assert.throws(() => lookupBody(hashes, 64), RangeError);
  assert.deepEqual(lookupBody(hashes, 4).prefixes.every((p) => p.length === 4), true);
});

test("extension id from the manifest key is stable and well formed", async () => {
  const manifest = JSON.parse(readFileSync(new URL("../manifest.json", import.meta.url), "utf8"));
  const id = await extensionIdFromKey(manifest.key);
  assert.match(id, /^[a-p]{32}$/);
  assert.equal(id, await extensionIdFromKey(manifest.key));
});
