// aisle — the op queue: changes made on a list page wait in IndexedDB (surviving reloads,
// browser restarts and dead zones) until the server has them. list.js sends them.
"use strict";

(() => {
  const { $ } = window.aisle;

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

  // Queues one op, or several in one transaction (in order).
  const enqueue = (list, ops) => tx("readwrite", (s) => [].concat(ops).forEach((op) => s.add({ list, op })));
  const queued = (list) => tx("readonly", (s) => s.index("list").getAll(list))
    .then((rows) => (rows || []).sort((a, b) => a.seq - b.seq));
  const dequeue = (seqs) => tx("readwrite", (s) => seqs.forEach((seq) => s.delete(seq)));

  function newOpId() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const count = () => tx("readonly", (s) => s.count());

  window.aisle.queue = { enqueue, queued, dequeue, count, newOpId };
})();
