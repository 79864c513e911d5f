// Figure entry: show the confirm-and-explain fields when the preview finds a value outside
// the usual range.
document.body.addEventListener("htmx:afterSwap", function (event) {
  var preview = event.detail.target;
  if (!preview.classList || !preview.classList.contains("preview")) { return; }
  var row = preview.closest(".entry-row");
  var block = row && row.querySelector(".plausibility");
  if (block && preview.querySelector("[data-implausible]")) { block.hidden = false; }
});
