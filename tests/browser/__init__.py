"""Browser quality gate: Playwright drives Debian's Chromium against a live demo site."""
