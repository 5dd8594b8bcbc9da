"""Community engagement: focus areas, partners and the community engagement page."""
