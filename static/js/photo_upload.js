// Entry form with photos: progressive enhancement only. Without this script the form is a plain
// multipart POST and works the same. With it:
// - the two file inputs become two large buttons ("Take a photo" on phones, "Choose from
//   library"), with a drop zone on computers and a preview of every chosen photo, each of which
//   can be removed again before saving (camera.js adds the photos taken with the live camera);
// - a JPEG's capture date (EXIF DateTimeOriginal) is offered as the entry date;
// - with photos chosen, the form is sent with XMLHttpRequest and a progress bar. On success the
//   page opens the saved check; on form problems the re-rendered form replaces this one; on a
//   network or server error, or when the photo store failed (503 with {"error": sentence}), the
//   page stays as it is, with everything typed and chosen, and says so. Without photos the form
//   posts as usual.
// Every sentence comes from data-msg-* attributes on the photo fieldset (translated server-side).
(function () {
  "use strict";

  var EXIF_READ_BYTES = 128 * 1024;

  function enhance(box) {
    var form = box.querySelector("#entry-form");
    var fields = box.querySelector(".photo-fields");
    if (!form || !fields || !window.FormData || !window.XMLHttpRequest) return;
    var msg = function (name) { return fields.getAttribute("data-msg-" + name) || ""; };
    var inputs = Array.prototype.slice.call(fields.querySelectorAll("input[type=file]"));
    var library = fields.querySelector("input[type=file][multiple]");
    var chosen = fields.querySelector(".photo-chosen");
    var drop = fields.querySelector(".photo-drop");
    var dateBox = fields.querySelector(".photo-date");
    var dateButton = fields.querySelector(".photo-date-button");
    var status = fields.querySelector(".upload-status");
    var progress = fields.querySelector("#upload-progress");
    var message = fields.querySelector(".upload-message");
    var dateInput = form.querySelector("input[name=date]");
    var maxFiles = parseInt(fields.getAttribute("data-max-files"), 10) || 0;
    var maxBytes = (parseInt(fields.getAttribute("data-max-mb"), 10) || 25) * 1024 * 1024;
    var sending = false;

    fields.classList.add("is-enhanced");
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    var camera = fields.querySelector(".photo-picker-camera");
    if (camera && !coarse) camera.hidden = true; // computers: a file picker and a drop zone
    if (drop && !coarse && library) drop.hidden = false;

    function files() {
      var all = [];
      inputs.forEach(function (input) {
        if (!input.closest("[hidden]")) {
          Array.prototype.forEach.call(input.files || [], function (f) { all.push(f); });
        }
      });
      return all;
    }

    function problems() {
      var list = files();
      var found = [];
      if (list.length > maxFiles) found.push(msg("too-many"));
      list.forEach(function (f) {
        if (f.size > maxBytes) found.push(msg("too-big") + " " + f.name);
      });
      return found;
    }

    // Previews of every chosen photo, each with a button that takes it out again before saving.
    // (A photo the browser cannot show, such as HEIC, is listed by name instead.)
    var previewUrls = [];
    function showChosen() {
      var list = files();
      previewUrls.forEach(function (url) { URL.revokeObjectURL(url); });
      previewUrls = [];
      chosen.textContent = "";
      if (!list.length) return;
      var p = document.createElement("p");
      p.className = "mb-1 fw-semibold";
      p.id = "chosen-title";
      p.textContent = msg("chosen");
      var ul = document.createElement("ul");
      ul.className = "photo-previews list-unstyled";
      ul.setAttribute("aria-labelledby", "chosen-title");
      list.forEach(function (f, index) {
        var n = String(index + 1);
        var li = document.createElement("li");
        li.className = "photo-preview";
        var img = document.createElement("img");
        var url = URL.createObjectURL(f);
        previewUrls.push(url);
        img.src = url;
        img.alt = msg("preview").replace("%s", n);
        img.width = 96;
        img.height = 96;
        img.className = "rounded border object-fit-cover";
        img.addEventListener("error", function () {
          var name = document.createElement("span");
          name.className = "preview-name";
          name.textContent = msg("no-preview") + " " + f.name;
          img.replaceWith(name);
        });
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-outline-secondary btn-sm preview-remove";
        remove.textContent = msg("remove").replace("%s", n);
        remove.addEventListener("click", function () {
          removeFile(f);
          showChosen();
          message.textContent = msg("removed");
          var next = chosen.querySelector(".preview-remove") || inputs[0];
          if (next) next.focus();
        });
        li.appendChild(img);
        li.appendChild(remove);
        ul.appendChild(li);
      });
      chosen.appendChild(p);
      chosen.appendChild(ul);
      problems().forEach(function (text) {
        var warn = document.createElement("p");
        warn.className = "text-danger mb-1";
        warn.textContent = text;
        chosen.appendChild(warn);
      });
      suggestDate(list);
    }

    function removeFile(file) {
      inputs.forEach(function (input) {
        var left = Array.prototype.filter.call(input.files || [], function (f) { return f !== file; });
        if (left.length === (input.files || []).length) return;
        if (window.DataTransfer) {
          var kept = new DataTransfer();
          left.forEach(function (f) { kept.items.add(f); });
          input.files = kept.files;
        } else {
          input.value = "";
        }
      });
    }

    // camera.js adds each photo it takes to the library input through this event.
    fields.addEventListener("photo-taken", function (event) {
      if (!library || !window.DataTransfer) return;
      var merged = new DataTransfer();
      Array.prototype.forEach.call(library.files, function (f) { merged.items.add(f); });
      merged.items.add(event.detail.file);
      library.files = merged.files;
      showChosen();
    });

    inputs.forEach(function (input) { input.addEventListener("change", showChosen); });
    document.dispatchEvent(new CustomEvent("entry-form-ready", { detail: { fields: fields } }));

    if (drop && library && window.DataTransfer) {
      ["dragenter", "dragover"].forEach(function (type) {
        drop.addEventListener(type, function (event) {
          event.preventDefault();
          drop.classList.add("is-over");
        });
      });
      ["dragleave", "drop"].forEach(function (type) {
        drop.addEventListener(type, function () { drop.classList.remove("is-over"); });
      });
      drop.addEventListener("drop", function (event) {
        event.preventDefault();
        var merged = new DataTransfer();
        Array.prototype.forEach.call(library.files, function (f) { merged.items.add(f); });
        Array.prototype.forEach.call(event.dataTransfer.files, function (f) { merged.items.add(f); });
        library.files = merged.files;
        showChosen();
      });
    }

    // --- the photo's date --------------------------------------------------------------------
    function suggestDate(list) {
      if (!dateInput || !dateBox || !window.DataView) return;
      dateBox.hidden = true;
      var jpegs = list.filter(function (f) { return /jpe?g$/i.test(f.type) || /\.jpe?g$/i.test(f.name); });
      if (!jpegs.length || !jpegs[0].slice) return;
      readAsBuffer(jpegs[0].slice(0, EXIF_READ_BYTES), function (buffer) {
        var day = exifDate(buffer);
        var max = dateInput.getAttribute("max");
        if (!day || day === dateInput.value || (max && day > max)) return;
        dateButton.textContent = msg("date").replace("%s", longDate(day));
        dateButton.onclick = function () {
          dateInput.value = day;
          dateBox.hidden = true;
          message.textContent = msg("date-set").replace("%s", longDate(day));
          dateInput.focus();
        };
        dateBox.hidden = false;
      });
    }

    // --- sending -----------------------------------------------------------------------------
    form.addEventListener("submit", function (event) {
      // Without photos there is nothing slow to show: let the browser post the form as usual.
      if (!files().length && !sending) return;
      event.preventDefault();
      if (sending) return;
      var found = problems();
      if (found.length) {
        message.textContent = found.join(" ");
        message.className = "upload-message alert alert-danger mt-2";
        return;
      }
      send();
    });

    function setBusy(busy) {
      sending = busy;
      Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
        b.disabled = busy;
      });
      status.hidden = !busy;
    }

    function fail(kind, text) {
      setBusy(false);
      message.className = "upload-message alert alert-danger mt-2";
      message.setAttribute("role", "alert");
      message.textContent = text || msg(kind);
    }

    function send() {
      var xhr = new XMLHttpRequest();
      var lastSaid = -1;
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (event) {
        if (!event.lengthComputable) return;
        var percent = Math.floor((event.loaded / event.total) * 100);
        progress.value = percent;
        var step = Math.floor(percent / 25); // speak every quarter, not every percent
        if (step !== lastSaid) {
          lastSaid = step;
          message.textContent = percent >= 100 ? msg("saving") : msg("sending").replace("%s", percent);
        }
      });
      xhr.upload.addEventListener("load", function () {
        progress.value = 100;
        message.textContent = msg("saving");
      });
      xhr.addEventListener("load", function () {
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (xhr.status === 200 && type.indexOf("application/json") === 0) {
          var location = null;
          try { location = JSON.parse(xhr.responseText).location; } catch (e) { location = null; }
          if (location) { window.location.assign(location); return; }
        }
        if (xhr.status === 503 && type.indexOf("application/json") === 0) {
          // The photo store failed: nothing was saved. Keep the page as it is and say so.
          var said = null;
          try { said = JSON.parse(xhr.responseText).error; } catch (e) { said = null; }
          if (said) { fail(null, said); return; }
        }
        if (xhr.status === 200 && type.indexOf("text/html") === 0) {
          var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
          var fresh = doc.getElementById("entry-form-box");
          if (fresh && fresh.querySelector("#entry-form")) {
            box.innerHTML = fresh.innerHTML;
            enhance(box);
            var problemsBox = box.querySelector("#form-problems");
            if (problemsBox) problemsBox.focus();
            return;
          }
        }
        fail("server");
      });
      xhr.addEventListener("error", function () { fail("network"); });
      xhr.addEventListener("timeout", function () { fail("network"); });
      xhr.addEventListener("abort", function () { fail("network"); });
      message.className = "upload-message mt-1";
      message.removeAttribute("role");
      progress.value = 0;
      setBusy(true);
      xhr.send(new FormData(form));
    }
  }

  // --- helpers -----------------------------------------------------------------------------
  function readAsBuffer(blob, done) {
    var reader = new FileReader();
    reader.onload = function () { done(reader.result); };
    reader.readAsArrayBuffer(blob);
  }

  function longDate(iso) {
    var lang = document.documentElement.lang || "en";
    var parts = iso.split("-");
    var when = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]));
    try {
      return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
        day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
      }).format(when);
    } catch (e) {
      return iso;
    }
  }

  // The capture day of a JPEG ("YYYY-MM-DD") from EXIF DateTimeOriginal (or DateTimeDigitized),
  // or null. Reads only the APP1 segment at the start of the file.
  function exifDate(buffer) {
    try {
      var view = new DataView(buffer);
      if (view.getUint16(0) !== 0xffd8) return null;
      var offset = 2;
      while (offset + 4 <= view.byteLength) {
        var marker = view.getUint16(offset);
        if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return null;
        var size = view.getUint16(offset + 2);
        if (marker === 0xffe1 && ascii(view, offset + 4, 6) === "Exif\0\0") {
          return tiffDate(view, offset + 10);
        }
        offset += 2 + size;
      }
    } catch (e) {
      return null; // a short or odd file: no suggestion
    }
    return null;
  }

  function tiffDate(view, start) {
    var little = view.getUint16(start) === 0x4949;
    var u16 = function (at) { return view.getUint16(start + at, little); };
    var u32 = function (at) { return view.getUint32(start + at, little); };
    function find(ifd, tag) {
      var count = u16(ifd);
      for (var i = 0; i < count; i++) {
        var entry = ifd + 2 + i * 12;
        if (u16(entry) === tag) return entry;
      }
      return null;
    }
    var pointer = find(u32(4), 0x8769);
    if (pointer === null) return null;
    var exifIfd = u32(pointer + 8);
    var tag = find(exifIfd, 0x9003);
    if (tag === null) tag = find(exifIfd, 0x9004);
    if (tag === null) return null;
    var text = ascii(view, start + u32(tag + 8), 10);
    var match = /^(\d{4}):(\d{2}):(\d{2})$/.exec(text);
    if (!match || match[1] === "0000") return null;
    return match[1] + "-" + match[2] + "-" + match[3];
  }

  function ascii(view, at, length) {
    var out = "";
    for (var i = 0; i < length; i++) out += String.fromCharCode(view.getUint8(at + i));
    return out;
  }

  var box = document.getElementById("entry-form-box");
  if (box) enhance(box);
})();
