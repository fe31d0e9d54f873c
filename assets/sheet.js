// aisle — the edit sheet of the list page: a row's ✎ opens it over the list, and Save
// sends what changed as an edit op through the queue, so an item can be edited offline
// too. Without JavaScript (or <dialog>), ✎ stays a link to the item's edit page.
"use strict";

(() => {
  const { $, t } = window.aisle;

  // `submitOp` is the list page's: it queues the op, shows it at once and sends it.
  // Returns what list.js tells the sheet, or null where there is no sheet.
  window.aisle.editSheet = (submitOp) => {
    const sheet = $("#edit-sheet");
    if (!sheet || typeof sheet.showModal !== "function") return null;
    const field = (name) => $(`[name="${name}"]`, sheet);
    let editing = null; // the item's id and what the sheet showed when it opened

    // Opens the sheet on `row`, showing `values` (what the row shows unless given) and,
    // when the server refused them, why.
    function open(row, values, reason) {
      const text = (selector) => { const el = $(selector, row); return el ? el.textContent.trim() : ""; };
      const before = { name: text(".name"), amount: text(".amount"), note: text(".note"), category: row.dataset.category || "" };
      const shown = { ...before, ...values };
      field("name").value = shown.name;
      field("amount").value = shown.amount;
      field("note").value = shown.note || "";
      // "Other" is offered only to an item without a category: an edit cannot take one away.
      const other = $('option[value=""]', field("category"));
      other.disabled = other.hidden = before.category !== "";
      field("category").value = shown.category;
      const note = $("#sheet-error");
      note.textContent = reason ? t("js-sheet-not-saved", { reason }) : "";
      note.hidden = !reason;
      editing = { id: Number(row.id.slice("item-".length)), before };
      sheet.returnValue = "";
      sheet.showModal();
    }

    document.addEventListener("click", (event) => {
      // A click with a modifier (a new tab) goes to the edit page as a link does.
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event.target.closest("li.item a.edit");
      const row = link && link.closest("li.item[id^='item-']");
      if (!row) return;
      event.preventDefault();
      open(row, {}, "");
    });

    sheet.addEventListener("close", () => {
      const was = editing;
      editing = null;
      if (!was || sheet.returnValue !== "save") return;
      const now = {
        name: field("name").value.trim(),
        amount: field("amount").value.trim(),
        note: field("note").value.trim(),
        category: field("category").value,
      };
      const fields = {};
      if (now.name && now.name !== was.before.name) fields.name = now.name;
      if (now.amount !== was.before.amount) fields.amount = now.amount;
      if (now.note !== was.before.note) fields.note = now.note || null;
      if (now.category && now.category !== was.before.category) fields.category = now.category;
      // `was`: what this phone showed, so the server can say what the edit replaced that
      // another phone set meanwhile (docs/API.md, "Sync").
      const seen = { name: was.before.name, amount: was.before.amount, note: was.before.note, category: was.before.category };
      if (Object.keys(fields).length) submitOp({ kind: "edit", item_id: was.id, fields, was: seen });
    });

    // An edit the server refused comes back into the sheet, as typed, with the reason:
    // nothing typed is lost. (Not over a sheet already open.)
    return {
      refused(op, reason) {
        const row = document.getElementById(`item-${op.item_id}`);
        if (!row || sheet.open || op.kind !== "edit") return false;
        const f = op.fields;
        const values = {};
        for (const key of ["name", "amount", "note", "category"]) if (key in f) values[key] = f[key] || "";
        open(row, values, reason);
        return true;
      },
    };
  };
})();
