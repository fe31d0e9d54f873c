// aisle — notifications on this phone (Web Push), from a list's settings: asks the browser
// for permission, subscribes with aisle's key and hands the subscription to aisle; or stops
// them. A subscription lasts as long as the login it was made in: logging out stops it. Without
// this file (or where the browser has no Web Push: plain http other than localhost, an old
// browser) the button stays hidden and the page says why; the list's own choices (what to
// be told) still save as a plain form.
"use strict";

(() => {
  const box = document.getElementById("push");
  if (!box) return;
  const button = document.getElementById("push-on");
  const said = document.getElementById("push-said");
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  // The page language's words (app.js), or the message's id where app.js did not run.
  const t = (id, args) => (window.aisle && window.aisle.t ? window.aisle.t(id, args) : id);

  function say(text) {
    said.textContent = "";
    setTimeout(() => { said.textContent = text; }, 50);
  }

  if (!window.isSecureContext || !("serviceWorker" in navigator) || !("PushManager" in window)) {
    say(t("js-push-needs-https"));
    return;
  }

  // base64url → the bytes pushManager.subscribe wants.
  function bytes(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(base64 + "===".slice((base64.length + 3) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      let detail = "";
      try { detail = (await response.json()).detail || ""; } catch (_) { /* not JSON */ }
      throw new Error(detail || t("js-push-answered", { status: String(response.status) }));
    }
  }

  async function subscribe() {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      say(t("js-push-blocked"));
      return false;
    }
    const registration = await navigator.serviceWorker.ready;
    const key = await fetch("/api/v1/push/key", { credentials: "same-origin" });
    if (!key.ok) {
      say(t("js-push-no-key"));
      return false;
    }
    const { public_key: publicKey } = await key.json();
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: bytes(publicKey),
    });
    await post("/api/v1/push/subscriptions", subscription.toJSON());
    say(t("js-push-on"));
    return true;
  }

  // One button: on, or off when this phone already gets them.
  let on = false;
  function show(subscribed) {
    on = subscribed;
    button.textContent = t(on ? "js-push-stop" : "js-push-start");
    button.hidden = false;
  }

  async function unsubscribe() {
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription();
    if (subscription) {
      const endpoint = subscription.endpoint;
      await subscription.unsubscribe();
      // aisle may have forgotten it already (a new login): that is the same as done.
      await post("/api/v1/push/unsubscribe", { endpoint }).catch(() => {});
    }
    say(t("js-push-off"));
  }

  navigator.serviceWorker.ready
    .then((registration) => registration.pushManager.getSubscription())
    .then((subscription) => show(Boolean(subscription) && Notification.permission === "granted"))
    .catch(() => show(false));
  button.addEventListener("click", () => {
    const next = on ? unsubscribe().then(() => show(false)) : subscribe().then(show);
    next.catch((err) => say(t("js-push-failed", { reason: err.message })));
  });
})();
