"""The repair search: the fewest edits to a student's own failed function that make it pass,
verified by running them, as the evidence a hint is worded from (docs/architecture.md,
"Repairs").

edits.py proposes the edits, search.py runs and verifies candidates through a runner it is
given (the sandbox's worker, or the student's own kernel), wording.py turns a repair into the
hint ladder's sentences.
"""
