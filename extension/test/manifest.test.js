import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";

const read = (/** @type {string} */ path) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const manifest = JSON.parse(read("manifest.json"));

test("minimal permissions: storage only, no host permissions", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions, ["storage"]);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.optional_permissions, undefined);
  assert.equal(manifest.externally_connectable, undefined);
  assert.equal(manifest.web_accessible_resources, undefined);
  const [cs] = manifest.content_scripts;
  assert.deepEqual(cs.matches, ["http://*/*", "https://*/*"]);
  assert.equal(cs.all_frames, false);
});

test("strict CSP for extension pages, no remote code", () => {
  const csp = manifest.content_security_policy.extension_pages;
  const directives = Object.fromEntries(
    csp.split(";").map((/** @type {string} */ d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
  assert.equal(directives["script-src"], "'self'");
  assert.equal(directives["default-src"], "'none'");
  assert.equal(directives["object-src"], "'none'");
  assert.equal(directives["connect-src"], "https: http://127.0.0.1:* http://localhost:*");
  assert.doesNotMatch(csp, /unsafe|wasm/);
  for (const name of readdirSync(new URL("../src", import.meta.url))) {
    if (!/\.(html|js)$/.test(name)) continue;
    const text = read(`src/${name}`);
    assert.doesNotMatch(text, /<script(?![^>]*src="[a-z]+\.js")/, name); // no inline script
    assert.doesNotMatch(text, /\beval\(|new Function\(|importScripts\(/, name);
    assert.doesNotMatch(text, /src="https?:/, name);
  }
});

test("the service worker keeps no state in globals (it may be stopped at any time)", () => {
  const source = read("src/background.js");
  const topLevel = source.split("\n").filter((line) => /^(let|var)\s/.test(line));
  assert.deepEqual(topLevel, []);
});
