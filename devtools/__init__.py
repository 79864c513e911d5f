"""Development tools: the page benchmark (`manage.py bench`) and the deadline-day load test
(`manage.py loadtest`). Installed in development, tests and CI; never in production settings.
Product code never imports it (an import-linter contract keeps it so)."""
