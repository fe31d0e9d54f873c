// aisle — progressive enhancement. Every page works without these scripts. This one holds
// the page helpers the others share (window.aisle) and what the smaller pages do; the
// list page lives in list.js (with rows.js, sheet.js and the op queue of queue.js). All
// five load deferred, in the order of views::assets::SCRIPTS, on every page, after the
// page language's words (i18n/<code>.js); the pages are wired up at DOMContentLoaded.
"use strict";

(() => {
  const PAGES_CACHE = "aisle-pages-v1";

  // ---- words in the page's language ------------------------------------------------------
  // `self.aisleText` comes from the server's script for the page's language (made from
  // locales/<code>/js.ftl and the unit and money messages: src/i18n/script.rs). A message
  // is a string with `{ $name }` placeholders, a select on a value
  // (`{"$": "n", "*": "other", "one": …}`), or an array of these.

  const words = self.aisleText || { messages: {}, decimal: ".", readerUnits: {} };
  const lang = document.documentElement.lang || words.lang || "en";
  const own = (object, key) => !!object && Object.prototype.hasOwnProperty.call(object, key);
  let rules = null;
  function plural(n) {
    if (!rules) {
      try { rules = new Intl.PluralRules(lang); } catch (err) { rules = { select: (x) => (x === 1 ? "one" : "other") }; }
    }
    return rules.select(n);
  }
  // A number in a message, with the page language's decimal mark (as the server writes it).
  const number = (n) => String(n).replace(".", words.decimal);

  function fill(p, args) {
    if (typeof p === "string") {
      return p.replace(/\{ \$([A-Za-z][\w-]*) \}/g, (all, name) => {
        if (!own(args, name)) return all;
        return typeof args[name] === "number" ? number(args[name]) : String(args[name]);
      });
    }
    if (Array.isArray(p)) return p.map((part) => fill(part, args)).join("");
    if (!p || typeof p !== "object") return "";
    // A select: an exact number or word first, then the number's plural category, else
    // the default variant.
    const variant = (key) => key !== "$" && key !== "*" && own(p, key);
    const value = own(args, p.$) ? args[p.$] : undefined;
    let key = p["*"];
    if (value !== undefined && variant(String(value))) key = String(value);
    else if (typeof value === "number" && variant(plural(value))) key = plural(value);
    return fill(p[key], args);
  }

  // The message `id` with its values (`{ n: 3, name: "milk" }`).
  function t(id, args = {}) {
    return own(words.messages, id) ? fill(words.messages[id], args) : id;
  }

  // The same as a list of strings and nodes, for a message some of whose values are
  // elements (`{ amount: strongElement }`): `el.replaceChildren(...parts(…))`.
  function parts(id, args) {
    const nodes = [];
    const plain = {};
    for (const [key, value] of Object.entries(args)) {
      if (value instanceof Node) {
        plain[key] = `\u0000${nodes.length}\u0000`;
        nodes.push(value);
      } else {
        plain[key] = value;
      }
    }
    return t(id, plain).split(/\u0000(\d+)\u0000/)
      .map((piece, i) => (i % 2 ? nodes[Number(piece)] : piece))
      .filter((piece) => piece !== "");
  }

  // "A and B", "A, B und C": several phrases as one, as the page's language lists them.
  function list(phrases) {
    try {
      return new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(phrases);
    } catch (err) {
      return phrases.join(", ");
    }
  }

  // A quantity as the server writes it (units::format_quantity, then the language's decimal
  // mark): 2, 1,5, ½, 1¼.
  const FRACTIONS = [[0.25, "¼", false], [0.5, "½", true], [0.75, "¾", false], [1 / 3, "⅓", false], [2 / 3, "⅔", false]];
  function quantity(q) {
    if (!Number.isFinite(q)) return String(q);
    if (Number.isInteger(q) && Math.abs(q) < 1e15) return String(q === 0 ? 0 : q);
    const sign = q < 0 ? "-" : "";
    const whole = Math.trunc(Math.abs(q));
    const frac = Math.abs(q) - whole;
    for (const [value, glyph, half] of FRACTIONS) {
      if (Math.abs(frac - value) <= 1e-6) {
        if (whole < 0.5) return sign + glyph;
        if (!half) return `${sign}${whole}${glyph}`;
      }
    }
    let text = q.toFixed(3);
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
    return (text === "-0" ? "0" : text).replace(".", words.decimal);
  }

  // An amount as the server writes it (Lang::amount): "1,5 l", "2 EL", "3 Dosen", "".
  // `unit` is canonical (`l`, `tbsp`, `can`); the unit's word agrees with the quantity
  // (one for parts of one).
  function amount(q, unit) {
    const id = `unit-${unit}`;
    const known = !!unit && own(words.messages, id);
    const has = typeof q === "number" && !Number.isNaN(q);
    if (has && known) return `${quantity(q)} ${t(id, { n: Math.abs(q) > 1 ? q : 1 })}`;
    if (has) return quantity(q);
    return known ? t(id, { n: 1 }) : "";
  }

  // An amount the reader (assets/parse/) or the server's parser wrote in English ("1.5 l",
  // "2 cups", "½ cup") as the page's language writes it; anything else as it is.
  const GLYPHS = { "¼": 0.25, "½": 0.5, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3 };
  function localAmount(text) {
    if (typeof text !== "string" || !text) return text;
    const [first, ...rest] = text.split(" ");
    const m = /^(-?)(\d+(?:\.\d+)?)?([¼½¾⅓⅔])?$/.exec(first);
    const q = m && (m[2] || m[3]) ? (m[1] ? -1 : 1) * ((m[2] ? Number(m[2]) : 0) + (m[3] ? GLYPHS[m[3]] : 0)) : null;
    if (q === null && rest.length) return text;
    const word = q === null ? first : rest.join(" ");
    let unit = null;
    if (word) {
      unit = own(words.messages, `unit-${word}`) ? word : own(words.readerUnits, word) ? words.readerUnits[word] : null;
      if (!unit) return text;
    }
    return amount(q, unit);
  }

  // A sum of money as the server writes it (Lang::money): "12,40 EUR".
  function money(minor, currency, decimals) {
    const value = (minor / 10 ** decimals).toFixed(decimals).replace(".", words.decimal);
    return t("money", { amount: value, currency });
  }

  // A time of day in the page's language.
  const time = (date) => date.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });

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
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js").catch(() => { /* offline use unavailable */ });
    // A page the worker did not load asks it to take over, so that the page keeps working
    // when the network goes: on a first visit the worker, started on the login page,
    // takes over while the login's redirect is on its way; a hard reload skips it.
    navigator.serviceWorker.ready.then((registration) => {
      if (!navigator.serviceWorker.controller && registration.active) {
        registration.active.postMessage("claim");
      }
    }).catch(() => {});
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
      const username = form.dataset.user || "";
      if (waiting > 0 && !confirm(t("js-logout-unsynced", { n: waiting, username }))) return;
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
        chip.setAttribute("aria-label", t("js-complete-with", { name }));
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
          throw new Error(problem.detail || t("js-server-answered", { status: String(response.status) }));
        }
        say(t("js-order-saved", { category: row.dataset.name, position: rows().indexOf(row) + 1 }));
      } catch (err) {
        say(t("js-order-not-saved", { reason: err.message }));
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
        status(t("js-wake-lock-failed", { reason: err.message }));
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

  window.aisle = { $, csrf, status, storePick, keptJson, PAGES_CACHE, lang, t, parts, list, quantity, amount, localAmount, money, time };

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
        status(t("js-camera-unavailable"));
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
