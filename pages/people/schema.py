"""schema.org `Person` data for search engines: the team page's people, an event's contact and speakers.

Plain functions taking people as arguments. The data goes into a `<script type="application/ld+json">`
through `json_ld_script`, the escaping the event pages use (a data block, never executed, so the
site's script-src CSP does not apply and needs no nonce).
"""

from odi_site.json_ld import json_ld_script

# The portrait rendition the cards show at double density: the JSON-LD points at the same file,
# so it costs no extra rendition (odi_site/renditions.py makes it at upload).
PORTRAIT_SPEC = "format-webp|fill-320x320"

__all__ = ["PORTRAIT_SPEC", "json_ld_script", "person_json_ld", "team_json_ld"]


def photo_url(person, request):
    """The absolute address of the person's portrait, or None without a photo."""
    if not person.photo_id or person.photo is None:
        return None
    return request.build_absolute_uri(person.photo.get_rendition(PORTRAIT_SPEC).url)


def person_json_ld(person, request, *, anchor_url=None, organisation=None, job_title=None, contact=True):
    """A schema.org Person: name, role, and (with `contact`) the ways to reach them the page shows."""
    data = {"@type": "Person", "name": person.name, "jobTitle": job_title or person.role}
    if anchor_url:
        data["@id"] = data["url"] = anchor_url
    if contact:
        if person.email:
            data["email"] = f"mailto:{person.email}"
        if person.phone:
            data["telephone"] = person.phone
        if person.bio:
            data["description"] = person.bio
    if image := photo_url(person, request):
        data["image"] = image
    if organisation:
        data["worksFor"] = {"@type": "Organization", "name": organisation}
    return data


def team_json_ld(people, page_url, organisation, request):
    """Every listed person of the team page, each identified by its card's address on the page."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            person_json_ld(person, request, anchor_url=f"{page_url}#{person.search_anchor}", organisation=organisation)
            for person in people
        ],
    }
