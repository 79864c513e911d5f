"""Deadline-day load test: officers submitting figures while board members read dashboards.

`manage.py loadtest` prepares a PostgreSQL database, serves it with gunicorn on 127.0.0.1,
runs Locust headless for a bounded time, then checks the database: every submitted figure is
there exactly once and no update was lost.
"""
