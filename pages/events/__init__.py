"""Campus events: categories, the events index with its feeds and calendar, and event pages."""
