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
