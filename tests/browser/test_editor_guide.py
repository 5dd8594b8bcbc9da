"""The tasks of docs/editor-guide.md, done in the real admin, with a screenshot of each step.

`make editor-guide` writes the screenshots into docs/editor-guide/ (ODI_EDITOR_GUIDE_DIR; by default
build/editor-guide/). Nothing here changes the public site: the new event stays a draft in
review, and the session form and the survey import are checked but never saved or confirmed.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EDITOR_GROUPS = ("Communications editors", "Training coordinators", "Survey data managers")
APPROVER_GROUPS = ("Communications approvers",)
SURVEY_EXAMPLE = Path(settings.BASE_DIR) / "docs" / "survey-example.csv"
MAX_SHOT_BYTES = 250 * 1024
EVENT_TITLE = "Lunch and learn: Inclusive meetings"
EVENT_DAY = datetime.date(datetime.date.today().year + 1, 3, 10)

# Wagtail saves forms in the background ("autosave"). The guide's steps leave forms with deliberate
# mistakes, which autosave would post again and get a 400 for (the browser watch counts that as a
# broken request), and on SQLite an autosave racing the preview can find the database locked, so
# the walkthrough turns it off with the autosave controller's own "active" switch and saves by
# hand. The admin also reopens the last side panel used; every step starts from a closed one.
BEFORE_EACH_PAGE = """
document.addEventListener("DOMContentLoaded", () => {
    for (const form of document.querySelectorAll("[data-controller~='w-autosave']")) {
        form.setAttribute("data-w-autosave-active-value", "false");
    }
});
try {
    localStorage.removeItem("wagtail:side-panel-open");
} catch {}  // frames without storage, such as the blocked preview
"""


def guide_dir():
    directory = Path(os.environ.get("ODI_EDITOR_GUIDE_DIR") or Path(settings.BASE_DIR) / "build" / "editor-guide")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def shoot(page, name):
    """Screenshot the 1280×800 viewport (not the full page, to keep the files small) as <name>.png."""
    path = guide_dir() / f"{name}.png"
    page.screenshot(path=path, animations="disabled")
    # The admin's flat colours and text look the same in 256 colours, and the files get 2-3 times smaller.
    with Image.open(path) as shot:
        palette = shot.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, optimize=True)
    size = path.stat().st_size
    assert 1000 < size <= MAX_SHOT_BYTES, f"{path.name} is {size // 1024} KB"


def scroll_to(locator, top=90):
    """Scroll an element to ``top`` pixels from the top of the window (below Wagtail's sticky header)."""
    locator.page.wait_for_load_state("networkidle")  # the editor sets its own scroll position as it starts
    locator.evaluate(
        """(element, top) => {
            element.style.scrollMarginTop = `${top}px`;
            element.scrollIntoView({block: "start", behavior: "instant"});
        }""",
        top,
    )


def open_menu(page, *labels):
    """Follow the admin's side menu, e.g. open_menu(page, "Training", "Sessions")."""
    sidebar = page.locator("#wagtail-sidebar")
    *submenus, item = labels
    for label in submenus:
        sidebar.get_by_role("button", name=label, exact=True).click()
    sidebar.get_by_role("link", name=item, exact=True).click()
    page.wait_for_load_state()


def choose_in_modal(page, opener, choice):
    """Open a chooser (image, snippet, page) and pick the item whose link reads ``choice``."""
    page.get_by_role("button", name=opener).click()
    modal = page.locator(".modal")
    exactly = re.compile(rf"^\s*{re.escape(choice)}\s*$")
    modal.locator("a[data-chooser-modal-choice], a.choose-page").filter(has_text=exactly).click()
    expect(modal).to_be_hidden()


def insert_block(page, block_name):
    """Add a block at the end of the body StreamField; returns the new block's container."""
    body = page.locator("[data-contentpath='body']")
    before = body.locator("[data-streamfield-child]").count()
    body.get_by_title("Insert a block").last.click()
    page.get_by_role("option", name=block_name, exact=True).click()
    block = body.locator("[data-streamfield-child]").nth(before)
    expect(block).to_be_visible()
    return block


def fill_date(page, selector, value):
    """Type a date and time without focusing the field: its pop-up calendar would cover the screenshot."""
    page.locator(selector).evaluate(
        """(input, value) => {
            input.value = value;
            input.dispatchEvent(new Event("input", {bubbles: true}));
            input.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        value,
    )


def save_draft(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()


@pytest.fixture(scope="module")
def editor(admin_account):
    return admin_account("comms-editor", groups=EDITOR_GROUPS)


@pytest.fixture
def editor_page(new_page, editor):
    page = new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(BEFORE_EACH_PAGE)
    # Leaving a form with unsaved changes asks "are you sure?"; the guide's steps mean to leave.
    page.on("dialog", lambda dialog: dialog.accept())
    return editor.sign_in(page)


def test_editor_guide_tasks_work_in_the_admin(editor_page, editor, new_page, admin_account, live_site, tmp_path):
    page, base, ids = editor_page, live_site.base_url, editor.page_ids

    # Signing in and finding your way.
    menu = page.locator("#wagtail-sidebar .menuitem-label").all_inner_texts()
    assert {"Pages", "Events & community", "Training", "Survey data", "Import survey data", "Images"} <= set(menu)
    shoot(page, "01-dashboard")
    page.goto(f"{base}/admin/pages/{ids['/']}/")
    for section in ("About the office", "Training", "Events", "Diversity Engagement Survey"):
        expect(page.get_by_role("link", name=section, exact=True).first).to_be_visible()
    shoot(page, "02-page-tree")

    # Add an event: the events section offers only event pages, so "Add child page" opens the form.
    page.goto(f"{base}/admin/pages/{ids['/events/']}/")
    shoot(page, "03-events-section")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/pages/eventpage/\d+/$"))
    for panel in ("Hero image", "Date and time", "Where", "Details"):
        expect(page.get_by_role("heading", name=panel, exact=True)).to_be_visible()
    page.fill("#id_title", EVENT_TITLE)
    page.fill("#id_intro", "Simple habits that let everyone take part in a meeting, in the room or online.")
    choose_in_modal(page, "Choose an image", "Demo illustration: overlapping circles")
    page.fill("#id_hero_image_alt", "Overlapping circles in blue, teal, gold and plum.")
    scroll_to(page.get_by_role("heading", name="Hero image", exact=True), top=300)
    shoot(page, "04-new-event")
    fill_date(page, "#id_start", f"{EVENT_DAY:%Y-%m-%d} 12:00")
    fill_date(page, "#id_end", f"{EVENT_DAY:%Y-%m-%d} 13:00")
    page.fill("#id_location", "Farrell Learning Center, Room 213")
    choose_in_modal(page, "Choose event category", "Seminar")
    page.fill("#id_audience", "All staff, faculty and students")
    page.fill("#id_registration_url", "https://example.edu/register/inclusive-meetings")
    page.fill("#id_accessibility_note", "Step-free access. Email diversity@example.edu for captioning.")
    scroll_to(page.get_by_role("heading", name="Date and time", exact=True))
    shoot(page, "05-event-date-and-place")
    scroll_to(page.get_by_role("heading", name="Details", exact=True))
    shoot(page, "06-event-details")
    save_draft(page)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text(EVENT_TITLE)

    # Fix an accessibility warning: the site refuses skipped heading levels and vague link text.
    heading = insert_block(page, "Heading")
    heading.get_by_label("Text").fill("Agenda")
    heading.get_by_label("Level").select_option("h3")
    save_draft(page)
    error = page.get_by_text("This H3 follows an H1, which skips a level.")
    expect(error).to_be_visible()
    scroll_to(page.locator("[data-contentpath='body']"))
    shoot(page, "16-heading-level-error")
    page.locator("[data-contentpath='body']").get_by_label("Level").select_option("h2")
    cta = insert_block(page, "Call to action")
    cta.get_by_label("Heading").fill("Save your seat")
    cta.get_by_label("Link address").fill("https://example.edu/register/inclusive-meetings")
    cta.get_by_label("Link text").fill("Click here")
    save_draft(page)
    error = page.get_by_text("“Click here” does not say where the link goes.")
    expect(error).to_be_visible()
    scroll_to(error)
    shoot(page, "17-link-text-error")
    page.locator("[data-contentpath='body']").get_by_label("Link text").fill("Register for the lunch and learn")
    save_draft(page)
    expect(page.locator(".messages")).to_contain_text("updated")

    # ...and the content checker, here on a preview of the unsaved form: a file name as alt text.
    page.fill("#id_hero_image_alt", "IMG_2041.jpg")
    page.get_by_role("button", name="Toggle preview").click()
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview in new tab").click()
    preview = opened.value
    preview.wait_for_load_state()
    preview.locator("#wagtail-userbar-trigger").click()
    preview.get_by_role("menuitem", name="Checks").click()
    expect(preview.get_by_text(re.compile("alt text", re.I)).first).to_be_visible()
    shoot(preview, "15-accessibility-checks")
    preview.close()
    page.fill("#id_hero_image_alt", "Overlapping circles in blue, teal, gold and plum.")
    page.get_by_role("button", name="Toggle preview").click()

    # Review and scheduling: the status panel's "Set schedule" window (left empty), then submitting.
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    schedule = page.locator("#schedule-publishing-dialog")
    expect(schedule.get_by_label("Go live date/time")).to_be_visible()
    shoot(page, "18-set-schedule")
    page.keyboard.press("Escape")
    expect(schedule).to_be_hidden()
    page.get_by_role("button", name="More actions").click()
    submit = page.get_by_role("button", name="Submit to Communications review")
    expect(submit).to_be_visible()
    shoot(page, "07-submit-for-review")
    with page.expect_navigation():
        submit.click()
    expect(page.locator(".messages")).to_contain_text("submitted")

    # Publish a training session: Training > Sessions > Add training session (filled, not saved).
    open_menu(page, "Training", "Sessions")
    expect(page.get_by_role("heading", name="Training sessions")).to_be_visible()
    shoot(page, "08-training-sessions")
    page.get_by_role("link", name="Add training session").click()
    page.wait_for_url(re.compile(r"/admin/snippets/training/trainingsession/add/$"))
    choose_in_modal(page, "Choose a page (Training level page)", "Diversity 2.0")
    fill_date(page, "#id_start", f"{EVENT_DAY:%Y-%m-%d} 10:00")
    fill_date(page, "#id_end", f"{EVENT_DAY:%Y-%m-%d} 11:00")
    page.fill("#id_location", "Connor Auditorium, 660 S. Euclid")
    page.fill("#id_capacity", "40")
    shoot(page, "09-new-training-session")

    # Update the participation figure: the training program page and the home page's key figures.
    page.goto(f"{base}/admin/pages/{ids['/training/']}/edit/")
    expect(page.locator("#id_participants_level_one")).to_have_value(re.compile(r"^\d+$"))
    scroll_to(page.get_by_role("heading", name="Participation figure", exact=True))
    shoot(page, "10-participation-figure")
    page.goto(f"{base}/admin/pages/{ids['/']}/edit/")
    key_figures = page.locator("[data-contentpath='key_figures']")
    expect(key_figures.locator("[data-streamfield-child]").first).to_be_visible()
    scroll_to(key_figures)
    shoot(page, "11-home-key-figures")

    # Upload survey results: check the file (valid, then with a mistake); confirming is not needed here.
    open_menu(page, "Import survey data")
    page.set_input_files("#id_file", SURVEY_EXAMPLE)
    page.get_by_role("button", name="Check file").click()
    expect(page.get_by_role("heading", name="survey-example.csv is valid")).to_be_visible()
    expect(page.get_by_role("button", name="Import these figures")).to_be_visible()
    shoot(page, "12-survey-file-checked")
    example = SURVEY_EXAMPLE.read_text()
    broken = tmp_path / "survey-2014-15.csv"
    broken.write_text(example.replace(",1200,400,", ",300,400,", 1))  # fewer invited than answered
    assert broken.read_text() != example, "the example's administration row changed; update this step"
    page.set_input_files("#id_file", broken)
    page.get_by_role("button", name="Check file").click()
    expect(page.get_by_role("heading", name="The file was not imported")).to_be_visible()
    expect(page.get_by_text("row 2, column respondents")).to_be_visible()
    shoot(page, "13-survey-file-problems")
    page.goto(f"{base}/admin/pages/{ids['/survey/2014-15/']}/edit/")
    administration = page.get_by_role("heading", name="Administration", exact=True)
    expect(administration).to_be_visible()
    scroll_to(administration)
    shoot(page, "14-survey-results-page")

    # The approver finds the submitted event on their dashboard.
    approver = admin_account("comms-approver", groups=APPROVER_GROUPS)
    approver_page = approver.sign_in(new_page())
    expect(approver_page.get_by_role("heading", name="Awaiting your review")).to_be_visible()
    expect(approver_page.get_by_text(EVENT_TITLE).first).to_be_visible()
    approver_page.get_by_role("button", name="Actions").first.click()
    expect(approver_page.get_by_role("button", name="Approve", exact=True)).to_be_visible()
    shoot(approver_page, "19-awaiting-review")


def test_checks_panel_runs_in_the_page_editor(editor_page, editor, live_site):
    page = editor_page
    page.goto(f"{live_site.base_url}/admin/pages/{editor.page_ids['/about/']}/edit/")
    page.get_by_role("button", name="Toggle checks").click()
    # The word count is filled in once the checker has read the preview.
    expect(page.locator("[data-content-word-count]")).not_to_have_text("-", timeout=10_000)
