"""Usernames of the load test's people (no Django imports: the Locust file uses these)."""

OWNER = "load-owner-{:03d}"
DEPUTY = "load-deputy-{:03d}"
BOARD = "load-board-{:03d}"

# The sign-in POST: it hashes the password (1,000,000 PBKDF2 rounds, on purpose), so the
# table reports the other pages' times without it too.
SIGN_IN = "sign in"
