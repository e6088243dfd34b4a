// Progressive enhancement of the allocation page: after htmx has swapped a wish's card, keep
// the keyboard where the person was. htmx restores focus to an element with the same id; when
// the pressed button is gone (a removed slot has no "Remove"), focus goes to the card's
// "Allocate" button instead of falling back to the top of the page. Only the card just
// answered carries the marker, and it is taken off once used.
document.addEventListener("htmx:afterSettle", () => {
  const marked = document.querySelectorAll("[data-focus-after-swap]");
  const active = document.activeElement;
  const lost = !active || active === document.body || !document.contains(active);
  if (lost && marked.length) marked[0].focus();
  marked.forEach((button) => button.removeAttribute("data-focus-after-swap"));
});
