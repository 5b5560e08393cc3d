/* On every page of a signed-in user: register the service worker, show online/offline
 * with the number of records waiting on this device, and ask before signing out
 * discards them (signing out also wipes the offline caches). */
(function () {
  "use strict";

  const badge = document.getElementById("offline-status");
  if (!badge) return;
  const userId = badge.dataset.user;
  const queue = window.HuuNghiQueue;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    // A page loaded while an earlier registration was being removed (after signing
    // out) is not controlled; ask the active worker to take it over.
    navigator.serviceWorker.ready.then((registration) => {
      if (!navigator.serviceWorker.controller && registration.active) {
        registration.active.postMessage({ type: "claim" });
      }
    });
  }

  async function waitingCount() {
    try {
      return (await queue.unsent(userId)).length;
    } catch (error) {
      return 0;
    }
  }

  async function show() {
    const online = navigator.onLine;
    const count = await waitingCount();
    let text = online ? badge.dataset.online : badge.dataset.offline;
    if (count > 0) text += " · " + badge.dataset.waiting.replace("%(count)s", String(count));
    badge.textContent = text;
    badge.dataset.count = String(count);
    badge.classList.toggle("is-offline", !online);
  }

  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  document.addEventListener("huunghi:queue-changed", show);
  show();

  async function wipe() {
    await queue.clearUser(userId);
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "wipe" });
    }
    if (navigator.serviceWorker) {
      const registrations = await navigator.serviceWorker.getRegistrations();
      await Promise.all(registrations.map((registration) => registration.unregister()));
    }
    if (window.caches) {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("huunghi-")).map((n) => caches.delete(n)));
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form[action$='/accounts/logout/']") || form.dataset.wiped) return;
    event.preventDefault();
    const count = await waitingCount();
    const question = badge.dataset.confirmSignout.replace("%(count)s", String(count));
    if (count > 0 && !window.confirm(question)) return;
    await wipe();
    form.dataset.wiped = "1";
    form.submit();
  });
})();
