"""Everything students get, generated: `python -m autograder release`.

student_module.py writes the .py stubs, bundle.py the notebook's checks (the judge, copied
whole, and fixture_writer.py's fixtures), and integrations/nbgrader/notebook_sync.py the
notebooks. Generated files are committed where students take them (assignments/), and tests
check that regenerating them changes nothing.
"""


def release_all() -> list:
    """Everything `python -m autograder release` writes, in order: the .py stub module, the
    visible checks' bundle in the source folder (where nbgrader autograde finds it too), the
    source notebook's exercise cells, nbgrader's release, which copies that bundle, then the
    `.py` students' local check and the notebook's text they read (local_check.py)."""
    from autograder.integrations.nbgrader.notebook_sync import (generate_release,
                                                                sync_source_notebook)
    from autograder.release.bundle import write_bundle
    from autograder.release.local_check import write_local_check
    from autograder.release.student_module import write_student_module

    written = [write_student_module(), write_bundle()]
    sync_source_notebook()
    written.append(generate_release())
    written += write_local_check()  # after the release: derivations.md is its notebook's text
    return written
