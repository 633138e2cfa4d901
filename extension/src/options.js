// The options page: endpoint, key, privacy mode, allow-list, incognito; shows the last error.

import { endpointProblem, normaliseHost, normaliseSettings } from "./lib/policy.js";

/**
 * @param {string} id
 * @returns {HTMLInputElement}
 */
function field(id) {
  return /** @type {HTMLInputElement} */ (document.getElementById(id));
}

async function showStatus() {
  /** @type {{lastError?: {message: string, at: string}, lastOk?: string}} */
  const { lastError, lastOk } = await chrome.storage.local.get(["lastError", "lastOk"]);
  const err = field("lastError");
  err.textContent = lastError ? `${lastError.message} (${lastError.at})` : "none";
  err.classList.toggle("error", Boolean(lastError));
  field("lastOk").textContent = lastOk || "none yet";
}

async function load() {
  const s = normaliseSettings(await chrome.storage.local.get(null));
  field("endpoint").value = s.endpoint;
  field("apiKey").value = s.apiKey;
  field("privacyMode").checked = s.privacyMode;
  field("allowIncognito").checked = s.allowIncognito;
  field("allowList").value = s.allowList.join("\n");
  await showStatus();
}

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  const out = field("saved");
  const endpoint = field("endpoint").value.trim();
  const problem = endpoint ? endpointProblem(endpoint) : "";
  if (problem) {
    out.textContent = `Not saved: ${problem}.`;
    return;
  }
  const allowList = field("allowList")
    .value.split(/\s+/)
    .map(normaliseHost)
    .filter(Boolean);
  await chrome.storage.local.set({
    endpoint,
    apiKey: field("apiKey").value.trim(),
    privacyMode: field("privacyMode").checked,
    allowIncognito: field("allowIncognito").checked,
    allowList: [...new Set(allowList)],
  });
  out.textContent = "Saved.";
}

document.getElementById("options")?.addEventListener("submit", (e) => {
  save(/** @type {SubmitEvent} */ (e)).catch((err) => {
    field("saved").textContent = `Not saved: ${err}`;
  });
});
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === "local") showStatus().catch(() => undefined);
});
load().catch(() => undefined);
