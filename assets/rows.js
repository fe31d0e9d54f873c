// aisle — the rows of a list page, rendered from the <template>s the server put in the
// page (its own row markup), placed where the server would place them. list.js decides
// what to show; this file knows how.
"use strict";

(() => {
  const { $, t, amount, localAmount } = window.aisle;

  // `removed`: rows removed by a delete on this phone, kept for its undo (by item id).
  window.aisle.rows = (removed) => {
    const listItems = () => $("#list-items");
    const rowOf = (id) => document.getElementById(`item-${id}`);
    const idOf = (row) => Number(row.id.slice("item-".length));
    // Rows as they were before an edit op showed on them, by op id, until it is sent.
    const edited = new Map();
    // The names of items another phone removed, by id: a change queued here that meets
    // the removal is still named by its item ("“milk” was removed on another phone").
    const buried = new Map();

    // Takes away the row of an item removed elsewhere, keeping its name.
    function bury(row) {
      const name = $(".name", row);
      if (name) buried.set(idOf(row), name.textContent);
      row.remove();
    }

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

    // An item of `changes?since=` (docs/API.md) as a row shows it: its amount written in
    // the page's language from its quantity and unit, as the server writes it.
    const modelFrom = (item) => ({
      id: item.id,
      name: item.name,
      amount: "quantity" in item || "unit" in item ? amount(item.quantity ?? null, item.unit ?? null) : item.amount || "",
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
      const name = m.category || t("js-group-other");
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
      if (done) $("h2", done).textContent = t("js-done-count", { n: $("ul", done).children.length });
      const empty = $("#list-empty");
      if (empty) empty.hidden = !!listItems().querySelector(".item");
    }

    function pendingList() {
      let section = $("section.pending", listItems());
      if (!section) {
        section = document.createElement("section");
        section.className = "group pending";
        section.setAttribute("aria-label", t("js-just-added"));
        const heading = document.createElement("h2");
        heading.textContent = t("js-just-added");
        const list = document.createElement("ul");
        list.className = "items";
        section.append(heading, list);
        listItems().prepend(section);
      }
      return $("ul", section);
    }

    // A row for item `m` of an add the server does not have yet: a blank row without edit
    // or remove. The op's first item checks off by the op's id (`op:<op_id>`, what the
    // server resolves); the others of an op holding several wait for the server.
    function pendingRow(op, m, first) {
      if (!m.name) return null;
      const row = render({ id: 0, amount: "", note: null, ...m, image: null, category: "", position: 0, checked: false });
      if (!row) return null;
      if (first) row.id = `pending-${op.op_id}`;
      else row.removeAttribute("id");
      row.dataset.op = op.op_id;
      row.classList.add("pending-item");
      delete row.dataset.category;
      delete row.dataset.position;
      const box = $(".box", row);
      box.type = "button";
      box.removeAttribute("form");
      box.removeAttribute("formaction");
      if (first) box.dataset.ref = `op:${op.op_id}`;
      else box.disabled = true;
      // Said, not only shown in italics: this item is on this phone only, for now.
      const waiting = document.createElement("span");
      waiting.className = "waiting muted";
      waiting.textContent = ` · ${t("js-not-synced-yet")}`;
      box.append(waiting);
      drop($("a.edit", row));
      drop($(".icon", row));
      return row;
    }

    // The items an add op makes, read as the server will read them (reader.js); null
    // where the reader cannot run.
    function itemsOf(op) {
      const reader = window.aisle.reader && window.aisle.reader();
      const reading = reader && reader.read(op.fields.text);
      if (!reading || !Array.isArray(reading.pieces)) return null;
      return reading.pieces.filter((piece) => piece.item).map((piece) => piece.item);
    }

    // The household's own category for each name key (GET /api/v1/categories/learned),
    // set by list.js when it has them.
    let learned = new Map();
    const learn = (map) => { learned = map; };

    // What the household calls each default category, by the key the reader's dictionary
    // names it with ({"Dairy & Eggs": "Milchprodukte & Eier"}).
    function builtins() {
      try { return JSON.parse(listItems().dataset.builtins || "{}"); } catch (err) { return {}; }
    }

    // The category a new item goes to, chosen as the server chooses it
    // (db::categories::resolve): the household's own choice for the name, then the
    // built-in dictionary's, then Other; a category the household does not have is none.
    function categoryFor(item) {
      const order = categoryOrder();
      const own = learned.get(item.key);
      if (own && order.includes(own)) return own;
      const named = builtins();
      const guess = item.category && (named[item.category] || item.category);
      if (guess && order.includes(guess)) return guess;
      const other = named.Other || "Other";
      return order.includes(other) ? other : "";
    }

    // The rows an add op shows before the server has it: each item in its category's
    // group (or, without the reader, its first line under "Just added").
    function showAdd(op) {
      const items = itemsOf(op);
      if (!items) {
        const row = pendingRow(op, { name: nameOf(op) }, true);
        if (row) pendingList().appendChild(row);
        return;
      }
      const reader = window.aisle.reader();
      items.forEach((item, n) => {
        const m = { name: item.name, amount: localAmount(item.amount), note: item.note, category: categoryFor(item), checked: false };
        const row = pendingRow(op, m, n === 0);
        if (!row) return;
        // Beside an open item of the same name (which the server may merge it into, and
        // then says so), so the two are not taken for a mistake and one removed.
        const twin = [...listItems().querySelectorAll("li.item[id^='item-']:not(.checked)")]
          .find((r) => reader.key(($(".name", r) || r).textContent) === item.key);
        if (twin) twin.after(row);
        else (listFor(m) || pendingList()).appendChild(row);
      });
    }

    // The name of the item an op is about, for messages.
    function nameOf(op) {
      if (op.kind === "add") {
        const items = itemsOf(op);
        if (items && items.length) return items[0].name;
        return (op.fields.text.split(/[\n;]|,(?!\d)/).find((part) => part.trim()) || "").trim();
      }
      const ref = op.item_id;
      const row = typeof ref === "number" ? rowOf(ref) : document.getElementById(`pending-${String(ref).slice(3)}`);
      const name = row && $(".name", row);
      if (name) return name.textContent;
      if (removed.has(ref)) return removed.get(ref).name;
      return buried.get(ref) || "";
    }

    // Shows an op as applied, before the server has it.
    function show(op) {
      if (op.kind === "add") {
        if (!document.querySelector(`[data-op="${CSS.escape(op.op_id)}"]`)) showAdd(op);
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
          $(".sr-only", box).textContent = `${t(checked ? "js-row-uncheck" : "js-row-check")} `;
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
            if (!edited.has(op.op_id)) edited.set(op.op_id, { ...m });
            if (op.fields.name) m.name = op.fields.name;
            if ("note" in op.fields) m.note = op.fields.note;
            // The amount in the server's own wording (read by the reader, written in the
            // page's language), or as typed where the reader cannot run, until the
            // server's comes back.
            if ("amount" in op.fields) {
              const reader = window.aisle.reader && window.aisle.reader();
              const read = reader && reader.amount(op.fields.amount);
              m.amount = read != null ? localAmount(read) : op.fields.amount;
            }
            if (op.fields.category) {
              m.category = op.fields.category;
              // The server remembers the choice for this name: so does the page.
              const reader = window.aisle.reader && window.aisle.reader();
              if (reader) learned.set(reader.key(m.name), m.category);
            }
            place(m);
          }
          break;
        default:
          break;
      }
    }

    // An edit the server refused: its row as it was before the edit showed. (A later
    // change the server takes brings the item's own state with it.)
    function unshow(op) {
      if (op.kind === "add") {
        // Its waiting rows go: its text is back in the add box.
        document.querySelectorAll(`[data-op="${CSS.escape(op.op_id)}"]`).forEach((row) => row.remove());
        tidy();
        return;
      }
      const before = op.kind === "edit" && edited.get(op.op_id);
      edited.delete(op.op_id);
      if (before && rowOf(before.id)) place(before);
    }

    // An op the server took: nothing to go back to.
    const forget = (op) => edited.delete(op.op_id);

    // The server's own state of an item: what a refused edit of it goes back to.
    function seen(m) {
      for (const [opId, before] of edited) if (before.id === m.id) edited.set(opId, { ...m });
    }

    return { listItems, rowOf, idOf, modelOf, modelFrom, place, tidy, show, unshow, forget, seen, nameOf, itemsOf, learn, bury };
  };
})();
