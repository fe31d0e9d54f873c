// aisle — progressive enhancement. Every page works without this file; with it, changes
// on a list apply at once, go out as sync ops (queued in IndexedDB while offline), and
// changes made on other phones appear live: the page asks `changes?since=` and updates
// its rows in place, rendered from the <template>s the server put in the page.
"use strict";

(() => {
  const PAGES_CACHE = "aisle-pages-v1";
  // Most ops sent in one request (the server takes up to 500; docs/API.md).
  const BATCH_OPS = 100;

  // ---- the op queue (IndexedDB): survives reloads and browser restarts -------------------
  // One queue per user (database `aisle-ops-<user id>`): changes queued by one person are
  // only ever sent in their own session, never as whoever logs in next on the phone.

  const userId = () => ($('meta[name="aisle-user"]') || {}).content || "";

  function openDb(name, upgrade) {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  // The one queue of versions before per-user queues held whoever's changes were on the
  // phone, sent as whoever was logged in: its changes move, once, into the queue of the
  // first user to open a page (what those versions would have done with them).
  async function adoptSharedQueue(db) {
    if (!indexedDB.databases || !(await indexedDB.databases()).some((d) => d.name === "aisle")) return;
    const old = await openDb("aisle", (d) => d.createObjectStore("ops", { keyPath: "seq", autoIncrement: true }).createIndex("list", "list"));
    const rows = await new Promise((resolve) => {
      const request = old.transaction("ops").objectStore("ops").getAll();
      request.onsuccess = () => resolve(request.result || []);
      request.onerror = () => resolve([]);
    });
    old.close();
    if (rows.length) {
      await new Promise((resolve, reject) => {
        const t = db.transaction("ops", "readwrite");
        rows.sort((a, b) => a.seq - b.seq).forEach(({ list, op }) => t.objectStore("ops").add({ list, op }));
        t.oncomplete = resolve;
        t.onerror = () => reject(t.error);
      });
    }
    indexedDB.deleteDatabase("aisle");
  }

  let dbPromise = null;
  function openQueue() {
    if (!dbPromise) {
      const user = userId();
      dbPromise = user
        ? openDb(`aisle-ops-${user}`, (db) => {
          const store = db.createObjectStore("ops", { keyPath: "seq", autoIncrement: true });
          store.createIndex("list", "list");
        }).then(async (db) => {
          await adoptSharedQueue(db).catch(() => {});
          return db;
        })
        : Promise.reject(new Error("not logged in"));
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

  // Logging out with changes that have not synced yet asks first, and Cancel stays
  // logged in. The changes stay on the phone, in this user's own queue, and go out when
  // they log in here again; the cached pages are forgotten.
  function watchLogout() {
    const form = $('form[action="/logout"]');
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      // Decided after the queue is read: a submit cannot be cancelled after an await.
      event.preventDefault();
      const waiting = await tx("readonly", (s) => s.count()).catch(() => 0);
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
        names = offline.filter((name) => name.toLowerCase().split(/\s+/).some((w) => w.startsWith(word)));
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
    async function save(moved) {
      arrows();
      const categories = rows().map((row) => Number(row.dataset.category));
      try {
        const response = await fetch(`/api/v1/stores/${list.dataset.store}/order`, {
          method: "PUT",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
          body: JSON.stringify({ categories }),
        });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          throw new Error(problem.detail || `the server answered ${response.status}`);
        }
        say(`Saved: ${moved} is now number ${rows().findIndex((r) => $(".grow", r).textContent === moved) + 1}.`);
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
      save($(".grow", row).textContent);
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
        if (rows().indexOf(row) !== before) save($(".grow", row).textContent);
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

  // ---- the list page ----------------------------------------------------------------------

  function listPage(root) {
    const listId = Number(root.dataset.listId);
    let version = Number(root.dataset.version);
    // The version of the copy of this page the service worker keeps for offline use.
    let cachedVersion = version;
    let flushing = false;
    let retryDelay = 1000;
    let retryTimer = null;
    // Rows removed by a delete on this phone, kept for its undo.
    const removed = new Map();
    // Add ops the server applied, by op id: the list version that carries their items.
    // Their "just added" rows stay until the page has those items.
    const settled = new Map();

    const listItems = () => $("#list-items");
    const rowOf = (id) => document.getElementById(`item-${id}`);
    const idOf = (row) => Number(row.id.slice("item-".length));
    // The ids of the items the server last said are on the list (what its total counts).
    let live = new Set();
    const readLive = () => {
      live = new Set([...listItems().querySelectorAll(".item[id^='item-']")].map(idOf));
    };
    readLive();

    // ---- rows: rendered from the page's <template>s, the server's own row markup --------

    // What a row shows, read back from it (rendered by the server or by this script).
    function modelOf(row) {
      const text = (selector) => { const el = $(selector, row); return el ? el.textContent : null; };
      const image = $("img.thumb", row);
      return {
        id: idOf(row),
        name: text(".name") || "",
        amount: text(".amount") || "",
        note: text(".note"),
        image: image ? image.getAttribute("src") : null,
        category: row.dataset.category || "",
        position: Number(row.dataset.position) || 0,
        checked: row.classList.contains("checked"),
      };
    }

    // An item of `changes?since=` (docs/API.md) as a row shows it.
    const modelFrom = (item) => ({
      id: item.id,
      name: item.name,
      amount: item.amount || "",
      note: item.note,
      image: item.image || null,
      category: item.category || "",
      position: item.position,
      checked: item.checked,
    });

    // Removes an optional part of a row with the space the template keeps beside it, as
    // the server leaves out both.
    function drop(el) {
      const blank = (node) => node && node.nodeType === Node.TEXT_NODE && !node.textContent.trim();
      if (blank(el.nextSibling)) el.nextSibling.remove();
      else if (blank(el.previousSibling)) el.previousSibling.remove();
      el.remove();
    }

    // A row for item `m`: a copy of the blank row the server rendered into the page, filled
    // with text and attributes (never markup).
    // Null on a page without the templates (a copy cached before they existed): such a
    // page takes changes by reloading its list part, which brings them.
    function render(m) {
      const templates = $("#row-templates");
      const blank = templates && $(m.checked ? ".item.checked" : ".item:not(.checked)", templates.content);
      if (!blank) return null;
      const row = blank.cloneNode(true);
      const own = (value) => value.replace("/items/0/", `/items/${m.id}/`);
      row.id = `item-${m.id}`;
      row.dataset.category = m.category;
      row.dataset.position = String(m.position);
      row.querySelectorAll("[formaction]").forEach((el) => el.setAttribute("formaction", own(el.getAttribute("formaction"))));
      row.querySelectorAll("a[href]").forEach((el) => el.setAttribute("href", own(el.getAttribute("href"))));
      // The blank labels end where the name goes ("Edit ", "Remove ").
      row.querySelectorAll("[aria-label]").forEach((el) => el.setAttribute("aria-label", el.getAttribute("aria-label") + m.name));
      $(".name", row).textContent = m.name;
      for (const [selector, text] of [[".amount", m.amount], [".note", m.note]]) {
        const el = $(selector, row);
        if (text) el.textContent = text; else drop(el);
      }
      const image = $("img.thumb", row);
      if (m.image) image.setAttribute("src", m.image); else drop(image);
      return row;
    }

    function categoryOrder() {
      try { return JSON.parse(listItems().dataset.categories || "[]"); } catch (err) { return []; }
    }

    // The done section, made from its template when `make` and missing.
    function doneSection(make) {
      let section = $("section.done", listItems());
      if (!section && make) {
        section = $("section", $("#done-template").content).cloneNode(true);
        listItems().appendChild(section);
      }
      return section;
    }

    // The list a row of `m` belongs in: its category's group (made in aisle order when
    // missing) or the done section. Null for a category this page does not know (made
    // after it was loaded).
    function listFor(m) {
      if (!$("#group-template") || !$("#done-template")) return null;
      if (m.checked) return $("ul", doneSection(true));
      const groups = [...listItems().querySelectorAll("section.group[data-category]")];
      const own = groups.find((s) => s.dataset.category === m.category);
      if (own) return $("ul", own);
      const order = categoryOrder();
      if (m.category !== "" && !order.includes(m.category)) return null;
      // Items without a category come last, as "Other".
      const rank = (key) => (key === "" || !order.includes(key) ? order.length : order.indexOf(key));
      const section = $("section", $("#group-template").content).cloneNode(true);
      const name = m.category || "Other";
      section.dataset.category = m.category;
      section.setAttribute("aria-label", name);
      $("h2", section).textContent = name;
      const next = groups.find((s) => rank(s.dataset.category) > rank(m.category)) || doneSection(false);
      listItems().insertBefore(section, next || null);
      return $("ul", section);
    }

    // Whether `row` sorts after item `m` (by position, then id, as the server sorts).
    function after(row, m) {
      const position = Number(row.dataset.position);
      return position > m.position || (position === m.position && idOf(row) > m.id);
    }

    // Shows item `m` where the server would: its row replaced (the same node when nothing
    // it shows changed) and moved between groups and sections as needed, keeping focus.
    // False when the page cannot place it.
    function place(m) {
      const list = listFor(m);
      if (!list) return false;
      const old = rowOf(m.id);
      const fresh = render(m);
      if (!fresh) return false;
      const row = old && old.outerHTML === fresh.outerHTML ? old : fresh;
      const rows = [...list.children].filter((r) => r !== row && r.id.startsWith("item-"));
      const next = rows.find((r) => after(r, m)) || null;
      if (row.parentNode === list && row.nextElementSibling === next) return true;
      const active = document.activeElement;
      const focus = old && active !== old && old.contains(active)
        ? [".box", ".edit", ".icon"].find((s) => active.matches(s)) : null;
      list.insertBefore(row, next);
      if (old && old !== row) old.remove();
      if (focus && !row.contains(document.activeElement)) {
        const target = $(focus, row);
        if (target) target.focus({ preventScroll: true });
      }
      return true;
    }

    // After rows came and went: no empty groups (as the server shows none), the done
    // count, and the "nothing here" line.
    function tidy() {
      for (const section of listItems().querySelectorAll("section.group")) {
        const list = $("ul", section);
        if (list && !list.children.length) section.remove();
      }
      const done = doneSection(false);
      if (done) $("h2", done).textContent = `Done (${$("ul", done).children.length})`;
      const empty = $("#list-empty");
      if (empty) empty.hidden = !!listItems().querySelector(".item");
    }

    function pendingList() {
      let section = $("section.pending", listItems());
      if (!section) {
        section = document.createElement("section");
        section.className = "group pending";
        section.setAttribute("aria-label", "Just added");
        const heading = document.createElement("h2");
        heading.textContent = "Just added";
        const list = document.createElement("ul");
        list.className = "items";
        section.append(heading, list);
        listItems().prepend(section);
      }
      return $("ul", section);
    }

    // A row for an add the server does not have yet: a blank row without edit or remove,
    // which checks it off by the op's id.
    function pendingRow(op, name) {
      if (!name) return null;
      const row = render({ id: 0, name, amount: "", note: null, image: null, category: "", position: 0, checked: false });
      if (!row) return null;
      row.id = `pending-${op.op_id}`;
      row.classList.add("pending-item");
      delete row.dataset.category;
      delete row.dataset.position;
      const box = $(".box", row);
      box.type = "button";
      box.removeAttribute("form");
      box.removeAttribute("formaction");
      box.dataset.ref = `op:${op.op_id}`;
      drop($("a.edit", row));
      drop($(".icon", row));
      return row;
    }

    // The name of the item an op is about, for messages.
    function nameOf(op) {
      if (op.kind === "add") return (op.fields.text.split(/[\n;]|,(?!\d)/).find((part) => part.trim()) || "").trim();
      const ref = op.item_id;
      const row = typeof ref === "number" ? rowOf(ref) : document.getElementById(`pending-${String(ref).slice(3)}`);
      const name = row && $(".name", row);
      if (name) return name.textContent;
      return removed.has(ref) ? removed.get(ref).name : "";
    }

    // Shows an op as applied, before the server has it.
    function show(op) {
      if (op.kind === "add") {
        if (document.getElementById(`pending-${op.op_id}`)) return;
        const row = pendingRow(op, nameOf(op)); // later ops refer to its first item
        if (row) pendingList().appendChild(row);
        return;
      }
      const ref = op.item_id;
      if (typeof ref === "string") {
        // An item added on this phone that the server does not have yet.
        const row = document.getElementById(`pending-${ref.slice(3)}`);
        if (row && (op.kind === "check" || op.kind === "uncheck")) {
          const checked = op.kind === "check";
          row.classList.toggle("checked", checked);
          const box = $(".box", row);
          box.classList.toggle("ticked", checked);
          $(".tick", box).textContent = checked ? "✓" : "";
          $(".sr-only", box).textContent = checked ? "Uncheck " : "Check off ";
        }
        return;
      }
      const row = rowOf(ref);
      switch (op.kind) {
        case "check":
        case "uncheck":
          if (row) place({ ...modelOf(row), checked: op.kind === "check" });
          break;
        case "delete":
          if (row) {
            removed.set(ref, modelOf(row));
            row.remove();
          }
          break;
        case "restore":
          if (!row && removed.has(ref)) place(removed.get(ref));
          break;
        case "edit":
          if (row) {
            const m = modelOf(row);
            if (op.fields.name) m.name = op.fields.name;
            if ("note" in op.fields) m.note = op.fields.note;
            place(m);
          }
          break;
        default:
          break;
      }
    }

    const waitingText = (n) => (n ? `${n} change${n === 1 ? "" : "s"} waiting to sync` : "");

    async function showQueued() {
      const rows = await queued(listId).catch(() => []);
      rows.forEach((row) => show(row.op));
      tidy();
      status(waitingText(rows.length));
      return rows.length;
    }

    // ---- changes from the server, applied in place ---------------------------------------

    // Applies `changes?since=` to the rows; then what is still queued here shows on top.
    // False when an item could not be placed.
    function applyChanges(changes, queue) {
      let placed = true;
      if (changes.reset) {
        // `items` is the whole list: rows of anything else are gone.
        const live = new Set(changes.items.map((item) => item.id));
        listItems().querySelectorAll(".item[id^='item-']").forEach((row) => { if (!live.has(idOf(row))) row.remove(); });
      }
      for (const item of changes.items) {
        if (item.deleted) {
          const row = rowOf(item.id);
          if (row) row.remove();
        } else {
          removed.delete(item.id);
          placed = place(modelFrom(item)) && placed;
        }
      }
      const waiting = new Set(queue.map((row) => row.op.op_id));
      for (const row of listItems().querySelectorAll(".pending-item")) {
        const opId = row.id.slice("pending-".length);
        const at = settled.get(opId);
        if (!waiting.has(opId) && (at === undefined || at <= changes.version)) {
          row.remove();
          settled.delete(opId);
        }
      }
      version = changes.version;
      queue.forEach((row) => show(row.op));
      tidy();
      return placed;
    }

    // The estimated total, when the items it counts may have changed.
    async function refreshTotal() {
      let total;
      try {
        const response = await fetch(`/api/v1/lists/${listId}/total`, { credentials: "same-origin" });
        if (!response.ok) return;
        total = await response.json();
      } catch (err) {
        return;
      }
      let line = $("#list-total");
      // Only a total of something: with no price known, no "0.00" line.
      if (!total.priced) {
        if (line) line.remove();
        return;
      }
      if (!line) {
        line = document.createElement("p");
        line.className = "total";
        line.id = "list-total";
        listItems().prepend(line);
      }
      const decimals = Number(listItems().dataset.decimals) || 0;
      const amount = document.createElement("strong");
      amount.textContent = `${(total.amount_minor / 10 ** decimals).toFixed(decimals)} ${total.currency}`;
      const parts = ["Estimated total: ", amount];
      if (total.unpriced > 0) {
        const unpriced = document.createElement("span");
        unpriced.className = "muted";
        unpriced.textContent = `${total.unpriced} item${total.unpriced === 1 ? "" : "s"} without a known price`;
        parts.push(" · ", unpriced);
      }
      line.replaceChildren(...parts);
    }

    // Uses the CSRF token of a freshly fetched page (after logging in again elsewhere).
    function useToken(page) {
      const fresh = $('meta[name="csrf-token"]', page);
      const meta = $('meta[name="csrf-token"]');
      if (!fresh || !meta || fresh.content === meta.content) return;
      meta.content = fresh.content;
      const fields = [document, ...[...document.querySelectorAll("template")].map((t) => t.content)]
        .flatMap((scope) => [...scope.querySelectorAll('input[name="csrf_token"]')]);
      fields.forEach((input) => { input.value = fresh.content; });
    }

    // The list page's HTML, parsed; also kept as the offline copy.
    async function fetchPage() {
      let response;
      try {
        response = await fetch(`/lists/${listId}`, { credentials: "same-origin", headers: { Accept: "text/html" } });
      } catch (err) {
        return null;
      }
      if (!response.ok || response.redirected) return null;
      if (self.caches) {
        const copy = response.clone();
        caches.open(PAGES_CACHE).then((c) => c.put(`/lists/${listId}`, copy)).catch(() => {});
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      useToken(page);
      const fresh = $("#list", page);
      if (fresh) cachedVersion = Number(fresh.dataset.version);
      return page;
    }

    // The fallback for a change the page cannot show in place (the list renamed, archived
    // or put in another store's aisle order; an item in a category made after the page was
    // loaded): the list part of the page once more. What is being typed stays.
    async function reloadList() {
      const page = await fetchPage();
      const fresh = page && $("#list-items", page);
      const freshRoot = page && $("#list", page);
      if (!fresh || !freshRoot) return false;
      listItems().replaceWith(fresh);
      for (const id of ["row-templates", "group-template", "done-template"]) {
        const template = $(`#${id}`, page);
        const mine = $(`#${id}`);
        if (template && mine) mine.replaceWith(template);
        else if (template) root.appendChild(template);
      }
      const heading = $("h1", freshRoot);
      if (heading) $("h1", root).replaceWith(heading);
      const settings = $(".list-settings", page);
      const mine = $(".list-settings");
      if (settings && mine && !mine.open) mine.replaceWith(settings);
      // Another phone may have picked another store: the picker says so too.
      const pick = $(".store-pick", page);
      const myPick = $(".store-pick");
      if (pick && myPick && !myPick.contains(document.activeElement)) {
        myPick.replaceWith(pick);
        storePick();
      }
      document.title = page.title;
      version = Number(freshRoot.dataset.version);
      readLive();
      await showQueued();
      return true;
    }

    // Brings the rows up to date with `changes?since=`; one request at a time (a call
    // while one runs asks for one more round after it).
    let catching = null;
    let again = false;
    function catchUp() {
      if (catching) {
        again = true;
        return catching;
      }
      catching = (async () => {
        do {
          again = false;
          await fetchChanges();
        } while (again);
      })().finally(() => { catching = null; });
      return catching;
    }

    async function fetchChanges() {
      let changes;
      try {
        const response = await fetch(`/api/v1/lists/${listId}/changes?since=${version}`, { credentials: "same-origin" });
        if (!response.ok) return;
        changes = await response.json();
      } catch (err) {
        return; // offline: the next connection catches up
      }
      synced();
      if (!changes.reset && changes.version === version) return;
      const queue = await queued(listId).catch(() => []);
      // Something changed but no item did: the list itself (name, store, archived).
      const listChanged = !changes.reset && !changes.items.length;
      // The total counts every live item, and prices those linked to a product.
      const counted = changes.reset || changes.items.some((item) => item.product_id || item.deleted === live.has(item.id));
      if (changes.reset) live.clear();
      changes.items.forEach((item) => (item.deleted ? live.delete(item.id) : live.add(item.id)));
      if (listChanged || !applyChanges(changes, queue)) {
        await reloadList();
        return;
      }
      if (counted) refreshTotal();
    }

    // ---- the op queue, sent ---------------------------------------------------------------

    // Lines of an add the server refused go back in the add box, with why beside it.
    function giveBack(lines, reasons) {
      const box = $("#add-text");
      const form = box && box.form;
      if (!form || !lines.length) return;
      box.value = [...lines, box.value.trim()].filter(Boolean).join("\n");
      let note = $("p.error", form);
      if (!note) {
        note = document.createElement("p");
        note.className = "error";
        note.setAttribute("role", "alert");
        form.append(note);
      }
      note.textContent = `Not added (fix and add again, or clear the box): ${reasons}.`;
    }

    // Says, under the add box, what an add merged into items already on the list
    // ("eggs: 3 → 15"), as the server words it for the form (domain::merge::Merged).
    function tellMerges(merged) {
      const form = $("#add-form");
      if (!form || !merged.length) return;
      const sentence = (m) => {
        if (m.from === m.to) return m.to ? `${m.name} was already on the list (${m.to})` : `${m.name} was already on the list`;
        return m.from ? `${m.name}: ${m.from} → ${m.to}` : `${m.name}: now ${m.to}`;
      };
      let note = $("p.merged", form);
      if (!note) {
        note = document.createElement("p");
        note.className = "merged muted";
        note.setAttribute("role", "status");
        form.append(note);
      }
      note.textContent = `${merged.map(sentence).join("; ")}.`;
    }

    // Adds that could not be sent now show as pending rows.
    function showPending() {
      queued(listId).then((rows) => {
        rows.forEach((row) => show(row.op));
        tidy();
      }).catch(() => {});
    }

    function retryLater() {
      showPending();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }

    // A plain sentence for an op the server refused, chosen by its code (docs/API.md).
    function refusal(result, op) {
      const name = op ? nameOf(op) : "";
      const what = name ? `“${name}”` : "an item";
      switch (result.code) {
        case "not_found":
          return `A change to ${what} was dropped: it is no longer on this list.`;
        case "invalid":
          return `A change to ${what} could not be saved and was dropped (${result.message || "not accepted"}).`;
        default:
          return "";
      }
    }

    // What became of a queued change that met another phone's (code `conflict`: the item
    // was removed meanwhile, or a restore found it back already), said instead of the row
    // just vanishing.
    function conflict(op) {
      const name = nameOf(op);
      const what = name ? `“${name}”` : "An item";
      if (op.kind === "delete") return ""; // gone either way, as wanted
      if (op.kind === "restore") return `${what} was already back on the list.`;
      const change = { check: "check", uncheck: "uncheck", edit: "edit", move: "move" }[op.kind] || "change";
      return `${what} was removed on another phone meanwhile, so your ${change} was not made.`;
    }

    // Sends queued ops in order, at most BATCH_OPS at a time; each is applied once however
    // often it is sent. A batch the server finds too big (413: more ops, items or text than
    // one request may hold) goes again in halves; an op that is fine on its own never is.
    // Ops the server refuses (named by index and code) are dropped and the rest sent again.
    async function flush() {
      if (flushing) return;
      flushing = true;
      let size = BATCH_OPS;
      let refused = ""; // why changes were dropped: stays shown until the queue is through
      let freshToken = false;
      try {
        for (;;) {
          const rows = await queued(listId);
          status([refused, waitingText(rows.length)].filter(Boolean).join(" "));
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
            const reply = await response.json().catch(() => ({}));
            batch.filter((r) => r.op.kind === "add").forEach((r) => settled.set(r.op.op_id, Number(reply.version) || 0));
            const results = Array.isArray(reply.results) ? reply.results : [];
            tellMerges(results.flatMap((r) => (Array.isArray(r.merged) ? r.merged : [])));
            const met = results.filter((r) => r.code === "conflict" && batch[r.index]).map((r) => conflict(batch[r.index].op));
            if (met.length) refused = [refused, ...met].filter(Boolean).join(" ");
            const back = results.flatMap((r) => (Array.isArray(r.refused) ? r.refused : []));
            giveBack(back.map((r) => r.text), back.map((r) => `“${r.text}”: ${r.reason}`).join("; "));
            await dequeue(batch.map((r) => r.seq));
            retryDelay = 1000;
            await catchUp();
            continue;
          }
          if (response.status === 401) {
            showPending();
            status("Log in again to sync your changes.");
            break;
          }
          if (response.status === 403) {
            // The page's token may be stale (logged in again elsewhere): fetch a fresh one,
            // once; refused again, the server means it, so wait instead of asking in a loop.
            if (freshToken || !(await fetchPage())) {
              status("Your changes are kept on this phone, but the server does not accept them from this page. Reload the page to try again.");
              retryLater();
              break;
            }
            freshToken = true;
            continue;
          }
          if ([400, 404, 413, 422].includes(response.status)) {
            // Dropped, or a bad op would block the queue forever.
            const problem = await response.json().catch(() => ({}));
            const results = Array.isArray(problem.results) ? problem.results : [];
            const dropped = results.filter((r) => (r.code === "invalid" || r.code === "not_found") && batch[r.index]);
            if (dropped.length) {
              // A refused add goes back in the box; other refused changes are named.
              const adds = dropped.filter((r) => batch[r.index].op.kind === "add");
              giveBack(adds.map((r) => batch[r.index].op.fields.text.trim()), adds.map((r) => r.message).join("; "));
              refused = dropped.filter((r) => !adds.includes(r)).map((r) => refusal(r, batch[r.index].op)).join(" ");
              await dequeue(dropped.map((r) => batch[r.index].seq));
              continue;
            }
            if (response.status === 404) {
              // No op named: the list itself is gone.
              await dequeue(rows.map((r) => r.seq));
              refused = "This list was deleted, so changes made to it here could not be saved.";
              continue;
            }
            // Refused as a whole without naming an op: halves find it; alone, it is dropped.
            if (batch.length > 1) {
              size = Math.ceil(batch.length / 2);
              continue;
            }
            await dequeue([batch[0].seq]);
            refused = `A change to “${nameOf(batch[0].op)}” could not be saved and was dropped.`;
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
      // An add shows when the server has it, or as pending once it cannot be sent now:
      // a line the server refuses never shows as added.
      if (op.kind !== "add") show(op);
      tidy();
      const rows = await queued(listId);
      status(waitingText(rows.length));
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
        if (m[3] === "delete") offerUndo(itemId);
        submitOp({ kind: m[3], item_id: itemId });
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
        form.querySelectorAll("p.error, p.merged").forEach((note) => note.remove());
      }
    });

    // Items added while offline can be checked off before they reach the server.
    document.addEventListener("click", (event) => {
      const box = event.target.closest("button.box[data-ref]");
      if (box) submitOp({ kind: box.classList.contains("ticked") ? "uncheck" : "check", item_id: box.dataset.ref });
    });

    function offerUndo(itemId) {
      const row = rowOf(itemId);
      const name = row ? ($(".name", row) || row).textContent.trim() : "item";
      const bar = document.createElement("div");
      bar.className = "undo snackbar";
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
      document.body.append(bar);
      setTimeout(() => bar.remove(), 8000);
    }

    // ---- the connection, said calmly: live, reconnecting or offline, and the last sync ----

    const indicator = $("#connection");
    let state = "";
    let lastSync = null;
    const STATES = { live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };
    // The state is announced (role=status) when it changes; the time of the last sync
    // stands beside it, outside the announcement, so each sync does not speak.
    function connection(next) {
      if (!indicator) return;
      indicator.hidden = false;
      if (next && next !== state) {
        state = next;
        indicator.dataset.state = state;
        $(".state", indicator).textContent = STATES[state];
      }
      const at = lastSync && lastSync.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      $(".since", indicator).textContent = at ? ` · synced ${at}` : "";
    }
    function synced() {
      lastSync = new Date();
      connection();
    }

    // ---- live updates: Server-Sent Events, reconnecting with backoff ----------------------

    let source = null;
    let liveDelay = 1000;
    let liveTimer = 0;

    function connect() {
      if (!self.EventSource) return;
      source = new EventSource(`/api/v1/lists/${listId}/events`);
      source.addEventListener("hello", () => {
        liveDelay = 1000;
        connection("live");
        catchUp();
        flush();
      });
      // An event says only that the list moved on; the page asks what changed.
      source.addEventListener("change", (event) => {
        let moved = true;
        try { moved = !(JSON.parse(event.data).version <= version); } catch (err) { /* ask anyway */ }
        if (moved) catchUp();
      });
      source.addEventListener("resync", () => catchUp());
      source.onerror = () => {
        source.close();
        connection(navigator.onLine ? "reconnecting" : "offline");
        liveTimer = setTimeout(connect, liveDelay);
        liveDelay = Math.min(liveDelay * 2, 30000);
      };
    }

    // Back from a dead zone: a new live connection now (the old one may be dead without
    // knowing it), not when the backoff says.
    window.addEventListener("online", () => {
      retryDelay = 1000;
      connection("reconnecting");
      flush();
      if (source) source.close();
      clearTimeout(liveTimer);
      liveDelay = 1000;
      connect();
    });
    window.addEventListener("offline", () => connection("offline"));
    window.addEventListener("pageshow", (event) => { if (event.persisted) catchUp(); });
    // The service worker's copy of this page is what opens in a dead zone: when the phone
    // is put away, bring it up to date if the list moved on since it was taken.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && version !== cachedVersion && navigator.onLine) fetchPage();
    });

    showQueued().then((n) => { if (n) flush(); });
    connection(navigator.onLine ? "reconnecting" : "offline");
    connect();
    // On the first visit the service worker did not see this page load: cache it now so
    // the list opens in a dead zone too.
    if ("serviceWorker" in navigator && !navigator.serviceWorker.controller) {
      navigator.serviceWorker.ready.then(() => fetchPage()).catch(() => {});
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
    if (root && self.indexedDB) listPage(root);
    const edit = $('form[action$="/edit"]');
    const m = edit && new URL(edit.action, location.href).pathname.match(/^\/lists\/(\d+)\/items\/(\d+)\/edit$/);
    if (m && self.indexedDB) editPage(edit, Number(m[1]), Number(m[2]));
  });
})();
