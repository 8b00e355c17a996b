// Small progressive enhancements; every page works without this file.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.innerText).then(() => { button.textContent = "Copied"; });
  }
});
// Body chart: clicking a region's box focuses its intensity and proposes 5 when empty.
document.addEventListener("click", (event) => {
  const cell = event.target.closest(".bodychart .cell[data-region]");
  if (!cell || event.target.closest("input, select, label")) return;
  const input = cell.querySelector("input[type=number]");
  if (input) { if (input.value === "") input.value = "5"; input.focus(); input.select(); }
});
// Body chart silhouette: a region mirrors its intensity input; clicking it starts at 5.
function syncRegions() {
  document.querySelectorAll(".silhouette .region").forEach((region) => {
    const input = document.getElementById(region.dataset.target);
    region.classList.toggle("on", !!input && input.value !== "");
  });
}
document.addEventListener("click", (event) => {
  const region = event.target.closest(".silhouette .region");
  if (!region) return;
  const input = document.getElementById(region.dataset.target);
  if (!input) return;
  if (input.value === "") input.value = "5";
  input.focus(); input.select(); syncRegions();
});
document.addEventListener("input", (event) => {
  if (event.target.closest(".bodychart")) syncRegions();
});
document.addEventListener("DOMContentLoaded", syncRegions);
// Roland-Morris: the count follows the ticked items, and ticking an item marks it completed.
document.addEventListener("change", (event) => {
  const section = event.target.closest("[data-rmdq]");
  if (!section) return;
  const boxes = section.querySelectorAll(".rmdq-items input[type=checkbox]");
  const total = section.querySelector("[data-rmdq-total]");
  if (total) total.textContent = String([...boxes].filter((box) => box.checked).length);
  const done = section.querySelector("[data-rmdq-done]");
  if (done && event.target !== done && event.target.checked) done.checked = true;
});
// Nothing typed is lost: a form with data-autosave sends a draft to the server every 15 s when
// something changed and when the page is left; two minutes before the idle sign-out a warning
// offers "stay signed in". The server restores the draft when the form is opened again.
(() => {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = document.querySelector("[data-autosave-status]");
  const warning = document.querySelector("[data-idle-warning]");
  const countdown = document.querySelector("[data-idle-countdown]");
  const WARN_MS = 120000;
  let deadline = Date.now() + Number(form.dataset.idleLeft || 900) * 1000;
  const snapshot = () => {
    const data = new FormData(form);
    ["csrfmiddlewaretoken", "idem", "version", "action"].forEach((k) => data.delete(k));
    return new URLSearchParams(data).toString();
  };
  let saved = snapshot();
  const payload = () => {
    const data = new FormData(form);
    data.delete("action");
    data.set("draft_path", form.dataset.draftPath);
    return data;
  };
  const post = (url, body) => fetch(url, {
    method: "POST", body, credentials: "same-origin", redirect: "manual",
    headers: { "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value },
  });
  const heard = (json) => { if (json && json.idle_left !== undefined) deadline = Date.now() + json.idle_left * 1000; };
  let busy = null, again = false; // one save at a time, so an older one never lands last
  function save() {
    if (busy) { again = true; return busy; }
    busy = send().finally(() => { busy = null; if (again) { again = false; save(); } });
    return busy;
  }
  async function send() {
    const now = snapshot();
    if (now === saved) return;
    try {
      const response = await post(form.dataset.autosave, payload());
      if (!response.ok) throw new Error(String(response.status));
      heard(await response.json());
      saved = now;
      if (status) status.textContent = `Draft saved at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}.`;
    } catch (error) {
      if (status) status.textContent = "The draft could not be saved just now; it will be tried again.";
    }
  }
  setInterval(save, 15000);
  let soon = null; // and a few seconds after the last change
  const later = () => { clearTimeout(soon); soon = setTimeout(save, 3000); };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  const leave = () => {
    if (snapshot() !== saved && navigator.sendBeacon) {
      if (navigator.sendBeacon(form.dataset.autosave, payload())) saved = snapshot();
    }
  };
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") leave(); });
  form.addEventListener("submit", () => { saved = snapshot(); });
  document.addEventListener("click", async (event) => {
    if (!event.target.closest("[data-keepalive]")) return;
    await save();
    const response = await post(form.dataset.keepalive, new FormData());
    if (response.ok) heard(await response.json());
    if (warning) warning.hidden = true;
  });
  let leaving = false;
  setInterval(() => {
    const left = deadline - Date.now();
    if (warning && left > WARN_MS) warning.hidden = true;
    if (warning && left <= WARN_MS && left > 0) {
      if (warning.hidden) { warning.hidden = false; save(); warning.querySelector("button").focus(); }
      const s = Math.ceil(left / 1000);
      if (countdown) countdown.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    } else if (left <= 0 && !leaving) {
      leaving = true;
      save().finally(() => window.location.reload()); // the server signs out, then back here
    }
  }, 1000);
})();
// Fast entry. A "fill" button sets every button group it names that is still blank to the
// first of its values the group offers ("No to both", "rows left blank: nil").
const pick = (group, values) => {
  const blank = group.querySelector("input[type=radio][value='']");
  if (blank && !blank.checked) return;
  for (const value of values) {
    const radio = group.querySelector(`input[type=radio][value='${value}']`);
    if (radio) { radio.checked = true; radio.dispatchEvent(new Event("change", { bubbles: true })); return; }
  }
};
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fill]");
  if (!button) return;
  const values = button.dataset.fill.split(" ");
  document.querySelectorAll(button.dataset.fillIn).forEach((group) => pick(group, values));
});
// The repeated-movement grid: the first tap in a row makes its other columns "no effect".
document.addEventListener("change", (event) => {
  const row = event.target.closest("[data-test-row]");
  if (!row || event.target.type !== "radio" || event.target.value === "") return;
  row.querySelectorAll(".seg").forEach((group) => pick(group, ["no_effect"]));
});
// Questionnaire scores typed in a row ("3223212021") fill the section boxes one digit each.
document.addEventListener("input", (event) => {
  const prefix = event.target.dataset && event.target.dataset.scoreRow;
  if (!prefix) return;
  [...event.target.value.replace(/\D/g, "")].forEach((digit, i) => {
    const box = document.getElementById(`f-${prefix}-${i + 1}`);
    if (box) { box.value = digit; const section = box.closest("details"); if (section) section.open = true; }
  });
});
// Ctrl+Enter (or Cmd+Enter) finishes the form from any field.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const form = event.target.closest && event.target.closest("form");
  const submit = form && form.querySelector("button[type=submit].primary");
  if (submit) { event.preventDefault(); submit.click(); }
});
