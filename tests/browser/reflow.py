"""WCAG 1.4.10 reflow: how far a page scrolls sideways, and what sticks out past the right edge."""

from .targets import DESKTOP, NARROW_WIDTHS

OVERFLOW = """() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0 && getComputedStyle(el).position !== "fixed") {
            culprits.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
        }
    }
    return {overflow: root.scrollWidth - width, culprits: culprits.slice(0, 5)};
}"""


def overflow_problem(page, where):
    result = page.evaluate(OVERFLOW)
    if result["overflow"] > 0:
        return f"{where}: scrolls {result['overflow']} px sideways; sticking out: {', '.join(result['culprits'])}"
    return None


def reflow_problems(page, where):
    """The page narrowed to each of NARROW_WIDTHS (320 px is 1280 at 400% zoom, which is how a
    zoomed desktop page reaches it: resized after loading), then back to desktop width."""
    problems = []
    for width in NARROW_WIDTHS:
        page.set_viewport_size({"width": width, "height": DESKTOP["height"]})
        problems.append(overflow_problem(page, f"{where} at {width} px"))
    page.set_viewport_size(DESKTOP)
    return [problem for problem in problems if problem]
