"""nbgrader: the kit inside `nbgrader autograde`, and the notebooks it releases.

points.py decides the test cells' points with the sandboxed grader (grader_process.py), in
nbgrader's own process; kernel.py runs each student's kernel in jail.py's jail; source_hook.py
keeps the source folder's bundle fresh; hidden_tests.py is what the source notebook's hidden
tests call; notebook_sync.py fills the source notebook from the reference and runs nbgrader's
release. nbgrader_config.py, at the repository's root, wires them in.
"""
