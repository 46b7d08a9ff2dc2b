// The live camera of the entry form, with a "ghost" of last time's photo. Progressive enhancement:
// where the browser can show a live camera (getUserMedia, on a secure origin), an "Open the
// camera" button replaces the plain "Take a photo" input. The camera view shows the area's last
// photo over the picture as a see-through layer (an opacity slider sets how much), so the new
// photo is taken from the same distance and angle. The shutter takes a full-resolution frame
// (ImageCapture.takePhoto where the browser has it, else the video frame at its full size on a
// canvas) and hands it to photo_upload.js, which previews it and sends it with the form. If the
// camera cannot open (no permission, no camera), the plain input comes back. The ghost image
// comes from the access-checked photo view of this site; nothing leaves the page but the form.
(function () {
  "use strict";

  function enhance(fields) {
    var open = fields.querySelector(".camera-open");
    var panel = fields.querySelector(".camera");
    if (!open || !panel || fields.getAttribute("data-camera") === "on") return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.isSecureContext) {
      return; // the phone's camera app, through the plain input
    }
    fields.setAttribute("data-camera", "on");
    var msg = function (name) { return fields.getAttribute("data-msg-" + name) || ""; };
    var plain = fields.querySelector(".photo-picker-camera");
    var video = panel.querySelector(".camera-video");
    var ghost = panel.querySelector(".camera-ghost");
    var slider = panel.querySelector("#ghost-opacity");
    var shutter = panel.querySelector(".camera-shutter");
    var close = panel.querySelector(".camera-close");
    var status = fields.querySelector(".upload-message");
    var stream = null;
    var taken = 0;

    open.hidden = false;
    if (plain) plain.hidden = true;

    function setGhost() {
      if (ghost && slider) ghost.style.opacity = String(slider.value / 100);
    }
    if (slider) slider.addEventListener("input", setGhost);
    setGhost();

    function stop() {
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.srcObject = null;
      panel.hidden = true;
      open.hidden = false;
    }

    open.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 4096 }, height: { ideal: 3072 } },
        audio: false,
      }).then(function (media) {
        stream = media;
        video.srcObject = media;
        return video.play();
      }).then(function () {
        panel.hidden = false;
        open.hidden = true;
        shutter.focus();
      }).catch(function () {
        stop();
        open.hidden = true;
        if (plain) plain.hidden = false; // fall back to the phone's camera app
        status.textContent = msg("camera-failed");
      });
    });

    close.addEventListener("click", function () {
      stop();
      open.focus();
    });

    shutter.addEventListener("click", function () {
      if (!stream) return;
      shutter.disabled = true;
      grab().then(function (blob) {
        taken += 1;
        var name = "camera-" + new Date().toISOString().replace(/[:.]/g, "-") + "-" + taken + ".jpg";
        var file = new File([blob], name, { type: "image/jpeg", lastModified: Date.now() });
        fields.dispatchEvent(new CustomEvent("photo-taken", { detail: { file: file } }));
        status.textContent = msg("camera-taken");
      }).catch(function () {
        status.textContent = msg("camera-failed");
      }).then(function () {
        shutter.disabled = false;
      });
    });

    // A full-resolution still: the camera's own photo where possible, else the full video frame.
    function grab() {
      var track = stream.getVideoTracks()[0];
      if (window.ImageCapture && track) {
        try {
          return new window.ImageCapture(track).takePhoto().catch(function () { return frame(); });
        } catch (e) {
          return frame();
        }
      }
      return frame();
    }

    function frame() {
      return new Promise(function (resolve, reject) {
        var canvas = document.createElement("canvas");
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        if (!canvas.width || !canvas.height) { reject(new Error("no frame")); return; }
        canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          if (blob) resolve(blob); else reject(new Error("no frame"));
        }, "image/jpeg", 0.92);
      });
    }

    window.addEventListener("pagehide", stop);
  }

  document.addEventListener("entry-form-ready", function (event) { enhance(event.detail.fields); });
  var fields = document.querySelector("#entry-form-box .photo-fields");
  if (fields) enhance(fields);
})();
