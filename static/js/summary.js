// The summary's "Print" button (no inline script: the page works with a strict CSP).
document.querySelectorAll("[data-print-page]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});
