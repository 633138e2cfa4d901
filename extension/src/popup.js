// The toolbar popup: this tab's verdict, its reasons, and "report a wrong verdict" for any
// answered page (the banner offers the same for scam pages).

const TITLES = /** @type {Record<string, string>} */ ({
  scam: "This page looks like a scam.",
  suspicious: "This page looks suspicious.",
  benign: "No scam signs found on this page.",
});

/**
 * The tab this popup is about: `?tab=ID` when opened in a tab of its own, else the active tab.
 * @returns {Promise<number | undefined>}
 */
async function tabId() {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function el(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

async function main() {
  const id = await tabId();
  if (id === undefined) return;
  const key = `tab:${id}`;
  /** @type {any} */
  const { [key]: state } = await chrome.storage.session.get(key);
  if (!state) return;
  el("verdict").textContent = TITLES[state.label] || "No answer for this page.";
  el("note").textContent = state.note || "";
  for (const r of Array.isArray(state.reasons) ? state.reasons : []) {
    const li = document.createElement("li");
    li.textContent = String(r.message);
    el("reasons").append(li);
  }
  if (!state.label) return;
  const button = /** @type {HTMLButtonElement} */ (el("report"));
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    const expected = state.label === "benign" ? "scam" : "benign";
    chrome.runtime
      .sendMessage({ type: "report", tabId: id, expected })
      .then((/** @type {{message?: string}} */ r) => {
        el("status").textContent = (r && r.message) || "";
      })
      .catch(() => {
        el("status").textContent = "The report could not be sent.";
      });
  });
}

main().catch(() => undefined);
