"""The newsletter: the sign-up page, subscribers with double opt-in, confirm and unsubscribe links."""
