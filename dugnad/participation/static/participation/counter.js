// Characters left under a text field with data-counter; the page works without it, and the
// server checks the length too.
document.querySelectorAll("textarea[data-counter]").forEach((field) => {
  const max = Number(field.dataset.counter);
  const note = document.createElement("p");
  note.className = "char-counter";
  note.id = `${field.id}_counter`;
  note.setAttribute("aria-live", "polite");
  field.after(note);
  const described = field.getAttribute("aria-describedby");
  field.setAttribute("aria-describedby", described ? `${described} ${note.id}` : note.id);
  const template = field.dataset.counterText || "{n} / {max}";
  const update = () => {
    note.textContent = template.replace("{n}", field.value.length).replace("{max}", max);
  };
  field.addEventListener("input", update);
  update();
});
