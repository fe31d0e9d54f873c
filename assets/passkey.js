// aisle — passkeys: the login page's "Log in with a passkey" and Settings → Passkeys'
// "Add a passkey". The server gives a ceremony's options as JSON (binary values in
// base64url); this hands them to the browser's WebAuthn and posts the answer back in the
// page's plain form, so the outcome is an ordinary page. Where the browser has no WebAuthn
// (a plain http:// address is not a secure context) the buttons stay hidden.
"use strict";

(() => {
  const button = document.getElementById("passkey-button");
  const answer = document.getElementById("passkey-answer");
  if (!button || !answer || !window.PublicKeyCredential || !navigator.credentials) return;
  const said = document.getElementById("passkey-said");
  const t = (id) => (window.aisle && window.aisle.t ? window.aisle.t(id) : id);
  const creating = button.dataset.ceremony === "create";

  function say(text) {
    said.textContent = "";
    setTimeout(() => { said.textContent = text; }, 50);
  }

  const bytes = (text) => {
    const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(plain, (c) => c.charCodeAt(0)).buffer;
  };
  const text = (buffer) => {
    let plain = "";
    for (const b of new Uint8Array(buffer)) plain += String.fromCharCode(b);
    return btoa(plain).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  const described = (list) => (list || []).map((c) => ({ ...c, id: bytes(c.id) }));

  // The answer as the server reads it (WebAuthn's JSON form).
  function encoded(credential) {
    const r = credential.response;
    const response = { clientDataJSON: text(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = text(r.attestationObject);
      if (typeof r.getTransports === "function") response.transports = r.getTransports();
    } else {
      response.authenticatorData = text(r.authenticatorData);
      response.signature = text(r.signature);
      if (r.userHandle) response.userHandle = text(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: text(credential.rawId),
      type: credential.type,
      response,
      extensions: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    };
  }

  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const fields = { csrf_token: answer.querySelector("input[name=csrf_token]").value };
      const password = answer.querySelector("input[name=password]");
      if (password) fields.password = password.value;
      const begin = await fetch(button.dataset.begin, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
        credentials: "same-origin",
      });
      if (begin.status === 422 && password) {
        button.disabled = false;
        say(t("js-passkey-password-wrong"));
        password.focus();
        return;
      }
      if (!begin.ok) throw new Error("begin " + begin.status);
      const options = await begin.json();
      const key = options.publicKey;
      key.challenge = bytes(key.challenge);
      let credential;
      if (creating) {
        key.user.id = bytes(key.user.id);
        key.excludeCredentials = described(key.excludeCredentials);
        credential = await navigator.credentials.create({ publicKey: key });
      } else {
        key.allowCredentials = described(key.allowCredentials);
        credential = await navigator.credentials.get({ publicKey: key });
      }
      answer.querySelector("input[name=ceremony]").value = options.ceremony;
      answer.querySelector("input[name=credential]").value = JSON.stringify(encoded(credential));
      // Checked when the ceremony began: not sent again.
      if (password) password.disabled = true;
      answer.submit();
    } catch (e) {
      button.disabled = false;
      // Closing the browser's dialog is not a failure worth more than a word.
      say(t(e && e.name === "NotAllowedError" ? "js-passkey-cancelled" : "js-passkey-failed"));
    }
  });
})();
