"""Nothing typed is lost: autosaved form drafts (server-side, so another device can continue),
the idle sign-out's warning and keep-alive, and submit-once keys for every create."""
