"""python -m autograder: see autograder/cli.py.

A command that grades spawns the zygote first, before the grader imports the rest of itself
(sandbox/launch.py): it then starts Python and imports numpy meanwhile (issue 19).
"""

import sys

from autograder.sandbox.launch import spawn_early

spawn_early(sys.argv[1:])

from autograder.cli import main  # noqa: E402  (after the zygote has been spawned)

sys.exit(main())
