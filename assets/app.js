// aisle — progressive enhancement. Every page works without these scripts. This one holds
// the page helpers the others share (window.aisle) and what the smaller pages do; the
// list page lives in list.js (with rows.js, sheet.js and the op queue of queue.js). All
// five load deferred, in the order of views::assets::SCRIPTS, on every page; the pages are wired up at DOMContentLoaded.
"use strict";

(() => {
  const PAGES_CACHE = "aisle-pages-v1";

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

  // Logging out with changes that have not synced yet asks first, and Cancel stays
  // logged in. The changes stay on the phone, in this user's own queue, and go out when
  // they log in here again; the cached pages are forgotten.
  function watchLogout() {
    const form = $('form[action="/logout"]');
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      // Decided after the queue is read: a submit cannot be cancelled after an await.
      event.preventDefault();
      const waiting = await window.aisle.queue.count().catch(() => 0);
      const name = form.dataset.user || "you";
      if (waiting > 0 && !confirm(`${waiting} change${waiting === 1 ? " has" : "s have"} not synced yet. They stay on this phone and are sent when ${name} logs in here again. Log out anyway?`)) return;
      if (self.caches) await caches.delete(PAGES_CACHE).catch(() => {});
      form.submit();
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

  // JSON the list page keeps on a phone that can open it offline (one the service worker
  // controls), with the pages (forgotten at logout): asked for again with the kept copy's
  // ETag (304: unchanged, the kept copy), or else the copy kept last time. Null when
  // there is none.
  async function keptJson(url) {
    if (!self.caches || !navigator.serviceWorker || !navigator.serviceWorker.controller) return null;
    const kept = await caches.match(url, { cacheName: PAGES_CACHE }).catch(() => null);
    const tag = kept && kept.headers.get("ETag");
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: tag ? { "If-None-Match": tag } : {} });
      if (response.ok) {
        const copy = response.clone();
        caches.open(PAGES_CACHE).then((c) => c.put(url, copy)).catch(() => {});
        return await response.json();
      }
    } catch (err) { /* offline: the kept copy */ }
    return kept ? kept.json().catch(() => null) : null;
  }

  // Suggestions under the add box: they fold away (remembered on this phone), and while a
  // line is typed the "Often bought" chips give way to completions of that line, from the
  // household's history and catalogue (GET /api/v1/suggestions), or from the chips on the
  // page when the server cannot be asked.
  function suggestions(box) {
    const fold = $("#suggest");
    const often = $("#often");
    const completions = $("#completions");
    if (!fold || !often || !completions) return;
    const KEY = "aisle.suggestions";
    if (localStorage.getItem(KEY) === "closed") fold.open = false;
    fold.addEventListener("toggle", () => localStorage.setItem(KEY, fold.open ? "open" : "closed"));
    const offline = [...often.querySelectorAll("button.chip")].map((chip) => chip.value);
    // Offline, lines are completed from the page's chips and from every name the household's
    // completions come from (GET /api/v1/names), fetched when the list opens on a phone
    // that can open it offline, and kept there (forgotten at logout with the pages).
    let known = offline;
    keptJson("/api/v1/names").then((names) => {
      if (Array.isArray(names)) known = [...new Set([...offline, ...names])];
    });
    // The line being typed: what follows the last comma, semicolon or line break.
    const line = () => box.value.slice(Math.max(...[",", ";", "\n"].map((c) => box.value.lastIndexOf(c))) + 1);
    // Puts `name` in place of the end of the line it completes: the longest ending, from a
    // word's start, that `name` starts with (`2 cups mi` + `milk`), or else the last word.
    function complete(name) {
      const text = line();
      const at = [...text.matchAll(/(^|\s)(?=\S)/g)].map((m) => m.index + m[1].length)
        .find((i) => name.toLowerCase().startsWith(text.slice(i).trim().toLowerCase()));
      const start = box.value.length - text.length + (at === undefined ? text.search(/\S+\s*$/) : at);
      box.value = box.value.slice(0, start) + name;
      box.focus();
      show([]);
    }
    function show(names) {
      completions.replaceChildren(...names.map((name) => {
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.textContent = name;
        chip.setAttribute("aria-label", `Complete with ${name}`);
        chip.addEventListener("click", () => complete(name));
        return chip;
      }));
      completions.hidden = !names.length;
      often.hidden = !!names.length || !offline.length;
    }
    let asked = 0;
    let timer = 0;
    async function refresh() {
      const text = line().trim();
      if (!text) { show([]); return; }
      const mine = ++asked;
      let names;
      try {
        const response = await fetch(`/api/v1/suggestions?q=${encodeURIComponent(text)}`, { credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        names = await response.json();
      } catch (err) {
        const word = text.toLowerCase().split(/\s+/).pop();
        names = known.filter((name) => name.toLowerCase().split(/\s+/).some((w) => w.startsWith(word)));
      }
      if (mine !== asked) return; // a later keystroke asked again
      const typed = text.toLowerCase();
      show(names.filter((name) => name.toLowerCase() !== typed && !typed.endsWith(name.toLowerCase())).slice(0, 6));
    }
    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 150); });
    // An add empties the box without an input event.
    if (box.form) box.form.addEventListener("submit", () => setTimeout(refresh, 0));
  }

  // A store's aisle order (the store page): a category moves by dragging its handle
  // (mouse or touch) or with its arrow buttons, in place; each move saves the whole order.
  function storeOrder(list) {
    const note = $("#order-status");
    const rows = () => [...list.children];
    const say = (text) => { if (note) note.textContent = text; };
    // Arrows at the ends are off, as the server renders them.
    function arrows() {
      rows().forEach((row, i, all) => {
        const [up, down] = row.querySelectorAll("button");
        up.disabled = i === 0;
        down.disabled = i === all.length - 1;
      });
    }
    // `row` is the category the household moved: it counts as placed by hand from now on
    // (the order alone cannot say which of two swapped neighbours moved).
    async function save(row) {
      arrows();
      const categories = rows().map((r) => Number(r.dataset.category));
      const moved = [Number(row.dataset.category)];
      try {
        const response = await fetch(`/api/v1/stores/${list.dataset.store}/order`, {
          method: "PUT",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
          body: JSON.stringify({ categories, moved }),
        });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          throw new Error(problem.detail || `the server answered ${response.status}`);
        }
        say(`Saved: ${row.dataset.name} is now number ${rows().indexOf(row) + 1}.`);
      } catch (err) {
        say(`The new order was not saved (${err.message}). Reload the page to see the saved order, then try again.`);
      }
    }
    list.addEventListener("submit", (event) => {
      const m = new URL(event.target.action, location.href).pathname.match(/\/categories\/\d+\/(up|down)$/);
      if (!m) return;
      event.preventDefault();
      const row = event.target.closest("li");
      const other = m[1] === "up" ? row.previousElementSibling : row.nextElementSibling;
      if (!other) return;
      // The neighbour moves, not the row: the keyboard stays on the arrow it pressed
      // (or goes to the other one when the row reached an end).
      list.insertBefore(other, m[1] === "up" ? row.nextElementSibling : row);
      const [up, down] = row.querySelectorAll("button");
      save(row);
      if (event.submitter && event.submitter.disabled) (up.disabled ? down : up).focus();
    });
    list.addEventListener("pointerdown", (event) => {
      const handle = event.target.closest(".handle");
      if (!handle || event.button !== 0) return;
      event.preventDefault();
      const row = handle.closest("li");
      const before = rows().indexOf(row);
      row.classList.add("dragging");
      // Followed on the document: moving the row in the page ends any pointer capture.
      const move = (e) => {
        if (e.pointerId !== event.pointerId) return;
        // The row goes before the first other row whose middle is below the pointer.
        const next = rows().find((r) => r !== row && e.clientY < r.getBoundingClientRect().top + r.offsetHeight / 2);
        if (next !== row.nextElementSibling) list.insertBefore(row, next || null);
      };
      const drop = (e) => {
        if (e.pointerId !== event.pointerId) return;
        document.removeEventListener("pointermove", move);
        document.removeEventListener("pointerup", drop);
        document.removeEventListener("pointercancel", drop);
        row.classList.remove("dragging");
        if (rows().indexOf(row) !== before) save(row);
      };
      document.addEventListener("pointermove", move);
      document.addEventListener("pointerup", drop);
      document.addEventListener("pointercancel", drop);
    });
  }

  // The list's aisle order switches as soon as another store is picked (no button to find).
  function storePick() {
    const pick = $("#store-pick");
    if (!pick) return;
    $("button", pick).hidden = true;
    $("select", pick).addEventListener("change", () => pick.requestSubmit());
  }

  // "Keep screen on" while shopping (Screen Wake Lock, where the browser has it): the lock
  // ends when the page is hidden, so it is taken again when the page comes back.
  function keepScreenOn(button) {
    if (!("wakeLock" in navigator)) return;
    button.hidden = false;
    let wanted = false;
    let lock = null;
    const show = () => button.setAttribute("aria-pressed", String(wanted && !!lock));
    async function take() {
      try {
        lock = await navigator.wakeLock.request("screen");
        lock.addEventListener("release", () => { lock = null; show(); });
      } catch (err) {
        wanted = false;
        status(`The screen cannot be kept on here (${err.message}).`);
      }
      show();
    }
    button.addEventListener("click", () => {
      wanted = !wanted;
      if (wanted) take();
      else if (lock) lock.release();
      show();
    });
    document.addEventListener("visibilitychange", () => {
      if (wanted && !lock && document.visibilityState === "visible") take();
    });
  }

  window.aisle = { $, csrf, status, storePick, keptJson, PAGES_CACHE };

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
      const { enqueue, newOpId } = window.aisle.queue;
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
    if (text && text.form) {
      enterToAdd(text);
      suggestions(text);
    }
    storePick();
    const wake = $("#wake");
    if (wake) keepScreenOn(wake);
    const order = $("#store-order");
    if (order) storeOrder(order);
    const root = $("#list[data-list-id]");
    // (A page cached by an older version loads app.js alone: it stays a plain page.)
    if (root && self.indexedDB && typeof window.aisle.listPage === "function") window.aisle.listPage(root);
    const edit = $('form[action$="/edit"]');
    const m = edit && new URL(edit.action, location.href).pathname.match(/^\/lists\/(\d+)\/items\/(\d+)\/edit$/);
    if (m && self.indexedDB) editPage(edit, Number(m[1]), Number(m[2]));
  });
})();
