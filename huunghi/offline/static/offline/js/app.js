/* The offline entry page: forms filled from the user's cached reference data, the
 * device queue (see queue.js), sending in batches, errors shown on their fields, and
 * conflicts resolved field by field. */
(function () {
  "use strict";

  const root = document.getElementById("offline-app");
  if (!root) return;
  const S = JSON.parse(document.getElementById("offline-strings").textContent);
  const userId = root.dataset.user;
  const queue = window.HuuNghiQueue;
  const form = document.getElementById("record-form");
  const fields = form.elements;
  const listEl = document.getElementById("queue-list");
  const conflictEl = document.getElementById("conflict");
  const MAX_PHOTOS = 3;
  const MAX_SIDE = 1280;
  const MAX_BYTES = 900 * 1024;
  const BATCH = 5;
  const SENT_STATES = ["created", "updated", "unchanged"];
  let reference = null;
  let editing = null;
  let photos = [];
  let syncing = false;
  let resolving = null;

  /* Dates as the page's language writes them (Chromium has no Khmer date data: the
   * Vietnamese order day/month/year, which Cambodia shares, stands in). */
  function pageLocale() {
    const lang = document.documentElement.lang || "vi";
    return lang === "km" ? "vi" : lang;
  }

  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, (m, key) => (key in values ? String(values[key]) : m));
  }

  function el(tag, props, children) {
    const node = Object.assign(document.createElement(tag), props || {});
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  /* --- reference data ------------------------------------------------------------- */

  async function loadReference() {
    const state = document.getElementById("reference-state");
    reference = null;
    try {
      const response = await fetch(root.dataset.referenceUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.status === 403) {
        /* A reader (viewer) records nothing: say so instead of "open this page online". */
        state.textContent = root.dataset.labelNoRole;
        document.getElementById("new-record").hidden = true;
        fillChoices();
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      if (String(data.user_id) !== userId) throw new Error("another account");
      if (Date.parse(data.expires_at) < Date.now()) {
        state.textContent = S.reference_expired;
      } else {
        reference = data;
        state.textContent = fmt(S.reference_ok, {
          date: new Date(data.expires_at).toLocaleString(pageLocale()),
        });
      }
    } catch (error) {
      state.textContent = S.reference_missing;
    }
    fillChoices();
  }

  function setOptions(select, rows, withEmpty) {
    const options = rows.map((row) => new Option(row.name, String(row.id)));
    if (withEmpty) options.unshift(new Option("—", ""));
    select.replaceChildren(...options);
  }

  function fillChoices() {
    const ref = reference || { units: [], counterparts: [], links: [], places: [] };
    setOptions(fields.unit, ref.units, false);
    setOptions(fields.counterpart, ref.counterparts, true);
    form.querySelectorAll("select[data-link]").forEach((select) => {
      setOptions(select, ref.links.filter((link) => link.link === select.dataset.link), true);
    });
    const markers = ref.markers || [];
    document.getElementById("offline-markers").replaceChildren(
      ...markers.map((marker) => new Option(marker.number, marker.number)),
    );
    filterPlaces("", "");
  }

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function placeLabel(place) {
    return place.parent ? place.name + " (" + place.parent + ")" : place.name;
  }

  function filterPlaces(text, keep) {
    const select = fields.place;
    const chosen = keep === undefined ? select.value : keep;
    const wanted = plain(text.trim());
    const places = reference ? reference.places : [];
    let rows = places.filter((p) => !wanted || p.names.some((n) => plain(n).includes(wanted)));
    rows = rows.slice(0, 100);
    const current = places.find((p) => String(p.id) === chosen);
    if (current && !rows.includes(current)) rows.unshift(current);
    const options = rows.map((p) => new Option(placeLabel(p), String(p.id)));
    select.replaceChildren(new Option("—", ""), ...options);
    if (wanted && !chosen && rows.length) select.value = String(rows[0].id);
    else select.value = chosen || "";
  }

  /* --- the form ------------------------------------------------------------------- */

  function activeFieldset() {
    return form.querySelector('.kind-fields[data-kind="' + fields.kind.value + '"]');
  }

  function showKind() {
    form.querySelectorAll(".kind-fields").forEach((fieldset) => {
      fieldset.hidden = fieldset.dataset.kind !== fields.kind.value;
      fieldset.disabled = fieldset.hidden;
    });
  }

  function detailValue(input) {
    if (input.multiple) return Array.from(input.selectedOptions).map((o) => o.value);
    const value = input.value.trim();
    return input.dataset.type === "integer" && value !== "" ? Number(value) : value;
  }

  function collectDetails(fieldset) {
    const details = {};
    fieldset.querySelectorAll("[name^='d.']").forEach((input) => {
      const value = detailValue(input);
      if (value !== "" && !(Array.isArray(value) && value.length === 0)) {
        details[input.name.slice(2)] = value;
      }
    });
    return details;
  }

  function collectQuantities(fieldset) {
    const quantities = [];
    fieldset.querySelectorAll("[name^='q.']").forEach((input) => {
      const measure = input.name.slice(2);
      if (input.value.trim() === "") return;
      const qualifier = fieldset.querySelector('[name="qq.' + measure + '"]').value;
      quantities.push({ measure, value: input.value.trim(), qualifier });
    });
    return quantities;
  }

  function number(value) {
    return value ? Number(value) : null;
  }

  function collect() {
    const fieldset = activeFieldset();
    const link = fieldset.querySelector("select[data-link]");
    const counterpart = fields.counterpart.value;
    return {
      kind: fields.kind.value,
      unit_id: number(fields.unit.value),
      title: fields.title.value.trim(),
      start_date: fields.start_date.value || null,
      end_date: fields.end_date.value || null,
      place_id: number(fields.place.value),
      place_text: fields.place_text.value.trim(),
      description: fields.description.value.trim(),
      details: collectDetails(fieldset),
      quantities: collectQuantities(fieldset),
      counterparts: counterpart
        ? [{ unit_id: Number(counterpart), role: "counterpart", shared: fields.counterpart_shared.checked }]
        : [],
      link_id: link ? number(link.value) : null,
    };
  }

  function ensureOption(select, value) {
    if (value && !Array.from(select.options).some((o) => o.value === value)) {
      select.append(new Option("#" + value, value));
    }
    select.value = value;
  }

  function fillDetails(fieldset, details) {
    fieldset.querySelectorAll("[name^='d.']").forEach((input) => {
      const value = details[input.name.slice(2)];
      if (input.multiple) {
        Array.from(input.options).forEach((o) => {
          o.selected = Array.isArray(value) && value.includes(o.value);
        });
      } else if (Array.isArray(value)) {
        input.value = value.join(input.dataset.type === "markers" ? ", " : "\n");
      } else {
        input.value = value === undefined || value === null ? "" : String(value);
      }
    });
  }

  function fillQuantities(fieldset, quantities) {
    fieldset.querySelectorAll("[name^='q.']").forEach((input) => {
      const measure = input.name.slice(2);
      const found = quantities.find((q) => q.measure === measure);
      input.value = found ? String(found.value) : "";
      if (found) fieldset.querySelector('[name="qq.' + measure + '"]').value = found.qualifier;
    });
  }

  function fill(entry) {
    const r = entry.record;
    form.reset();
    fields.kind.value = r.kind;
    showKind();
    ensureOption(fields.unit, r.unit_id ? String(r.unit_id) : "");
    fields.title.value = r.title || "";
    fields.start_date.value = r.start_date || "";
    fields.end_date.value = r.end_date || "";
    filterPlaces("", r.place_id ? String(r.place_id) : "");
    fields.place_text.value = r.place_text || "";
    fields.description.value = r.description || "";
    const counterpart = (r.counterparts || [])[0];
    ensureOption(fields.counterpart, counterpart ? String(counterpart.unit_id) : "");
    fields.counterpart_shared.checked = Boolean(counterpart && counterpart.shared);
    const fieldset = activeFieldset();
    fillDetails(fieldset, r.details || {});
    fillQuantities(fieldset, r.quantities || []);
    const link = fieldset.querySelector("select[data-link]");
    if (link) ensureOption(link, r.link_id ? String(r.link_id) : "");
    fields.for_approval.checked = Boolean(entry.submit);
  }

  function errorTarget(field) {
    const active = activeFieldset();
    const candidates = Array.from(form.querySelectorAll('[data-error-for="' + field + '"]'));
    const found = candidates.find((p) => !p.closest(".kind-fields") || p.closest(".kind-fields") === active);
    return found || form.querySelector('[data-error-for="__all__"]');
  }

  // The "errorlist" class (red message, red inputs beside it) only while there is one.
  function showError(target, text) {
    target.textContent = text;
    target.hidden = !text;
    target.classList.toggle("errorlist", Boolean(text));
  }

  function showErrors(errors) {
    form.querySelectorAll("[data-error-for]").forEach((p) => showError(p, ""));
    Object.entries(errors || {}).forEach(([field, messages]) => {
      const target = errorTarget(field);
      showError(target, [target.textContent, ...messages].filter(Boolean).join(" "));
    });
  }

  function openForm(entry) {
    editing = entry;
    conflictEl.hidden = true;
    if (entry) {
      fill(entry);
      photos = (entry.photos || []).slice();
    } else {
      form.reset();
      showKind();
      filterPlaces("", "");
      photos = [];
    }
    showPhotos();
    showErrors(entry ? entry.errors : {});
    form.hidden = false;
    fields.title.focus();
  }

  function closeForm() {
    editing = null;
    photos = [];
    form.hidden = true;
  }

  function localErrors(record) {
    const errors = {};
    ["unit_id", "title", "start_date"].forEach((name) => {
      if (!record[name]) errors[name.replace("_id", "")] = [S.required];
    });
    return errors;
  }

  async function save(event) {
    event.preventDefault();
    const record = collect();
    const errors = localErrors(record);
    if (Object.keys(errors).length) {
      showErrors(errors);
      return;
    }
    const now = new Date().toISOString();
    const entry = editing || {
      client_uuid: crypto.randomUUID(),
      user_id: userId,
      created_offline_at: now,
    };
    Object.assign(entry, {
      record,
      photos,
      submit: fields.for_approval.checked,
      state: "waiting",
      errors: {},
      conflict: null,
      updated_offline_at: now,
    });
    await queue.put(entry);
    closeForm();
    await render();
    sync();
  }

  /* --- photos: downscaled and size-capped on the device ---------------------------- */

  function toBlob(canvas, quality) {
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
  }

  async function downscale(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = el("canvas", {
      width: Math.max(1, Math.round(bitmap.width * scale)),
      height: Math.max(1, Math.round(bitmap.height * scale)),
    });
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    let quality = 0.8;
    let blob = await toBlob(canvas, quality);
    while (blob.size > MAX_BYTES && quality > 0.3) {
      quality -= 0.15;
      blob = await toBlob(canvas, quality);
    }
    if (blob.size > MAX_BYTES) throw new Error("too large");
    return blob;
  }

  async function addPhotos() {
    const errors = [];
    for (const file of Array.from(fields.photos.files)) {
      if (photos.filter((p) => !p.sent).length >= MAX_PHOTOS) {
        errors.push(fmt(S.too_many_photos, { count: MAX_PHOTOS }));
        break;
      }
      try {
        const blob = await downscale(file);
        const name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
        photos.push({ name, blob, size: blob.size, sent: false });
      } catch (error) {
        errors.push(fmt(S.photo_unreadable, { name: file.name }));
      }
    }
    fields.photos.value = "";
    showPhotos();
    showError(errorTarget("attachments"), errors.join(" "));
  }

  function showPhotos() {
    const list = document.getElementById("photo-list");
    list.replaceChildren(
      ...photos.map((photo, index) => {
        const remove = el("button", { type: "button", textContent: S.delete, className: "linklike" });
        remove.addEventListener("click", () => {
          photos.splice(index, 1);
          showPhotos();
        });
        const text = photo.name + " (" + Math.ceil(photo.size / 1024) + " kB)";
        return el("li", {}, [text + " ", ...(photo.sent ? [] : [remove])]);
      }),
    );
  }

  /* --- sending -------------------------------------------------------------------- */

  function base64(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1]);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  async function toItem(entry) {
    const attachments = [];
    for (const photo of entry.photos || []) {
      if (!photo.sent) attachments.push({ name: photo.name, data: await base64(photo.blob) });
    }
    const item = {
      client_uuid: entry.client_uuid,
      created_offline_at: entry.created_offline_at,
      submit: Boolean(entry.submit),
      record: entry.record,
      attachments,
    };
    if (entry.base_updated_at) item.base_updated_at = entry.base_updated_at;
    return item;
  }

  async function apply(result) {
    const entry = await queue.get(userId, result.client_uuid);
    if (!entry) return;
    entry.server_status = result.record_status;
    if (SENT_STATES.includes(result.status)) {
      Object.assign(entry, {
        state: "sent",
        activity_id: result.activity_id,
        base_updated_at: result.updated_at,
        errors: {},
        conflict: null,
        photos: (entry.photos || []).map((p) => ({ name: p.name, size: p.size, sent: true })),
      });
    } else if (result.status === "conflict") {
      Object.assign(entry, { state: "conflict", conflict: result.conflict });
    } else {
      Object.assign(entry, { state: result.status, errors: result.errors });
    }
    await queue.put(entry);
  }

  async function post(items) {
    return fetch(root.dataset.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": root.dataset.csrf,
      },
      body: JSON.stringify({ items }),
    });
  }

  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    root.dataset.syncing = "1";
    try {
      const waiting = (await queue.list(userId)).filter((e) => e.state === "waiting");
      for (let i = 0; i < waiting.length; i += BATCH) {
        const items = await Promise.all(waiting.slice(i, i + BATCH).map(toItem));
        const response = await post(items);
        if (response.status === 401 || response.status === 403) {
          document.getElementById("reference-state").textContent = S.sign_in_again;
          break;
        }
        if (!response.ok) break;
        for (const result of (await response.json()).results) await apply(result);
      }
    } catch (error) {
      // The connection dropped: every record not answered stays waiting for the next try.
    } finally {
      syncing = false;
      delete root.dataset.syncing;
      await render();
    }
  }

  /* --- the list ------------------------------------------------------------------- */

  function kindLabel(kind) {
    const option = Array.from(fields.kind.options).find((o) => o.value === kind);
    return option ? option.textContent : kind;
  }

  function button(text, handler) {
    const node = el("button", { type: "button", textContent: text });
    node.addEventListener("click", handler);
    return node;
  }

  function messages(entry) {
    const all = Object.values(entry.errors || {}).flat();
    return all.length ? [el("p", { className: "errorlist", textContent: all.join(" ") })] : [];
  }

  function row(entry) {
    const r = entry.record;
    const actions = [];
    if (entry.state === "conflict") actions.push(button(S.resolve, () => openConflict(entry)));
    else actions.push(button(S.edit, () => openForm(entry)));
    actions.push(button(S.delete, () => removeEntry(entry)));
    if (entry.state !== "sent") actions.push(button(S.download, () => download(entry)));
    const head = el("p", {}, [
      el("strong", { className: "queue-title", textContent: r.title }),
      " · " + kindLabel(r.kind) + " · " + (r.start_date || "") + " ",
      el("span", { className: "badge state-" + entry.state, textContent: S[entry.state] || entry.state }),
    ]);
    const item = el("li", { className: "queue-item state-" + entry.state }, [
      head,
      ...messages(entry),
      el("p", { className: "actions" }, actions),
    ]);
    item.dataset.uuid = entry.client_uuid;
    item.dataset.state = entry.state;
    return item;
  }

  async function render() {
    const entries = await queue.list(userId);
    listEl.replaceChildren(...entries.map(row));
    document.getElementById("queue-empty").hidden = entries.length > 0;
  }

  async function removeEntry(entry) {
    if (!window.confirm(S.confirm_delete)) return;
    await queue.remove(userId, entry.client_uuid);
    await render();
  }

  async function download(entry) {
    const attachments = [];
    for (const photo of entry.photos || []) {
      if (photo.blob) attachments.push({ name: photo.name, data: await base64(photo.blob) });
    }
    const data = {
      client_uuid: entry.client_uuid,
      created_offline_at: entry.created_offline_at,
      state: entry.state,
      errors: entry.errors || {},
      record: entry.record,
      attachments,
    };
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = el("a", {
      href: URL.createObjectURL(blob),
      download: "huunghi-record-" + entry.client_uuid + ".json",
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /* --- conflicts ------------------------------------------------------------------ */

  function choice(name, value, text, checked) {
    const input = el("input", { type: "radio", name, value, checked });
    return el("td", {}, [el("label", {}, [input, " " + (text === "" ? "—" : text)])]);
  }

  function openConflict(entry) {
    resolving = entry;
    form.hidden = true;
    const conflict = entry.conflict;
    let intro = fmt(S.conflict_intro, { title: entry.record.title, status: conflict.status });
    if (conflict.return_reason) intro += " " + fmt(S.return_reason, { reason: conflict.return_reason });
    document.getElementById("conflict-intro").textContent = intro;
    const rows = conflict.fields.map((f, i) => {
      const tr = el("tr", {}, [
        el("th", { scope: "row", textContent: f.label }),
        choice("c-" + i, "server", String(f.server_text), false),
        choice("c-" + i, "device", String(f.device_text), true),
      ]);
      tr.dataset.field = f.field;
      return tr;
    });
    document.getElementById("conflict-rows").replaceChildren(...rows);
    conflictEl.hidden = false;
  }

  function setValue(record, path, value) {
    const empty = value === "" || value === null;
    if (path.startsWith("details.")) {
      const key = path.slice(8);
      record.details = record.details || {};
      if (empty) delete record.details[key];
      else record.details[key] = value;
    } else if (path.startsWith("quantities.")) {
      const measure = path.slice(11);
      record.quantities = (record.quantities || []).filter((q) => q.measure !== measure);
      if (!empty) record.quantities.push({ measure, value: value.value, qualifier: value.qualifier });
    } else if (["place_id", "end_date"].includes(path)) {
      record[path] = empty ? null : value;
    } else {
      record[path] = value;
    }
  }

  async function keepChoices() {
    const entry = resolving;
    const record = structuredClone(entry.record);
    entry.conflict.fields.forEach((f, i) => {
      const picked = conflictEl.querySelector('input[name="c-' + i + '"]:checked');
      if (picked && picked.value === "server") setValue(record, f.field, f.server);
    });
    Object.assign(entry, {
      record,
      base_updated_at: entry.conflict.server_updated_at,
      state: "waiting",
      conflict: null,
    });
    await queue.put(entry);
    resolving = null;
    conflictEl.hidden = true;
    await render();
    sync();
  }

  /* --- wiring --------------------------------------------------------------------- */

  fields.kind.addEventListener("change", showKind);
  document.getElementById("f-place-search").addEventListener("input", (event) => {
    filterPlaces(event.target.value, "");
  });
  fields.photos.addEventListener("change", addPhotos);
  form.addEventListener("submit", save);
  document.getElementById("new-record").addEventListener("click", () => openForm(null));
  document.getElementById("cancel-record").addEventListener("click", closeForm);
  document.getElementById("sync-now").addEventListener("click", sync);
  document.getElementById("conflict-keep").addEventListener("click", keepChoices);
  document.getElementById("conflict-cancel").addEventListener("click", () => {
    conflictEl.hidden = true;
  });
  if (navigator.serviceWorker) {
    // The first visit fetched the reference data before the worker took over; fetch
    // it again through the worker so that it is kept for offline use.
    navigator.serviceWorker.addEventListener("controllerchange", loadReference);
  }
  window.addEventListener("online", () => {
    loadReference();
    sync();
  });
  showKind();
  loadReference()
    .then(render)
    .then(sync);
})();
