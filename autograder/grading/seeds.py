"""A run's seed: the one given, or a fresh one, shown in every report with its replay command.

Below both the command line and the pytest plugin, which each start runs, so that neither has
to reach into the other for it.
"""

import os


def new_seed() -> int:
    """A fresh seed for a run that was not given one."""
    return int.from_bytes(os.urandom(4), "little") % 1_000_000
