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

// The header's menu button on narrow screens: the menu folds away so that the page, not the
// navigation, fills a phone's first screen. Without this script the menu is simply open.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-button");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  const header = button.closest(".site-header");
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  };
  header.classList.add("menu-ready");
  button.hidden = false;
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    setOpen(open);
    if (open) {
      const first = menu.querySelector("a, select, button, input");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
});
