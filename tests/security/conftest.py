"""Print what the hostile-value sweep tried at the end of the run (it is the issue's figure)."""

SWEEP_STATS: dict[str, int] = {}


def pytest_terminal_summary(terminalreporter):
    if SWEEP_STATS:
        stats = {"get": 0, "post": 0, "urls": 0, "server_errors": 0} | SWEEP_STATS
        terminalreporter.write_sep("-", "hostile-value sweep")
        terminalreporter.write_line(
            f"{stats['get'] + stats['post']} requests ({stats['get']} GET, {stats['post']} "
            f"POST) to {stats['urls']} URL patterns: {stats['server_errors']} server errors"
        )
