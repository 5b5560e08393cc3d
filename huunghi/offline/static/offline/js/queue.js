/* The device queue: records saved offline, in IndexedDB, keyed by the signed-in user.
 *
 * Every read filters on the user id, so another account on the same device never sees
 * someone else's records. Entries: {client_uuid, user_id, state, record, photos, …};
 * states: waiting, invalid, refused, conflict, sent. */
(function () {
  "use strict";

  const DB_NAME = "huunghi-offline";
  const STORE = "records";
  let opening = null;

  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          const store = request.result.createObjectStore(STORE, { keyPath: "client_uuid" });
          store.createIndex("user", "user_id");
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return opening;
  }

  function done(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function store(mode) {
    const db = await open();
    return db.transaction(STORE, mode).objectStore(STORE);
  }

  function changed() {
    document.dispatchEvent(new CustomEvent("huunghi:queue-changed"));
  }

  async function list(userId) {
    const index = (await store("readonly")).index("user");
    const rows = await done(index.getAll(String(userId)));
    return rows.sort((a, b) => a.created_offline_at.localeCompare(b.created_offline_at));
  }

  async function get(userId, uuid) {
    const entry = await done((await store("readonly")).get(uuid));
    return entry && entry.user_id === String(userId) ? entry : null;
  }

  async function put(entry) {
    await done((await store("readwrite")).put(entry));
    changed();
  }

  async function remove(userId, uuid) {
    if (await get(userId, uuid)) {
      await done((await store("readwrite")).delete(uuid));
      changed();
    }
  }

  async function clearUser(userId) {
    for (const entry of await list(userId)) {
      await done((await store("readwrite")).delete(entry.client_uuid));
    }
    changed();
  }

  async function unsent(userId) {
    return (await list(userId)).filter((entry) => entry.state !== "sent");
  }

  window.HuuNghiQueue = { list, get, put, remove, clearUser, unsent };
})();
