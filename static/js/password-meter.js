// A hint of how strong a new password is, as it is typed (the server's checks decide). Its words
// come from the page (#password-meter), in the page's language.
(function () {
  "use strict";
  var words = document.getElementById("password-meter");
  var input = document.querySelector('input[autocomplete="new-password"]');
  if (!words || !input) return;
  var hint = document.createElement("p");
  hint.id = "password-meter-hint";
  hint.className = "form-text";
  hint.setAttribute("aria-live", "polite");
  input.insertAdjacentElement("afterend", hint);
  var described = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", (described ? described + " " : "") + hint.id);

  function strength(value) {
    if (value.length < 12) return "short";
    var kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (re) {
      return re.test(value);
    }).length;
    var distinct = new Set(value).size;
    if (distinct < 6 || /^[0-9]+$/.test(value)) return "weak";
    if (value.length >= 16 && kinds >= 2) return "strong";
    return kinds >= 3 ? "strong" : "fair";
  }

  input.addEventListener("input", function () {
    hint.textContent = input.value
      ? words.dataset.label + " " + words.dataset[strength(input.value)]
      : "";
  });
})();
