// The body map on the "add an area" form: a tap (or click) places a pin and fills the body-area
// list with the place tapped ("Somewhere else" between the marked places); choosing from the list
// moves the pin to that place. The list stays the accessible way to choose; the pin's position
// goes in two hidden fields. Without JavaScript the drawing is a picture and the list works.
(function () {
  "use strict";
  var box = document.querySelector(".body-map-picker");
  if (!box) return;
  var svg = box.querySelector("svg.body-map");
  var select = document.getElementById(box.getAttribute("data-site-field"));
  var xField = document.getElementById(box.getAttribute("data-x-field"));
  var yField = document.getElementById(box.getAttribute("data-y-field"));
  var status = box.querySelector(".map-status");
  var pin = svg && svg.querySelector(".bm-new-pin");
  if (!svg || !select || !xField || !yField || !pin) return;

  function placePin(x, y) {
    pin.setAttribute("transform", "translate(" + x.toFixed(1) + " " + y.toFixed(1) + ")");
    pin.setAttribute("display", "inline");
  }

  function markChosen(site) {
    Array.prototype.forEach.call(svg.querySelectorAll(".bm-region"), function (region) {
      region.classList.toggle("is-chosen", region.getAttribute("data-site") === site);
    });
  }

  function label(site) {
    var option = select.querySelector('option[value="' + site + '"]');
    return option ? option.textContent : site;
  }

  function regionAt(event) {
    var hit = event.target.closest ? event.target.closest("[data-site]") : null;
    return hit && svg.contains(hit) ? hit : null;
  }

  svg.addEventListener("click", function (event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return;
    var point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    var region = regionAt(event);
    var site = region ? region.getAttribute("data-site") : "other";
    placePin(point.x, point.y);
    xField.value = point.x.toFixed(1);
    yField.value = point.y.toFixed(1);
    select.value = site;
    markChosen(site);
    status.textContent = box.getAttribute("data-msg-placed").replace("%s", label(site));
  });

  select.addEventListener("change", function () {
    var region = svg.querySelector('[data-site="' + select.value + '"]');
    xField.value = "";
    yField.value = "";
    markChosen(select.value);
    if (region) {
      placePin(parseFloat(region.getAttribute("data-cx")), parseFloat(region.getAttribute("data-cy")));
    } else {
      pin.setAttribute("display", "none");
    }
  });

  // Editing: show where the area is now.
  if (xField.value && yField.value) {
    placePin(parseFloat(xField.value), parseFloat(yField.value));
    markChosen(select.value);
  } else if (select.value) {
    select.dispatchEvent(new Event("change"));
  }
})();
