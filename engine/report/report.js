// Sorts the report's tables by any column: each column header becomes a
// button; pressing it again reverses the order. Cells sort by data-sort
// (numbers as numbers); empty ones go last either way.
(function () {
  "use strict";
  var status = document.getElementById("sort-status");
  function key(cell) {
    var k = cell.getAttribute("data-sort");
    return k === null ? cell.textContent.trim() : k;
  }
  function compare(x, y) {
    var nx = Number(x), ny = Number(y);
    if (!isNaN(nx) && !isNaN(ny)) return nx - ny;
    return x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
  }
  function sort(table, col, dir) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      if (x === "" || y === "") return (x === "") - (y === "");
      return sign * compare(x, y);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      if (i === col) heads[i].setAttribute("aria-sort", dir);
      else heads[i].removeAttribute("aria-sort");
    }
    if (status) {
      status.textContent = status.getAttribute("data-sorted")
        .replace("%s", heads[col].textContent.trim())
        .replace("%s", status.getAttribute(dir === "ascending" ? "data-asc" : "data-desc"));
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      while (th.firstChild) b.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "arrow";
      arrow.setAttribute("aria-hidden", "true");
      b.appendChild(arrow);
      th.appendChild(b);
      b.addEventListener("click", function () {
        sort(table, col, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
      });
    });
  });
})();
