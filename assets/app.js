// aisle — progressive enhancement only; every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // The add box: Enter adds, Shift+Enter starts a new line (for pasting several items).
  const text = document.getElementById("add-text");
  if (text && text.form) {
    text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (text.value.trim() !== "") text.form.requestSubmit();
      }
    });
  }
});
