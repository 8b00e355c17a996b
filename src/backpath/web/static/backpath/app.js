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
