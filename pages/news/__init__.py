"""News and stories: topics, the news index (with its feeds) and articles."""
