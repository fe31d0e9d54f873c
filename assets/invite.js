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
        say("Link copied. Paste it into a message to the person you invite.");
      } catch (_) {
        say("The link could not be copied: select it above and copy it by hand.");
      }
    });
  }

  if (share && typeof navigator.share === "function") {
    share.hidden = false;
    share.addEventListener("click", async () => {
      try {
        await navigator.share({ title: "Join our household on aisle", url });
      } catch (e) {
        // Closing the share sheet is not a failure.
        if (!e || e.name !== "AbortError") {
          say("The link could not be shared: copy it instead.");
        }
      }
    });
  }
})();
