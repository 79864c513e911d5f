// Menus of the main navigation are <details> and work without this file; it adds what a
// menu is expected to do: Escape closes it (back on its summary), as does a click elsewhere
// or opening another menu.
(function () {
  "use strict";
  function menus() {
    return document.querySelectorAll(".nav-menu > details");
  }
  function closeAll(except) {
    menus().forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches(".nav-menu > details") && event.target.open) {
      closeAll(event.target);
    }
  }, true);
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".nav-menu > details")) closeAll(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.activeElement && document.activeElement.closest(".nav-menu > details[open]");
    closeAll(null);
    if (open) open.querySelector("summary").focus();
  });
})();
