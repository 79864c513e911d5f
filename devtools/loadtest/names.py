"""Usernames of the load test's people (no Django imports: the Locust file uses these)."""

OWNER = "load-owner-{:03d}"
DEPUTY = "load-deputy-{:03d}"
BOARD = "load-board-{:03d}"
