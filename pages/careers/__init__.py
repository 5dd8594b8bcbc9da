"""Career development: the career services page and its consultation request form."""
