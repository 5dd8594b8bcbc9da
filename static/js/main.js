// Progressive enhancement only: every page works without this file.
document.documentElement.classList.replace("no-js", "js");

const nav = document.querySelector("[data-main-nav]");
const toggle = nav && nav.querySelector("[data-main-nav-toggle]");

if (toggle) {
  const list = document.getElementById(toggle.getAttribute("aria-controls"));
  const setOpen = (open) => toggle.setAttribute("aria-expanded", String(open));

  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));

  // Escape closes the menu and returns focus to the button.
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });

  list.addEventListener("focusout", (event) => {
    if (!nav.contains(event.relatedTarget) && window.matchMedia("(max-width: 47.99em)").matches) {
      setOpen(false);
    }
  });
}
