// Verification queue: "Select all" needs JS, so it only appears when JS runs.
(function () {
  var all = document.getElementById("pick-all");
  if (!all) { return; }
  all.hidden = false;
  all.addEventListener("change", function () {
    document.querySelectorAll('input[name="figure"]').forEach(function (box) { box.checked = all.checked; });
  });
})();
