// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so screen readers announce it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  // Submit buttons marked data-once are disabled after the first click (the server also
  // refuses a second submission; this only saves a round trip).
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type=submit]").forEach((b) => b.setAttribute("disabled", ""));
    });
  });
});
