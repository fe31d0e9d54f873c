// aisle — the list page, live: changes apply at once and go out as sync ops (queued in
// IndexedDB while offline, queue.js), and changes made on other phones appear live: the
// page asks `changes?since=` and updates its rows in place (rows.js).
"use strict";

(() => {
  const { $, csrf, status, storePick, keptJson, PAGES_CACHE, t, parts, list, localAmount, money, time } = window.aisle;
  const { enqueue, queued, dequeue, newOpId } = window.aisle.queue;
  // Most ops sent in one request (the server takes up to 500; docs/API.md).
  const BATCH_OPS = 500;
  // Most add ops sent in one request: the server takes 100 items of adds per request, and
  // an add op read on the phone is one item.
  const BATCH_ADDS = 100;

  window.aisle.listPage = (root) => {
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

    const { listItems, rowOf, idOf, modelOf, modelFrom, place, tidy, show, unshow, forget, seen, nameOf, itemsOf, learn, bury } = window.aisle.rows(removed);
    // The ids of the items the server last said are on the list (what its total counts).
    let live = new Set();
    const readLive = () => {
      live = new Set([...listItems().querySelectorAll(".item[id^='item-']")].map(idOf));
    };
    readLive();

    // The household's own category choices, so that items added offline show in the
    // category the server will put them in.
    const learning = keptJson("/api/v1/categories/learned").then((learned) => {
      if (learned && typeof learned === "object") learn(new Map(Object.entries(learned)));
    });

    const waitingText = (n) => (n ? t("js-waiting", { n }) : "");

    async function showQueued() {
      const rows = await queued(listId).catch(() => []);
      // Queued adds show as the items the reader makes of them: wait for it (briefly: it
      // comes from the phone's own cache).
      if (rows.some((row) => row.op.kind === "add")) {
        await Promise.race([Promise.all([window.aisle.readerReady, learning]), new Promise((resolve) => setTimeout(resolve, 3000))]);
      }
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
        listItems().querySelectorAll(".item[id^='item-']").forEach((row) => { if (!live.has(idOf(row))) bury(row); });
      }
      for (const item of changes.items) {
        if (item.deleted) {
          const row = rowOf(item.id);
          if (row) bury(row);
        } else {
          removed.delete(item.id);
          const m = modelFrom(item);
          seen(m);
          placed = place(m) && placed;
        }
      }
      version = changes.version;
      sweep(queue);
      queue.forEach((row) => show(row.op));
      tidy();
      return placed;
    }

    // Removes the waiting rows of adds no longer queued whose items the page now has (the
    // version that carries them, or one after it). `queue`: what is still queued.
    function sweep(queue) {
      const waiting = new Set(queue.map((row) => row.op.op_id));
      for (const row of listItems().querySelectorAll(".pending-item")) {
        const opId = row.dataset.op;
        const at = settled.get(opId);
        if (!waiting.has(opId) && (at === undefined || at <= version)) {
          row.remove();
          settled.delete(opId);
        }
      }
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
      amount.textContent = money(total.amount_minor, total.currency, decimals);
      const shown = parts("js-total", { amount });
      if (total.unpriced > 0) {
        const unpriced = document.createElement("span");
        unpriced.className = "muted";
        unpriced.textContent = t("js-total-unpriced", { n: total.unpriced });
        shown.push(" · ", unpriced);
      }
      line.replaceChildren(...shown);
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
      const heading = $("header.top h1", page);
      const myHeading = $("header.top h1");
      if (heading && myHeading) myHeading.replaceWith(heading);
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
      // Categories made since the page was loaded become the edit sheet's choices too (the
      // sheet itself stays: sheet.js holds it).
      const choices = $("#sheet-category", page);
      const myChoices = $("#sheet-category");
      if (choices && myChoices) {
        const chosen = myChoices.value;
        myChoices.replaceChildren(...choices.children);
        myChoices.value = chosen;
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
      if (!changes.reset && changes.version === version) {
        // Nothing new, but an add answered late (a duplicate) may have its items here.
        sweep(await queued(listId).catch(() => []));
        tidy();
        return;
      }
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
      notAdded(reasons);
    }

    // Says under the add box why what is in it was not added.
    function notAdded(reasons) {
      const form = $("#add-form");
      if (!form) return;
      let note = $("p.error", form);
      if (!note) {
        note = document.createElement("p");
        note.className = "error";
        note.setAttribute("role", "alert");
        form.append(note);
      }
      note.textContent = t("js-not-added", { reasons });
    }

    // Says, under the add box, what an add merged into items already on the list
    // ("eggs: 3 → 15"), as the server words it for the form (domain::merge::Merged), its
    // amounts as the list writes them.
    function tellMerges(merged) {
      const form = $("#add-form");
      if (!form || !merged.length) return;
      const sentence = (m) => {
        const [name, from, to] = [m.name, localAmount(m.from), localAmount(m.to)];
        if (m.from === m.to) return to ? t("js-merged-already-amount", { name, amount: to }) : t("js-merged-already", { name });
        return from ? t("js-merged-changed", { name, from, to }) : t("js-merged-now", { name, amount: to });
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

    // A message said of an item by its name, or of "an item" when it has none here.
    const about = (id, name, args = {}) => (name ? t(id, { ...args, name }) : t(`${id}-unnamed`, args));

    // A plain sentence for an op the server refused, chosen by its code (docs/API.md).
    function refusal(result, op) {
      const name = op ? nameOf(op) : "";
      switch (result.code) {
        case "not_found":
          return about("js-dropped-gone", name);
        case "invalid":
          return about("js-dropped-invalid", name, { reason: result.message || t("js-not-accepted") });
        default:
          return "";
      }
    }

    // What became of a queued change that met another phone's (code `conflict`: the item
    // was removed meanwhile, or a restore found it back already), said instead of the row
    // just vanishing.
    function conflict(op) {
      const name = nameOf(op);
      if (op.kind === "delete") return ""; // gone either way, as wanted
      if (op.kind === "restore") return about("js-conflict-back", name);
      return about("js-conflict-removed", name, { kind: op.kind });
    }

    // What an edit replaced that another phone had set meanwhile (its result's `replaced`):
    // the edit holds, as the rules say, and the page says what it replaced.
    function replacedSentence(op, replaced) {
      const what = list(replaced.map((r) => {
        if (!r.theirs) return t("js-replaced-none", { field: r.field });
        const value = r.field === "amount" ? localAmount(r.theirs) : r.theirs;
        return t("js-replaced-value", { field: r.field, value });
      }));
      return about("js-replaced", nameOf(op), { what });
    }

    // The first `size` queued ops, stopping before the add op past BATCH_ADDS.
    function batchOf(rows, size) {
      let adds = 0;
      const end = rows.findIndex((r) => r.op.kind === "add" && ++adds > BATCH_ADDS);
      return rows.slice(0, Math.min(size, end < 0 ? rows.length : end));
    }

    // Sends queued ops in order, at most BATCH_OPS at a time; each is applied once however
    // often it is sent. A batch the server finds too big (413: more ops, items or text than
    // one request may hold) goes again in halves; an op that is fine on its own never is.
    // Ops the server refuses (named by index and code) are dropped and the rest sent again.
    // The page asks what changed once the queue is through (its rows show the ops already).
    async function flush() {
      if (flushing) return;
      flushing = true;
      let sent = false;
      let size = BATCH_OPS;
      let refused = ""; // why changes were dropped: stays shown until the queue is through
      let freshToken = false;
      let first = true;
      try {
        for (;;) {
          const rows = await queued(listId);
          // Nothing to send at all: what the line says (a conflict just told, say) stays.
          if (first && !rows.length) break;
          first = false;
          status([refused, waitingText(rows.length)].filter(Boolean).join(" "));
          if (!rows.length) break;
          const batch = batchOf(rows, size);
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
            const over = results.filter((r) => Array.isArray(r.replaced) && r.replaced.length && batch[r.index])
              .map((r) => replacedSentence(batch[r.index].op, r.replaced));
            if (met.length || over.length) refused = [refused, ...met, ...over].filter(Boolean).join(" ");
            const back = results.flatMap((r) => (Array.isArray(r.refused) ? r.refused : []));
            giveBack(back.map((r) => r.text), back.map((r) => t("js-refused-line", { text: r.text, reason: r.reason })).join("; "));
            await dequeue(batch.map((r) => r.seq));
            batch.forEach((r) => forget(r.op));
            retryDelay = 1000;
            sent = true;
            continue;
          }
          if (response.status === 401) {
            showPending();
            status(t("js-log-in-again"));
            break;
          }
          if (response.status === 403) {
            // The page's token may be stale (logged in again elsewhere): fetch a fresh one,
            // once; refused again, the server means it, so wait instead of asking in a loop.
            if (freshToken || !(await fetchPage())) {
              status(t("js-token-refused"));
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
              // Rows first, so that a refused edit is named as the list shows the item again.
              dropped.forEach((r) => unshow(batch[r.index].op));
              // The first refused edit goes back into the sheet with what was typed.
              const edit = dropped.find((r) => r.code === "invalid" && batch[r.index].op.kind === "edit");
              if (edit && sheet) sheet.refused(batch[edit.index].op, edit.message || t("js-not-accepted"));
              refused = dropped.filter((r) => !adds.includes(r)).map((r) => refusal(r, batch[r.index].op)).join(" ");
              await dequeue(dropped.map((r) => batch[r.index].seq));
              continue;
            }
            if (response.status === 404) {
              // No op named: the list itself is gone.
              await dequeue(rows.map((r) => r.seq));
              refused = t("js-list-deleted");
              continue;
            }
            // Refused as a whole without naming an op: halves find it; alone, it is dropped.
            if (batch.length > 1) {
              size = Math.ceil(batch.length / 2);
              continue;
            }
            await dequeue([batch[0].seq]);
            unshow(batch[0].op);
            refused = about("js-dropped", nameOf(batch[0].op));
            continue;
          }
          retryLater(); // 5xx: the server is busy or restarting
          break;
        }
        if (sent) await catchUp();
      } catch (err) {
        retryLater(); // offline
      } finally {
        flushing = false;
      }
    }

    // Keeps the pictures of the list's products on the phone with its pages (what the
    // service worker does for each picture it serves), for a dead zone.
    function keepPictures() {
      if (!self.caches) return;
      const urls = new Set([...listItems().querySelectorAll("img.thumb")]
        .map((img) => img.getAttribute("src"))
        .filter((src) => src && src.startsWith("/images/")));
      caches.open(PAGES_CACHE)
        .then((cache) => Promise.all([...urls].map((url) => cache.match(url).then((kept) => kept || cache.add(url)))))
        .catch(() => {});
    }

    // Shows ops, queues them and sends them. They show first, in the frame of the tap, and
    // are kept on the phone right after. An add shows at once when the reader read it as
    // the server will (its refused lines were never queued); without the reader, when the
    // server has it or as pending once it cannot be sent now, so that a line the server
    // refuses never shows as added.
    async function submitOps(ops) {
      ops.forEach((op) => { op.op_id = newOpId(); });
      ops.filter((op) => op.kind !== "add" || itemsOf(op)).forEach(show);
      tidy();
      try {
        await enqueue(listId, ops);
      } catch (err) {
        // Not kept (the browser refused its storage): show the server's state again.
        status(t("js-not-kept"));
        reloadList();
        return;
      }
      const rows = await queued(listId);
      status(waitingText(rows.length));
      flush();
    }
    const submitOp = (op) => submitOps([op]);

    // An add of `text` from the add box: with the reader, one op per line it makes an item
    // of (each checks off on its own while it waits), and the lines it refuses stay in the
    // box with the server's own reasons; the text refused as a whole stays as typed.
    function submitAdd(text, box) {
      const reader = window.aisle.reader();
      const reading = reader && reader.read(text);
      // What a note under the box says is about the box: a chip's add leaves it.
      const form = $("#add-form");
      if (form && box) form.querySelectorAll("p.error, p.merged").forEach((note) => note.remove());
      if (reading && typeof reading.refused === "string") {
        notAdded(reading.refused);
        return;
      }
      if (box) box.value = "";
      if (!reading || !Array.isArray(reading.pieces)) {
        submitOp({ kind: "add", fields: { text } });
        return;
      }
      const good = reading.pieces.filter((piece) => piece.item);
      const bad = reading.pieces.filter((piece) => !piece.item);
      if (good.length) submitOps(good.map((piece) => ({ kind: "add", fields: { text: piece.text } })));
      giveBack(bad.map((piece) => piece.text), bad.map((piece) => t("js-refused-line", { text: piece.text, reason: piece.refused })).join("; "));
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
        submitAdd(String(text), $("textarea", form));
        // An item due again is on the list now: its suggestion goes.
        const due = own && button.closest("#due .row");
        if (due) {
          const block = due.parentElement;
          due.remove();
          if (!$(".row", block)) block.hidden = true;
        }
      }
    });

    // Items added while offline can be checked off before they reach the server.
    document.addEventListener("click", (event) => {
      const box = event.target.closest("button.box[data-ref]");
      if (box) submitOp({ kind: box.classList.contains("ticked") ? "uncheck" : "check", item_id: box.dataset.ref });
    });

    const sheet = window.aisle.editSheet(submitOp);

    // The server's own undo bar (after "Clear checked") goes like the page's: the History
    // (List settings) still undoes it later.
    const served = $("form.undo.snackbar");
    if (served) setTimeout(() => served.remove(), 8000);

    function offerUndo(itemId) {
      const row = rowOf(itemId);
      const name = row ? ($(".name", row) || row).textContent.trim() : "";
      const bar = document.createElement("div");
      bar.className = "undo snackbar";
      bar.setAttribute("role", "status");
      const label = document.createElement("span");
      label.textContent = name ? t("js-removed", { name }) : t("js-removed-unnamed");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = t("js-undo");
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
    const STATES = { live: t("js-state-live"), reconnecting: t("js-state-reconnecting"), offline: t("js-state-offline") };
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
      $(".since", indicator).textContent = lastSync ? ` · ${t("js-synced-at", { time: time(lastSync) })}` : "";
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
    // The same for the pictures of its products, which the worker keeps once it serves them.
    if ("serviceWorker" in navigator && !navigator.serviceWorker.controller) {
      navigator.serviceWorker.ready.then(() => { fetchPage(); keepPictures(); }).catch(() => {});
    }
  };
})();
