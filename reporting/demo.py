"""Demo data of the reporting app (seed_demo): the seed's Appendix 3 cycle and its audiences."""

from pathlib import Path

from django.contrib.auth.models import User

from reporting.models import Audience
from reporting.services import cycle_import

CYCLE_FILE = Path(__file__).resolve().parent / "data" / "cycle_appendix3.csv"

# Which demo people sit on which boards (so e-mails and "my items" feeds have someone).
DEMO_MEMBERS = {
    "Cabinet": ["board"],
    "PMB": ["board", "perf"],
    "CMT": ["manager", "perf"],
    "Full Council": ["board"],
    "Audit Board": ["audit"],
}


def seed(size: str = "demo", stdout=None) -> None:
    """Load the demo cycle and put the demo people on its boards. Idempotent."""
    items = cycle_import(name=CYCLE_FILE.name, content=CYCLE_FILE.read_bytes())
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    for audience_name, usernames in DEMO_MEMBERS.items():
        audience, _ = Audience.objects.get_or_create(name=audience_name)
        audience.members.add(*[users[name] for name in usernames if name in users])
    if stdout:
        stdout.write(f"Reporting: {len(items)} cycle items from the seed's Appendix 3.")


def _usernames() -> set[str]:
    return {name for names in DEMO_MEMBERS.values() for name in names}
