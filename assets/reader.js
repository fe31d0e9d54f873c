// aisle — the add box read on the phone exactly as the server reads it: the server's own
// parser (crates/parse) compiled to WebAssembly (assets/parse/, scripts/build-wasm), so an
// add made in a dead zone shows every item it makes, in its category, at once.
"use strict";

(() => {
  let reader = null;
  // Resolves to the reader, or to null where it cannot run (no WebAssembly, not cached
  // and offline): the page then shows an add's first line until the server has it.
  let ready = Promise.resolve(null);
  const home = document.getElementById("list-items");
  const url = home && home.dataset.reader;
  if (url && self.WebAssembly && typeof wasm_bindgen === "function") {
    ready = wasm_bindgen({ module_or_path: url })
      .then(() => {
        reader = {
          // `{refused}` for text refused as a whole, or `{pieces: [{text, item?, refused?}]}`
          // with `item` = `{name, amount, note, category, key}` (crates/parse-wasm).
          read(text) {
            try {
              return JSON.parse(wasm_bindgen.read_add(String(text)));
            } catch (err) {
              return null;
            }
          },
          key: (name) => wasm_bindgen.name_key(String(name)),
          // An amount typed in the edit sheet as the list writes it, or null when the
          // server will refuse it.
          amount: (typed) => wasm_bindgen.write_amount(String(typed)) ?? null,
        };
        return reader;
      })
      .catch(() => null);
  }
  window.aisle.reader = () => reader;
  window.aisle.readerReady = ready;
})();
