// The measuring tool: four handles on the photo (R1, R2 on the reference; S1, S2 on the spot),
// moved by dragging (touch or mouse) or with the arrow keys once focused (Shift for big steps).
// Each handle writes its point, in pixels of the full photo, into the number fields the server
// reads; those fields stay available ("Type the positions instead") for anyone who prefers them.
// The length is shown as the handles move; the server computes it again when saving.
(function () {
  "use strict";
  var form = document.getElementById("measure-form");
  if (!form) return;
  var stage = form.querySelector(".measure-stage");
  var width = parseFloat(stage.getAttribute("data-width"));
  var height = parseFloat(stage.getAttribute("data-height"));
  var handles = Array.prototype.slice.call(stage.querySelectorAll(".measure-handle"));
  var lineRef = stage.querySelector(".line-ref");
  var lineSpot = stage.querySelector(".line-spot");
  var result = form.querySelector(".measure-result");
  var reference = form.querySelector("select[name=reference]");
  var lengths = JSON.parse(document.getElementById("reference-mm").textContent);
  var numbers = form.querySelector(".measure-numbers");
  var say = function (name) { return form.getAttribute("data-msg-" + name) || "%s"; };

  function field(handle, axis) { return document.getElementById(handle.getAttribute("data-" + axis)); }
  function point(handle) {
    return [parseFloat(field(handle, "x").value) || 0, parseFloat(field(handle, "y").value) || 0];
  }
  function clamp(value, max) { return Math.min(max, Math.max(0, value)); }

  function setPoint(handle, x, y) {
    field(handle, "x").value = Math.round(clamp(x, width));
    field(handle, "y").value = Math.round(clamp(y, height));
    draw();
  }

  function draw() {
    handles.forEach(function (handle) {
      var p = point(handle);
      handle.style.left = (p[0] / width) * 100 + "%";
      handle.style.top = (p[1] / height) * 100 + "%";
    });
    [[lineRef, handles[0], handles[1]], [lineSpot, handles[2], handles[3]]].forEach(function (item) {
      var a = point(item[1]), b = point(item[2]);
      item[0].setAttribute("x1", a[0]); item[0].setAttribute("y1", a[1]);
      item[0].setAttribute("x2", b[0]); item[0].setAttribute("y2", b[1]);
    });
    var ref = distance(point(handles[0]), point(handles[1]));
    var spot = distance(point(handles[2]), point(handles[3]));
    var mm = lengths[reference.value];
    result.textContent = ref > 0 && mm ? say("result").replace("%s", (spot * mm / ref).toFixed(1)) : "";
  }

  function distance(a, b) { return Math.hypot(b[0] - a[0], b[1] - a[1]); }

  handles.forEach(function (handle) {
    handle.hidden = false;
    handle.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      handle.focus();
    });
    handle.addEventListener("pointermove", function (event) {
      if (!handle.hasPointerCapture(event.pointerId)) return;
      var box = stage.getBoundingClientRect();
      setPoint(handle, ((event.clientX - box.left) / box.width) * width,
        ((event.clientY - box.top) / box.height) * height);
    });
    handle.addEventListener("keydown", function (event) {
      var step = Math.max(width, height) / (event.shiftKey ? 40 : 400);
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      var p = point(handle);
      setPoint(handle, p[0] + move[0], p[1] + move[1]);
    });
  });
  form.querySelectorAll(".measure-numbers input").forEach(function (input) {
    input.addEventListener("input", draw);
  });
  reference.addEventListener("change", draw);
  if (numbers && !form.querySelector(".is-invalid")) numbers.open = false;
  draw();
})();
