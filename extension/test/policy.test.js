import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DEFAULT_SETTINGS,
  decide,
  endpointProblem,
  isAllowListed,
  isPrivateAddress,
  normaliseHost,
  normaliseSettings,
  routeUrl,
} from "../src/lib/policy.js";

const ON = normaliseSettings({ endpoint: "https://score.example/", apiKey: "k" });

test("nothing is sent until an endpoint is configured", () => {
  assert.deepEqual(decide("https://lure.example/", false, DEFAULT_SETTINGS), {
    action: "none",
    why: "unconfigured",
  });
  assert.equal(decide("https://lure.example/", false, ON).action, "snapshot");
});

test("only http(s) pages are sent", () => {
  for (const url of ["file:///etc/passwd", "chrome://settings", "data:text/html,hi", "ftp://a.example/"]) {
    assert.deepEqual(decide(url, false, ON), { action: "none", why: "scheme" });
  }
});

test("private, loopback, link-local, CGNAT and metadata addresses are never sent", () => {
  const inside = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8080/x",
    "http://0x7f000001/", // the URL parser turns this into 127.0.0.1
    "http://2130706433/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://localhost:3000/",
    "http://app.localhost/",
    "http://printer.local/",
    "http://intranet/",
    "http://router.home.arpa/",
  ];
  for (const url of inside) {
    assert.equal(isPrivateAddress(url), true, url);
    assert.deepEqual(decide(url, false, ON), { action: "none", why: "private" }, url);
  }
  const outside = [
    "https://lure.example/",
    "http://8.8.8.8/",
    "http://172.32.0.1/",
    "http://100.128.0.1/",
    "http://[2001:4860:4860::8888]/",
    "http://[::ffff:8.8.8.8]/",
    "https://www.tiktok.com/",
  ];
  for (const url of outside) assert.equal(isPrivateAddress(url), false, url);
});

test("allow-list matches the host and its subdomains, not look-alikes", () => {
  const s = normaliseSettings({ ...ON, allowList: ["TikTok.com.", "https://docs.example/x", " "] });
  assert.deepEqual(s.allowList, ["tiktok.com", "docs.example"]);
  assert.equal(isAllowListed("https://www.tiktok.com/@me", s.allowList), true);
  assert.equal(isAllowListed("https://tiktok.com/", s.allowList), true);
  assert.equal(isAllowListed("https://tiktok.com.evil.example/", s.allowList), false);
  assert.equal(isAllowListed("https://eviltiktok.com/", s.allowList), false);
  assert.deepEqual(decide("https://www.tiktok.com/", false, s), { action: "none", why: "allowed" });
  assert.equal(normaliseHost("bad host name with spaces"), "");
});

test("incognito tabs are skipped unless allowed", () => {
  assert.deepEqual(decide("https://lure.example/", true, ON), { action: "none", why: "incognito" });
  const allowed = normaliseSettings({ ...ON, allowIncognito: true });
  assert.equal(decide("https://lure.example/", true, allowed).action, "snapshot");
});

test("privacy mode sends a lookup, never a snapshot", () => {
  const s = normaliseSettings({ ...ON, privacyMode: true });
  assert.deepEqual(decide("https://lure.example/", false, s), { action: "lookup", why: "" });
});

test("endpoint must be https, or http on loopback for development", () => {
  assert.equal(endpointProblem("https://score.example/"), "");
  assert.equal(endpointProblem("http://127.0.0.1:8000"), "");
  assert.equal(endpointProblem("http://localhost:8000/"), "");
  assert.match(endpointProblem("http://score.example/"), /https/);
  assert.match(endpointProblem("https://u:p@score.example/"), /user name/);
  assert.match(endpointProblem("https://score.example/?k=1"), /query/);
  assert.match(endpointProblem("javascript:alert(1)"), /http/);
  assert.match(endpointProblem(""), /no endpoint/);
  assert.equal(decide("https://lure.example/", false, normaliseSettings({ endpoint: "http://x.example" })).why, "unconfigured");
});

test("settings of the wrong type fall back to defaults", () => {
  const s = normaliseSettings({ endpoint: 3, privacyMode: "yes", allowList: "a.example" });
  assert.deepEqual(s, { ...DEFAULT_SETTINGS, allowList: [] });
});

test("route URLs have exactly one slash", () => {
  assert.equal(routeUrl("https://s.example/", "v1/score"), "https://s.example/v1/score");
  assert.equal(routeUrl("https://s.example/api//", "v1/lookup"), "https://s.example/api/v1/lookup");
});
