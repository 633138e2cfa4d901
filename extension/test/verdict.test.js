import assert from "node:assert/strict";
import { test } from "node:test";

import { clientHashes } from "../src/lib/canon.js";
import {
  DEFAULT_PAUSE_MS,
  MAX_PAUSE_MS,
  NO_ANSWER,
  badgeFor,
  describeError,
  fromLookup,
  fromVerdict,
  pauseFor,
  topReasons,
  wantsBanner,
} from "../src/lib/verdict.js";

const REASONS = [
  { code: "a", message: "asks for a TikTok password on a site TikTok does not own", weight: 2 },
  { code: "b", message: "  " },
  { code: "c", message: "makes the impossible offer in its title" },
  { code: "d", message: "locks content behind offers" },
  { code: "e", message: "fourth" },
];

test("badge per label, '?' for no answer", () => {
  const text = (/** @type {any} */ label, note = "") =>
    badgeFor({ label, note, reasons: [], verdictId: null }).text;
  assert.equal(text("scam"), "SCAM");
  assert.equal(text("suspicious"), "SUS");
  assert.equal(text("benign"), "OK");
  assert.equal(text(null, NO_ANSWER.error), "?");
  assert.equal(text(null, NO_ANSWER.private), "?");
  assert.equal(text(null, NO_ANSWER.allowed), "OK");
  assert.equal(badgeFor({ label: null, note: NO_ANSWER.error, reasons: [], verdictId: null }).title, NO_ANSWER.error);
});

test("verdicts: unverified and errors give no answer; banner only for scam", () => {
  const scam = fromVerdict({ label: "scam", reasons: REASONS, id: "v1", error: null });
  assert.equal(scam.label, "scam");
  assert.equal(wantsBanner(scam), true);
  assert.deepEqual(scam.reasons.map((r) => r.code), ["a", "c", "d"]);
  assert.equal(scam.verdictId, "v1");
  assert.equal(wantsBanner(fromVerdict({ label: "suspicious", reasons: [] })), false);
  assert.equal(fromVerdict({ label: "unverified", reasons: [] }).label, null);
  assert.equal(fromVerdict({ label: null, error: "boom" }).label, null);
  assert.equal(fromVerdict({ label: "scam", error: "boom" }).label, null);
  assert.equal(fromVerdict("garbage").label, null);
  assert.equal(fromVerdict({ label: "other" }).label, null);
});

test("top reasons skip empty messages and cap their number", () => {
  assert.equal(topReasons(REASONS, 2).length, 2);
  assert.deepEqual(topReasons("nope"), []);
});

test("lookup answers count only this page's own full hashes", async () => {
  const url = "https://lure.example/who-viewed";
  const mine = await clientHashes(url);
  const [hostHash] = [...mine].find(([, k]) => k === "host") ?? [];
  const [urlHash] = [...mine].find(([, k]) => k === "url") ?? [];
  const other = "0".repeat(64);
  const verdict = { label: "scam", score: 0.99, reasons: REASONS, claims: [], model: "m" };
  assert.equal(fromLookup({ matches: [{ hash: urlHash, kind: "url", verdict }] }, mine).label, "scam");
  // same prefix, different full hash: ignored
  assert.equal(fromLookup({ matches: [{ hash: other, kind: "url", verdict }] }, mine).label, null);
  // right hash, wrong kind: ignored
  assert.equal(fromLookup({ matches: [{ hash: urlHash, kind: "host", host: { flagged: 3 } }] }, mine).label, null);
  const host = { hash: hostHash, kind: "host", host: { worst_label: "scam", urls: 4, flagged: 2 } };
  assert.equal(fromLookup({ matches: [host] }, mine).label, "suspicious");
  assert.equal(fromLookup({ matches: [{ ...host, host: { ...host.host, flagged: 0 } }] }, mine).label, null);
  assert.equal(fromLookup({ matches: [] }, mine).note, NO_ANSWER.unknown);
  assert.equal(fromLookup(null, mine).label, null);
});

test("errors are described in plain words", () => {
  assert.match(describeError(null, 401), /API key/);
  assert.match(describeError(null, 503), /busy/);
  assert.match(describeError(Object.assign(new Error("x"), { name: "TimeoutError" })), /in time/);
  assert.match(describeError(new TypeError("Failed to fetch")), /could not be reached/);
});

test("a 429 or 503 starts a pause: Retry-After in seconds or as a date, bounded", () => {
  const now = Date.parse("2026-12-03T12:00:00Z");
  assert.equal(pauseFor(429, "30", now), 30_000);
  assert.equal(pauseFor(503, "1", now), 1000);
  assert.equal(pauseFor(429, " 0 ", now), 0);
  assert.equal(pauseFor(429, "Thu, 03 Dec 2026 12:01:00 GMT", now), 60_000);
  assert.equal(pauseFor(429, "Thu, 03 Dec 2026 11:00:00 GMT", now), 0); // already past
  assert.equal(pauseFor(429, "86400", now), MAX_PAUSE_MS); // a day: capped
  assert.equal(pauseFor(429, null, now), DEFAULT_PAUSE_MS); // no header, or one not understood
  assert.equal(pauseFor(503, "soon", now), DEFAULT_PAUSE_MS);
  assert.equal(pauseFor(503, null, now), 0); // a 503 that asks for no pause (reports off) gets none
  assert.equal(pauseFor(429, "-5", now), DEFAULT_PAUSE_MS);
  for (const status of [200, 400, 401, 413, 500, 502]) assert.equal(pauseFor(status, "30", now), 0);
});

test("a pause is named in the error the options page shows", () => {
  assert.match(describeError(null, 429, 30_000), /rate limit.*\(429\); the extension waits 30 s/);
  assert.match(describeError(null, 503, 1000), /busy or starting up \(503\); the extension waits 1 s/);
  assert.doesNotMatch(describeError(null, 429), /waits/);
  assert.match(describeError(null, 502), /failed \(502\)/);
});
