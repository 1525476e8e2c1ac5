/* Support desk: insert a canned reply into the reply box; tick every ticket of a queue page.
   Both are conveniences: without JavaScript the canned replies are listed to copy from, and
   tickets are ticked one by one. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("canned-replies");
    var bodies = source ? JSON.parse(source.textContent) : {};
    document.querySelectorAll("select[data-canned-for]").forEach(function (select) {
      var button = document.querySelector("button[data-insert-canned='" + select.id + "']");
      if (!button) return;
      button.addEventListener("click", function () {
        var text = bodies[select.value];
        var box = document.getElementById(select.getAttribute("data-canned-for"));
        if (!text || !box) return;
        var at = box.selectionStart || box.value.length;
        var before = box.value.slice(0, at);
        var spacer = before && !before.endsWith("\n") ? "\n\n" : "";
        box.value = before + spacer + text + box.value.slice(at);
        box.focus();
      });
    });

    var all = document.getElementById("pick-all");
    if (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll("input[name=ticket]").forEach(function (box) {
          box.checked = all.checked;
        });
      });
    }
  });
})();
