"""The privacy notice and the accessibility statement: what this site collects, who sees it and for
how long (matching the retention settings), and how the site is made and tested to be accessible."""

from django.conf import settings

from pages.factories import StandardPageFactory

from ..site_settings import EMAIL, PHONE
from ..streams import heading, paragraph, table
from ..tree import Node


def days(setting):
    count = getattr(settings, setting)
    return "one year" if count == 365 else f"{count} days"


def privacy(ctx):
    enquiries = days("ENQUIRY_RETENTION_DAYS")
    consultations = days("CONSULTATION_RETENTION_DAYS")
    registrations = days("REGISTRATION_RETENTION_DAYS")
    return {
        "search_description": (
            "What the office's website collects through its forms, who sees it, how long it is kept, "
            "which cookies it sets and how to ask for your data to be deleted."
        ),
        "intro": (
            "This notice explains what we collect when you use the forms on this site, who can see it, how long "
            "we keep it and how to ask us to delete it. You can read every page without giving us anything."
        ),
        "body": [
            heading("What each form collects"),
            table(
                "Personal data collected by each form on this site",
                [
                    ("text", "Form"),
                    ("text", "What we collect"),
                    ("text", "Who sees it"),
                    ("text", "How long we keep it"),
                ],
                [
                    (
                        "Training registration",
                        "Your name, work email, department, the session you chose and any accommodation you "
                        "ask for; whether you attended",
                        "Training coordinators",
                        f"Until {registrations} after the session ends. The number of people trained is kept "
                        "as a count, without names.",
                    ),
                    (
                        "Career consultation request",
                        "Your name, work email, role, department, the topics you choose, anything else you "
                        "tell us and when you are usually free",
                        "The career services team",
                        f"{consultations.capitalize()} after the request is closed, or {consultations} after "
                        "it arrived if it was never closed",
                    ),
                    (
                        "Contact enquiry",
                        "Your name, email, phone number if you give one, the subject you choose and your message",
                        "The office staff who answer enquiries (the Office enquiries group)",
                        f"{enquiries.capitalize()} after the enquiry is handled, or {enquiries} after it "
                        "arrived if it was never marked as handled",
                    ),
                    (
                        "Newsletter sign-up",
                        "Your email address and the time you gave consent",
                        "The communications team (Communications approvers)",
                        "Until you unsubscribe; sign-ups never confirmed are deleted after 30 days",
                    ),
                ],
            ),
            paragraph(
                "<p>We use what you send only for the purpose of the form: to hold your seat, arrange your "
                "consultation, answer your question or send the newsletter. We do not sell it or share it with "
                "anyone outside the office. Website administrators can reach the data when they maintain the "
                "site; other staff who edit the website's pages cannot.</p>"
            ),
            heading("Emails we send"),
            paragraph(
                "<p>Registrations get a confirmation, a reminder and a link to cancel. A consultation request gets "
                "a short acknowledgement that names you and says what happens next. A contact enquiry gets no "
                "email from the site: the page you see after sending it confirms that it arrived, and the office "
                "replies personally. A copy of each email the site sends is kept with the record it belongs to and "
                "deleted with it.</p>"
            ),
            heading("Protecting the forms"),
            paragraph(
                "<p>To stop automated abuse, each form limits how many submissions one connection can send in an "
                "hour. For that the site counts submissions under a one-way scrambled (hashed) version of your "
                "internet address, never the address itself, and forgets the count after the hour. Our logs note "
                "that a form was sent and whether it was accepted, but never what you typed or your address.</p>"
            ),
            heading("Cookies"),
            paragraph(
                "<p>The site sets no advertising, analytics or third-party cookies. Pages with a form set one "
                "security cookie (<strong>csrftoken</strong>) that protects the form from being sent by another "
                "website on your behalf. A session cookie is set only when staff sign in to edit the site, or when "
                "you enter the password of a protected page. Both cookies expire on their own and hold no "
                "personal details.</p>"
            ),
            heading("Seeing, correcting or deleting your data"),
            paragraph(
                f"<p>You can ask us at any time what we hold about you, to correct it or to delete it before the "
                f"period above ends. Email {EMAIL} or call {PHONE}, or send a message through the "
                "contact form, saying which form you used and roughly when. We answer within ten working days. "
                "Each newsletter email has its own unsubscribe link, which deletes your address at once.</p>"
            ),
            paragraph(
                "<p>This is the notice of a demonstration site: the contact details are placeholders, and an "
                "institution running it should add the name of its data protection office.</p>"
            ),
        ],
    }


def accessibility(ctx):
    return {
        "search_description": (
            "How the office makes this website accessible, the standard it aims for, how it is tested, "
            "known limitations and how to report a problem."
        ),
        "intro": (
            "We want everyone to be able to use this website, whatever device, browser or assistive technology "
            "they use. This statement says what we aim for, how we check it and what to do if something does "
            "not work for you."
        ),
        "body": [
            heading("Our target"),
            paragraph(
                "<p>The site aims to meet the <strong>Web Content Accessibility Guidelines (WCAG) 2.2 at level "
                "AA</strong>. In practice that means you can:</p>"
                "<ul><li>use every page and form with a keyboard alone, with a visible focus and a skip link to "
                "the main content;</li>"
                "<li>zoom text to 200 % and read pages on a 320-pixel-wide screen without scrolling sideways;</li>"
                "<li>use every form without JavaScript, with labelled fields and an error summary that links to "
                "each field that needs attention;</li>"
                "<li>read charts as tables with the same figures, and images through their text "
                "alternatives.</li></ul>"
            ),
            heading("How we test it"),
            paragraph(
                "<p>Every change to the site runs an automated browser check before it goes live. It visits every "
                "page, and every form with its errors showing, and:</p>"
                "<ul><li>runs the axe accessibility engine on each page;</li>"
                "<li>checks the HTML is valid;</li>"
                "<li>moves through each page with the keyboard and checks that form errors are announced;</li>"
                "<li>loads each page with JavaScript switched off;</li>"
                "<li>checks the layout at desktop and phone widths.</li></ul>"
                "<p>Editors also get accessibility checks in the page editor: images need alternative text, "
                "headings must follow in order and link text must make sense on its own.</p>"
            ),
            heading("Known limitations"),
            paragraph(
                "<ul><li>Some older PDF documents, such as past reports, may not be fully tagged for screen "
                "readers. Ask us and we will send an accessible version.</li>"
                "<li>Videos embedded from other services use those services' players; we add a transcript or "
                "captions, but the player itself is outside our control.</li>"
                "<li>Automated tests find many problems but not all; we have not yet had an audit by people who "
                "use assistive technology every day.</li></ul>"
            ),
            heading("Tell us about a problem"),
            paragraph(
                f"<p>If something on the site does not work for you, or you need information in another format, "
                f"email {EMAIL} or call {PHONE}. You can also use the contact form and choose “This website, "
                "including its accessibility”. Tell us the page and what went wrong; we reply within five working "
                "days. This statement was last reviewed in December 2026.</p>"
            ),
        ],
    }


def sections():
    """The two policy pages, linked from every page's footer (their slugs are stable)."""
    return (
        Node("privacy", "Privacy notice", StandardPageFactory, privacy),
        Node("accessibility", "Accessibility statement", StandardPageFactory, accessibility),
    )
