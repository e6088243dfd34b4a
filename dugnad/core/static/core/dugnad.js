// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so screen readers announce it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  // A field asked only for some answers to another (data-show-when names that field,
  // data-show-values the answers that ask it) is hidden while the other answer is different.
  // What was typed in it stays; the server asks for it only when it applies. Without this
  // script every field shows, with a note saying when to answer it.
  document.querySelectorAll("[data-show-when]").forEach((input) => {
    const form = input.form;
    const group = input.closest(".field");
    const control = form && form.elements.namedItem(input.dataset.showWhen);
    if (!group || !control) return;
    const accepted = JSON.parse(input.dataset.showValues || "[]");
    const answer = () => {
      if (control.type === "checkbox") return control.checked ? control.value : "";
      return control.value || "";
    };
    const update = () => {
      group.hidden = !accepted.includes(answer().trim().toLowerCase());
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
  });
  // A form marked data-confirm asks before it removes something that cannot be brought back;
  // the browser's own dialog is keyboard- and screen-reader-friendly. Registered before
  // data-once below, so that "Cancel" leaves the form free to be sent later. Without this
  // script the form is sent at once.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    });
  });
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
  // A live count on text fields with a limit. The browser's maxlength would cut pasted text
  // without a word; with this script the text stays whole, the count says how much is too
  // much, and the server's message refuses it on submit. Without the script maxlength stands.
  const words = {
    nb: ["%n av %m tegn", "%n tegn for mye"],
    nn: ["%n av %m teikn", "%n teikn for mykje"],
    en: ["%n of %m characters", "%n characters too many"],
  };
  const [ofLimit, tooMany] = words[document.documentElement.lang] || words.nb;
  document.querySelectorAll("textarea[maxlength], input[maxlength]").forEach((field, index) => {
    const limit = Number(field.getAttribute("maxlength"));
    const kinds = ["text", "textarea", "email", "url", "tel"];
    if (limit < 50 || !kinds.includes(field.type) || field.readOnly) return;
    field.removeAttribute("maxlength");
    field.dataset.maxlength = String(limit);
    const shown = document.createElement("p");
    shown.className = "char-count ds-paragraph";
    shown.dataset.size = "sm";
    shown.id = `${field.id || "field-" + index}-count`;
    // Screen readers hear the count when typing pauses, not after every key.
    const spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    const visible = document.createElement("span");
    visible.setAttribute("aria-hidden", "true");
    shown.append(visible, spoken);
    field.insertAdjacentElement("afterend", shown);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${shown.id}` : shown.id);
    let pause;
    const update = (announce) => {
      const length = field.value.length;
      const over = length > limit;
      const text = over
        ? tooMany.replace("%n", length - limit)
        : ofLimit.replace("%n", length).replace("%m", limit);
      visible.textContent = text;
      shown.classList.toggle("over", over);
      if (over) field.setAttribute("aria-invalid", "true");
      clearTimeout(pause);
      if (announce) pause = setTimeout(() => (spoken.textContent = text), 700);
    };
    field.addEventListener("input", () => update(true));
    update(false);
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
