// Content script (top frame of http(s) pages). After the page has loaded it asks the service
// worker whether to capture it; the capture runs when the page is idle, so the extension never
// delays the page's own load. It shows the warning banner when the service worker asks for it.
// A classic script (content scripts cannot be modules), so its helpers live here.
"use strict";

(() => {
  const MAX_HTML_CHARS = 1_500_000; // the service worker cuts at the same size
  const MAX_FORMS = 50;
  const MAX_LINKS = 500;
  const BANNER_ID = "tiktok-lure-warning-banner";

  /**
   * @param {string} s
   * @returns {string}
   */
  function escapeAttr(s) {
    return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  /**
   * Forms (action, method, fields) and links (href, text) as markup, so a trimmed capture keeps
   * what matters most: where credentials go and where the page sends people.
   * @returns {string}
   */
  function formsAndLinks() {
    const parts = [];
    for (const form of Array.from(document.forms).slice(0, MAX_FORMS)) {
      const fields = Array.from(form.elements)
        .slice(0, 50)
        .map((el) => {
          const input = /** @type {HTMLInputElement} */ (el);
          const type = escapeAttr(String(input.type || el.tagName.toLowerCase()));
          return `<input type="${type}" name="${escapeAttr(String(input.name || ""))}">`;
        });
      const action = escapeAttr(form.getAttribute("action") ? form.action : "");
      parts.push(`<form action="${action}" method="${escapeAttr(form.method)}">${fields.join("")}</form>`);
    }
    for (const a of Array.from(document.links).slice(0, MAX_LINKS)) {
      const text = escapeAttr((a.textContent || "").trim().slice(0, 200));
      parts.push(`<a href="${escapeAttr(/** @type {HTMLAnchorElement} */ (a).href)}">${text}</a>`);
    }
    return parts.join("\n");
  }

  /**
   * The page as the user sees it: the rendered DOM, trimmed to the size cap; when trimmed, the
   * forms and links are appended so they survive the cut.
   * @returns {{html: string}}
   */
  function capture() {
    const html = document.documentElement ? document.documentElement.outerHTML : "";
    if (html.length <= MAX_HTML_CHARS) return { html };
    const tail = `<div hidden>${formsAndLinks()}</div>`.slice(0, MAX_HTML_CHARS / 4);
    return { html: html.slice(0, MAX_HTML_CHARS - tail.length) + tail };
  }

  /**
   * @param {{message: string}[]} reasons
   */
  function showBanner(reasons) {
    if (document.getElementById(BANNER_ID) || !document.body) return;
    const host = document.createElement("div");
    host.id = BANNER_ID;
    // In the normal flow at the top of the page: it pushes the page down instead of covering it.
    host.style.cssText = "all: initial; display: block; position: relative; z-index: 2147483647;";
    // Open: a closed root would not stop a hostile page (it can remove the host element anyway).
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = `
      .bar { font: 15px/1.4 system-ui, sans-serif; background: #b71c1c; color: #fff;
             padding: 12px 16px; display: flex; gap: 16px; align-items: flex-start; }
      .text { flex: 1; }
      strong { font-size: 17px; }
      ul { margin: 6px 0 0 18px; padding: 0; }
      button { font: inherit; color: #b71c1c; background: #fff; border: 0; border-radius: 4px;
               padding: 6px 10px; cursor: pointer; }
      .actions { display: flex; flex-direction: column; gap: 6px; }
      .status { font-size: 13px; }`;
    const bar = document.createElement("div");
    bar.className = "bar";
    bar.setAttribute("role", "alert");
    const text = document.createElement("div");
    text.className = "text";
    const title = document.createElement("strong");
    title.textContent =
      "Warning: this looks like a scam. No site can show who viewed or saved your TikTok.";
    const advice = document.createElement("div");
    advice.textContent = "Do not enter your TikTok password, codes or payment details here.";
    const list = document.createElement("ul");
    for (const r of reasons.slice(0, 3)) {
      const li = document.createElement("li");
      li.textContent = `This page ${r.message.replace(/[.\s]+$/, "")}.`;
      list.append(li);
    }
    const status = document.createElement("div");
    status.className = "status";
    text.append(title, advice, list, status);
    const actions = document.createElement("div");
    actions.className = "actions";
    const dismiss = document.createElement("button");
    dismiss.className = "dismiss";
    dismiss.textContent = "Dismiss for this site";
    dismiss.addEventListener("click", () => {
      chrome.runtime.sendMessage({ type: "dismiss" }).catch(() => undefined);
      host.remove();
    });
    const wrong = document.createElement("button");
    wrong.className = "report";
    wrong.textContent = "Report a wrong verdict";
    wrong.addEventListener("click", () => {
      wrong.disabled = true;
      chrome.runtime
        .sendMessage({ type: "report", expected: "benign" })
        .then((/** @type {{message?: string}} */ r) => {
          status.textContent = (r && r.message) || "";
        })
        .catch(() => {
          status.textContent = "The report could not be sent.";
        });
    });
    actions.append(dismiss, wrong);
    bar.append(text, actions);
    root.append(style, bar);
    document.body.prepend(host);
  }

  chrome.runtime.onMessage.addListener((message) => {
    if (message && message.type === "banner" && Array.isArray(message.reasons)) {
      showBanner(message.reasons);
    }
    return false;
  });

  function start() {
    chrome.runtime
      .sendMessage({ type: "check" })
      .then((/** @type {{capture?: boolean}} */ answer) => {
        if (!answer || !answer.capture) return;
        const run = () => {
          chrome.runtime.sendMessage({ type: "snapshot", snapshot: capture() }).catch(() => undefined);
        };
        if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 2000 });
        else setTimeout(run, 0);
      })
      .catch(() => undefined); // the service worker is being replaced: no badge this time
  }

  if (window.top !== window) return;
  if (document.readyState === "complete") setTimeout(start, 0);
  else window.addEventListener("load", () => setTimeout(start, 0), { once: true });
})();
