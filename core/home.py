"""What is waiting for a person, for their home page. Each app adds its sections here.

The apps sit above core, so they are named by dotted path (as the navigation's counts are).
Each section lists a bounded number of items, so the page costs the same whatever the data.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string

LIMIT = 10  # items listed per section; the section's link leads to the rest

# Functions(user, today) -> list[HomeSection], in the order the page shows them.
HOME_SECTIONS: list[str] = [
    "indicators.home.sections",
    "actions.home.sections",
]


@dataclass
class HomeItem:
    label: str
    url: str
    status: str = ""  # the state in words, e.g. "Overdue: was due 13 November 2026"
    detail: str = ""  # e.g. why a figure was returned


@dataclass
class HomeSection:
    title: str
    items: list[HomeItem]
    total: int
    link_url: str
    link_label: str
    intro: str = ""
    more: int = field(init=False)

    def __post_init__(self) -> None:
        self.more = self.total - len(self.items)


def waiting_for(user, today) -> list[HomeSection]:
    """Return the non-empty sections of what is waiting for the user."""
    sections = []
    for path in HOME_SECTIONS:
        sections += [s for s in import_string(path)(user, today) if s.total]
    return sections
