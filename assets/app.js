// aisle — progressive enhancement. Every page works without this file; with it, changes
// on a list apply at once, go out as sync ops (queued in IndexedDB while offline), and
// changes made on other phones appear live.
"use strict";

(() => {
  const PAGES_CACHE = "aisle-pages-v1";
  // Most ops sent in one request (the server takes up to 500; docs/API.md).
  const BATCH_OPS = 100;

  // ---- the op queue (IndexedDB): survives reloads and browser restarts -------------------

  let dbPromise = null;
  function openQueue() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const request = indexedDB.open("aisle", 1);
        request.onupgradeneeded = () => {
          const store = request.result.createObjectStore("ops", { keyPath: "seq", autoIncrement: true });
          store.createIndex("list", "list");
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return dbPromise;
  }

  function tx(mode, work) {
    return openQueue().then((db) => new Promise((resolve, reject) => {
      const t = db.transaction("ops", mode);
      const result = work(t.objectStore("ops"));
      t.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    }));
  }

  const enqueue = (list, op) => tx("readwrite", (s) => s.add({ list, op }));
  const queued = (list) => tx("readonly", (s) => s.index("list").getAll(list))
    .then((rows) => (rows || []).sort((a, b) => a.seq - b.seq));
  const dequeue = (seqs) => tx("readwrite", (s) => seqs.forEach((seq) => s.delete(seq)));

  function newOpId() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---- page helpers ---------------------------------------------------------------------

  const $ = (sel, root = document) => root.querySelector(sel);
  const csrf = () => ($('meta[name="csrf-token"]') || {}).content || "";

  function status(text) {
    const el = $("#sync-status");
    if (!el) return;
    el.textContent = text || "";
    el.hidden = !text;
  }

  function registerServiceWorker() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js").catch(() => { /* offline use unavailable */ });
    }
  }

  // Forget cached pages at logout; warn when changes have not synced yet.
  function watchLogout() {
    const form = $('form[action="/logout"]');
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      const waiting = await tx("readonly", (s) => s.count()).catch(() => 0);
      if (waiting > 0 && !confirm(`${waiting} change(s) have not synced yet and will be lost. Log out anyway?`)) {
        event.preventDefault();
        return;
      }
      if (waiting > 0) await tx("readwrite", (s) => s.clear()).catch(() => {});
      if (self.caches) await caches.delete(PAGES_CACHE).catch(() => {});
    });
  }

  // The add box: Enter adds, Shift+Enter starts a new line (for pasting several items).
  function enterToAdd(textarea) {
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (textarea.value.trim() !== "") textarea.form.requestSubmit();
      }
    });
  }

  // ---- the list page ----------------------------------------------------------------------

  function listPage(root) {
    const listId = Number(root.dataset.listId);
    let version = Number(root.dataset.version);
    let flushing = false;
    let retryDelay = 1000;
    let retryTimer = null;

    const itemEl = (ref) => (typeof ref === "number"
      ? document.getElementById(`item-${ref}`)
      : document.getElementById(`pending-${String(ref).slice(3)}`));

    function doneList() {
      let section = $("#list-items .done");
      if (!section) {
        section = document.createElement("section");
        section.className = "group done";
        section.innerHTML = "<h2>Done</h2><ul class=\"items\"></ul>";
        $("#list-items").appendChild(section);
      }
      return $("ul", section);
    }

    function pendingList() {
      let section = $("#list-items .pending");
      if (!section) {
        section = document.createElement("section");
        section.className = "group pending";
        section.innerHTML = "<h2>Just added</h2><ul class=\"items\"></ul>";
        $("#list-items").prepend(section);
      }
      return $("ul", section);
    }

    // Shows an op as applied, before the server has it.
    function show(op) {
      const el = op.item_id !== undefined ? itemEl(op.item_id) : null;
      switch (op.kind) {
        case "add": {
          for (const line of op.fields.text.split(/[\n;]|,(?!\d)/)) {
            if (!line.trim()) continue;
            const li = document.createElement("li");
            li.className = "item pending-item";
            li.id = `pending-${op.op_id}`;
            const box = document.createElement("button");
            box.type = "button";
            box.className = "box";
            box.dataset.ref = `op:${op.op_id}`;
            box.setAttribute("aria-label", `Check off ${line.trim()}`);
            const what = document.createElement("span");
            what.className = "what";
            what.textContent = line.trim();
            li.append(box, what);
            pendingList().appendChild(li);
            break; // one element per op: later ops refer to its first item
          }
          break;
        }
        case "check":
          if (el) {
            el.classList.add("checked");
            const box = $(".box", el);
            if (box) { box.classList.add("ticked"); box.textContent = "✓"; }
            doneList().appendChild(el);
          }
          break;
        case "uncheck":
          if (el) {
            el.classList.remove("checked");
            const box = $(".box", el);
            if (box) { box.classList.remove("ticked"); box.textContent = ""; }
          }
          break;
        case "delete":
          if (el) el.hidden = true;
          break;
        case "restore":
          if (el) el.hidden = false;
          break;
        case "edit":
          if (el && op.fields.name) {
            const name = $(".name", el) || $(".what", el);
            if (name) name.textContent = op.fields.name;
          }
          break;
        default:
          break;
      }
    }

    async function showQueued() {
      const rows = await queued(listId).catch(() => []);
      rows.forEach((row) => show(row.op));
      status(rows.length ? `${rows.length} change${rows.length === 1 ? "" : "s"} waiting to sync` : "");
      return rows.length;
    }

    // Re-renders the items from the server's page, then re-applies what is still queued.
    async function refresh() {
      let response;
      try {
        response = await fetch(`/lists/${listId}`, { credentials: "same-origin", headers: { Accept: "text/html" } });
      } catch (err) {
        return false;
      }
      if (!response.ok || response.redirected) return false;
      if (self.caches) {
        caches.open(PAGES_CACHE).then((c) => c.put(`/lists/${listId}`, response.clone())).catch(() => {});
      }
      const html = await response.text();
      const page = new DOMParser().parseFromString(html, "text/html");
      const fresh = $("#list-items", page);
      const freshRoot = $("#list", page);
      const token = $('meta[name="csrf-token"]', page);
      if (token && $('meta[name="csrf-token"]')) $('meta[name="csrf-token"]').content = token.content;
      if (!fresh || !freshRoot) return false;
      $("#list-items").replaceWith(fresh);
      version = Number(freshRoot.dataset.version);
      await showQueued();
      return true;
    }

    function retryLater() {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }

    // Sends queued ops in order, at most BATCH_OPS at a time; each is applied once however
    // often it is sent. A batch the server finds too big (413: more ops, items or text than
    // one request may hold) goes again in halves; an op that is fine on its own never is.
    async function flush() {
      if (flushing) return;
      flushing = true;
      let size = BATCH_OPS;
      let refused = ""; // why a change was dropped: stays shown until the queue is through
      let freshToken = false;
      try {
        for (;;) {
          const rows = await queued(listId);
          const waiting = rows.length ? `${rows.length} change${rows.length === 1 ? "" : "s"} waiting to sync` : "";
          status([refused, waiting].filter(Boolean).join(" "));
          if (!rows.length) break;
          const batch = rows.slice(0, size);
          const response = await fetch(`/api/v1/lists/${listId}/ops`, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
            body: JSON.stringify({ ops: batch.map((r) => r.op) }),
          });
          if (response.status === 413 && batch.length > 1) {
            size = Math.ceil(batch.length / 2);
            continue;
          }
          if (response.ok) {
            await dequeue(batch.map((r) => r.seq));
            retryDelay = 1000;
            await refresh();
            continue;
          }
          if (response.status === 401) {
            status("Log in again to sync your changes.");
            break;
          }
          if (response.status === 403) {
            // The page's token may be stale (logged in again elsewhere): fetch a fresh one,
            // once; refused again, the server means it, so wait instead of asking in a loop.
            if (freshToken || !(await refresh())) {
              const problem = await response.json().catch(() => ({}));
              status(`Your changes are kept on this phone but the server refused them: ${problem.detail || "forbidden"}. Reload the page to try again.`);
              retryLater();
              break;
            }
            freshToken = true;
            continue;
          }
          if ([400, 404, 413, 422].includes(response.status)) {
            // A bad op would block the queue forever: drop the one the server named.
            const problem = await response.json().catch(() => ({}));
            const match = /op (\d+)/.exec(problem.detail || "");
            const bad = (match && batch[Number(match[1]) - 1]) || batch[0];
            await dequeue([bad.seq]);
            refused = `A change could not be applied: ${problem.detail || response.status}.`;
            continue;
          }
          retryLater(); // 5xx: the server is busy or restarting
          break;
        }
      } catch (err) {
        retryLater(); // offline
      } finally {
        flushing = false;
      }
    }

    async function submitOp(op) {
      op.op_id = newOpId();
      await enqueue(listId, op);
      show(op);
      const rows = await queued(listId);
      status(`${rows.length} change${rows.length === 1 ? "" : "s"} waiting to sync`);
      flush();
    }

    // Forms on the list page become ops. The items' and chips' buttons submit the shared
    // form #act with their own formaction (and the chips their own name and value).
    document.addEventListener("submit", (event) => {
      const form = event.target;
      const button = event.submitter;
      const own = button && button.hasAttribute("formaction");
      const action = new URL(own ? button.formAction : form.action, location.href).pathname;
      let m = action.match(/^\/lists\/(\d+)\/items\/(\d+)\/(check|uncheck|delete)$/);
      if (m && Number(m[1]) === listId) {
        event.preventDefault();
        const itemId = Number(m[2]);
        submitOp({ kind: m[3], item_id: itemId });
        if (m[3] === "delete") offerUndo(itemId);
        return;
      }
      m = action.match(/^\/lists\/(\d+)\/items$/);
      if (m && Number(m[1]) === listId) {
        const text = (own && button.name === "text" ? button.value : new FormData(form).get("text")) || "";
        if (!String(text).trim()) return;
        event.preventDefault();
        submitOp({ kind: "add", fields: { text: String(text) } });
        const box = $("textarea", form);
        if (box) box.value = "";
      }
    });

    // Items added while offline can be checked off before they reach the server.
    document.addEventListener("click", (event) => {
      const box = event.target.closest("button.box[data-ref]");
      if (box) submitOp({ kind: box.classList.contains("ticked") ? "uncheck" : "check", item_id: box.dataset.ref });
    });

    function offerUndo(itemId) {
      const el = itemEl(itemId);
      const name = el ? ($(".name", el) || el).textContent.trim() : "item";
      const bar = document.createElement("div");
      bar.className = "undo";
      bar.setAttribute("role", "status");
      const label = document.createElement("span");
      label.textContent = `Removed ${name}.`;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Undo";
      button.addEventListener("click", () => { submitOp({ kind: "restore", item_id: itemId }); bar.remove(); });
      bar.append(label, button);
      const old = $("#js-undo");
      if (old) old.remove();
      bar.id = "js-undo";
      root.insertBefore(bar, $("#add-form"));
      setTimeout(() => bar.remove(), 10000);
    }

    // ---- live updates: Server-Sent Events, reconnecting with backoff ----------------------

    let source = null;
    let liveDelay = 1000;
    let refreshTimer = null;

    function refreshSoon() {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => { if (!flushing) refresh(); }, 30);
    }

    async function catchUp() {
      try {
        const response = await fetch(`/api/v1/lists/${listId}/changes?since=${version}`, { credentials: "same-origin" });
        if (!response.ok) return;
        const changes = await response.json();
        if (changes.reset || changes.version !== version || changes.items.length) await refresh();
      } catch (err) { /* offline: the next connection catches up */ }
    }

    function connect() {
      if (!self.EventSource) return;
      source = new EventSource(`/api/v1/lists/${listId}/events`);
      source.addEventListener("hello", () => {
        liveDelay = 1000;
        catchUp();
        flush();
      });
      source.addEventListener("change", (event) => {
        const change = JSON.parse(event.data);
        if (change.version > version) refreshSoon();
      });
      source.addEventListener("resync", refreshSoon);
      source.onerror = () => {
        source.close();
        setTimeout(connect, liveDelay);
        liveDelay = Math.min(liveDelay * 2, 30000);
      };
    }

    window.addEventListener("online", () => { retryDelay = 1000; flush(); });
    window.addEventListener("pageshow", (event) => { if (event.persisted) catchUp(); });

    showQueued().then((n) => { if (n) flush(); });
    connect();
    // On the first visit the service worker did not see this page load: cache it now so
    // the list opens in a dead zone too.
    if ("serviceWorker" in navigator && !navigator.serviceWorker.controller) {
      navigator.serviceWorker.ready.then(() => refresh()).catch(() => {});
    }
  }

  // ---- the item edit page: an edit op, then back to the list ------------------------------

  function editPage(form, listId, itemId) {
    form.addEventListener("submit", async (event) => {
      const data = new FormData(form);
      const name = String(data.get("name") || "").trim();
      if (!name) return; // let the server explain
      event.preventDefault();
      const value = (key) => { const v = String(data.get(key) || "").trim(); return v === "" ? null : v; };
      const quantity = value("quantity");
      const select = form.querySelector("#category");
      const fields = {
        name,
        quantity: quantity === null ? null : Number(quantity.replace(",", ".")),
        unit: value("unit"),
        note: value("note"),
      };
      if (Number.isNaN(fields.quantity)) { form.submit(); return; }
      if (select && select.selectedOptions[0]) fields.category = select.selectedOptions[0].textContent;
      await enqueue(listId, { op_id: newOpId(), kind: "edit", item_id: itemId, fields });
      location.href = `/lists/${listId}`;
    });
  }

  // ---- barcode scanning with the camera, where the browser can (BarcodeDetector, HTTPS) --

  function scanner() {
    const box = $("#scanner");
    if (!box || !("BarcodeDetector" in self) || !navigator.mediaDevices) return;
    box.hidden = false;
    const video = $("#scan-video");
    $("#scan-start").addEventListener("click", async () => {
      let stream;
      try {
        const detector = new BarcodeDetector({ formats: ["ean_13", "ean_8", "upc_a"] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        video.srcObject = stream;
        video.hidden = false;
        await video.play();
        for (let tries = 0; tries < 600; tries++) { // about a minute
          const codes = await detector.detect(video).catch(() => []);
          if (codes.length) {
            location.href = `/products/barcode?code=${encodeURIComponent(codes[0].rawValue)}`;
            return;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch (err) {
        status("The camera is not available here; type the number instead.");
      } finally {
        if (stream) stream.getTracks().forEach((t) => t.stop());
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    registerServiceWorker();
    scanner();
    watchLogout();
    const text = $("#add-text");
    if (text && text.form) enterToAdd(text);
    const root = $("#list[data-list-id]");
    if (root && self.indexedDB) listPage(root);
    const edit = $('form[action$="/edit"]');
    const m = edit && new URL(edit.action, location.href).pathname.match(/^\/lists\/(\d+)\/items\/(\d+)\/edit$/);
    if (m && self.indexedDB) editPage(edit, Number(m[1]), Number(m[2]));
  });
})();
