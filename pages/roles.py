"""The groups of the pages app and the review workflow (applied by migrations, odi_site/roles.py).

Communications editors write pages and submit them for review, and manage images, documents,
redirects and the events, community, people, news topic and resources snippets (with the affinity groups
directory); Communications approvers also publish and change site settings and the reporting
channels (which go live when saved, with no review), and they alone see and export newsletter
subscribers (and delete one who asks). Neither gets survey data or other personal data. Career
services alone (with superusers) sees consultation requests and their emails, and changes where
new requests are emailed; Office enquiries alone does the same for the contact page's enquiries
(it may delete one, as people may ask the office to).

Wagtail's default "Editors" and "Moderators" groups are retired in favour of the two
Communications groups (their members move there).
"""

from odi_site.roles import Review, Role

EDITORS = "Communications editors"
APPROVERS = "Communications approvers"
CAREER_SERVICES = "Career services"
OFFICE_ENQUIRIES = "Office enquiries"
WORKFLOW_NAME = "Communications review"
CONSULTATION_EMAIL_PERMISSION = "pages.change_consultation_email"
ENQUIRY_SETTINGS_PERMISSION = "pages.change_enquirysettings"

CONTENT_SNIPPETS = tuple(
    f"pages.{action}_{model}"
    for model in (
        "eventcategory",
        "communitypartner",
        "focusarea",
        "person",
        "resourcecategory",
        "resource",
        "affinitygroup",
        "newstopic",
    )
    for action in ("add", "change", "view")
)
MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
# Both groups keep old addresses working when pages are renamed.
REDIRECTS = ("wagtailredirects.add_redirect", "wagtailredirects.change_redirect")

ROLES = (
    Role(
        EDITORS,
        permissions=("wagtailadmin.access_admin", *CONTENT_SNIPPETS, *REDIRECTS),
        page_permissions=("add_page", "change_page", "lock_page", "unlock_page"),
        collection_permissions=MEDIA,
    ),
    Role(
        APPROVERS,
        permissions=(
            "wagtailadmin.access_admin",
            *CONTENT_SNIPPETS,
            *REDIRECTS,
            "wagtailredirects.delete_redirect",
            "pages.change_sitesettings",
            "pages.change_reportingsettings",
            # Newsletter subscribers: personal data, for approvers only (they send the newsletter).
            "pages.view_subscriber",
            "pages.delete_subscriber",
        ),
        page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        collection_permissions=MEDIA,
    ),
    Role(
        CAREER_SERVICES,
        permissions=(
            "wagtailadmin.access_admin",
            "pages.view_consultationrequest",
            "pages.change_consultationrequest",
            "pages.view_consultationemail",
            "pages.resend_consultationemail",
            CONSULTATION_EMAIL_PERMISSION,
        ),
    ),
    Role(
        OFFICE_ENQUIRIES,
        permissions=(
            "wagtailadmin.access_admin",
            "pages.view_enquiry",
            "pages.change_enquiry",
            "pages.delete_enquiry",
            "pages.view_enquiryemail",
            "pages.resend_enquiryemail",
            ENQUIRY_SETTINGS_PERMISSION,
        ),
    ),
)
REVIEW = Review(WORKFLOW_NAME, task_name="Approval by Communications approvers", approvers=APPROVERS)
RETIRED_GROUPS = {"Editors": EDITORS, "Moderators": APPROVERS}
