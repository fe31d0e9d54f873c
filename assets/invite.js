// aisle — the household page's new invite link: a Copy button (Clipboard API) and a
// Share button (Web Share API, shown only where the browser has it). Without this file
// the link's text and its QR code still work; the buttons stay hidden.
"use strict";

(() => {
  const invite = document.getElementById("new-invite");
  if (!invite) return;
  const url = invite.dataset.url;
  const copy = document.getElementById("invite-copy");
  const share = document.getElementById("invite-share");
  const said = document.getElementById("invite-said");
  // The page language's words (app.js), or the message's id where app.js did not run.
  const t = (id) => (window.aisle && window.aisle.t ? window.aisle.t(id) : id);

  // A role=status region announces each change of its text; empty it first so the same
  // sentence twice is announced twice.
  function say(text) {
    said.textContent = "";
    setTimeout(() => { said.textContent = text; }, 50);
  }

  if (copy && navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        say(t("js-invite-copied"));
      } catch (_) {
        say(t("js-invite-copy-failed"));
      }
    });
  }

  if (share && typeof navigator.share === "function") {
    share.hidden = false;
    share.addEventListener("click", async () => {
      try {
        await navigator.share({ title: t("js-invite-share-title"), url });
      } catch (e) {
        // Closing the share sheet is not a failure.
        if (!e || e.name !== "AbortError") {
          say(t("js-invite-share-failed"));
        }
      }
    });
  }
})();
