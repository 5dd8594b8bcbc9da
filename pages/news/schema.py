"""schema.org `NewsArticle` data for an article page, for search engines.

A plain function taking the page as an argument, so it can be tested without the page tree.
"""

SHARE_RENDITION = "fill-1200x630|format-jpeg"  # the same rendition as the page's og:image


def article_json_ld(article, request, publisher):
    """Headline, dates, author, image and `publisher` (the office's name) of `article`."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "datePublished": article.date.isoformat(),
        "url": article.get_full_url(request),
        "mainEntityOfPage": article.get_full_url(request),
        "publisher": {"@type": "Organization", "name": publisher},
    }
    modified = article.last_published_at or article.latest_revision_created_at
    data["dateModified"] = modified.isoformat() if modified else data["datePublished"]
    if article.teaser_summary:
        data["description"] = article.teaser_summary
    if article.author_id and article.author:
        data["author"] = {"@type": "Person", "name": article.author.name}
    else:
        data["author"] = {"@type": "Organization", "name": publisher}
    image = article.share_image
    if image is not None:
        data["image"] = [request.build_absolute_uri(image.get_rendition(SHARE_RENDITION).url)]
    return data
