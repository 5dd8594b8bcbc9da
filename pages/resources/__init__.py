"""Reports and resources library: categories, resources (documents or links) and the page listing them."""
