"""Which administrations are released, i.e. may appear anywhere on the site.

An administration is released when it has a live, public results page and no administration
that supersedes it (final results replacing interim ones) is released too. Only released
administrations appear in trends, on the index and in downloads; figures of an interim and a
final release of the same people side by side could be subtracted from each other, so
publishing both is refused (`publish_conflict`) and, should both go live some other way
(scheduled publishing, a workflow approval), the interim page sends visitors to the final one.
"""

# Who may see results that are not public yet (in previews, in the page form's choices): whoever
# may read the stored aggregates anyway.
DATA_PERMISSION = "survey.view_aggregate"


def may_see_unreleased(user):
    return bool(user and user.is_authenticated and user.has_perm(DATA_PERMISSION))


def released_among(rows):
    """Ids of the released administrations, from `(id, supersedes id)` rows of those with a live,
    public results page (SurveyResultsPage.released_ids makes the one query)."""
    live = dict(rows)
    replaced = {earlier for earlier in live.values() if earlier is not None}
    return {pk for pk in live if pk not in replaced}


def publish_conflict(page):
    """Why `page` may not go live (a live results page of the administration it supersedes or that
    supersedes it), or None."""
    administration = page.administration
    if administration is None:
        return None
    related = [a for a in (administration.supersedes, getattr(administration, "superseded_by", None)) if a]
    if not related:
        return None
    other = (
        page.live_results()
        .filter(administration__in=related)
        .exclude(pk=page.pk)
        .select_related("administration")
        .first()
    )
    if other is None:
        return None
    if other.administration_id == administration.supersedes_id:
        return (
            f"“{page.title}” was saved as a draft but not published: its results supersede "
            f"{other.administration.label}, whose results page “{other.title}” is live. Unpublish that page first, "
            "then publish this one."
        )
    return (
        f"“{page.title}” was saved as a draft but not published: {administration.label} is superseded by "
        f"{other.administration.label}, whose results page “{other.title}” is live. Only one of the two can be "
        "published."
    )
