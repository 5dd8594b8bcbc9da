"""Demo content for `load_demo_content`: drawn images, page copy and the page tree that holds them."""
