"""The office's people: who works here and how to reach them."""
