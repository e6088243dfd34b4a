// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so screen readers announce it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  // A form marked data-once ignores a second submit while the first is on its way (the server
  // also refuses a second submission; this only saves a round trip). The buttons are not
  // disabled, because a disabled button's name and value would be left out of the first post.
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "true";
    });
  });
});
