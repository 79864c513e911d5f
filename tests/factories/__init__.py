"""factory_boy factories, one module per app, re-exported here."""

from tests.factories.actions import *  # noqa: F403
from tests.factories.core import *  # noqa: F403
from tests.factories.indicators import *  # noqa: F403
from tests.factories.plans import *  # noqa: F403
from tests.factories.reporting import *  # noqa: F403
