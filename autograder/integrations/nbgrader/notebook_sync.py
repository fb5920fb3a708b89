"""The nbgrader notebooks, kept in step with the reference: the source's exercise cells filled
from it, then nbgrader's own release of the student notebook.
"""

from pathlib import Path

from autograder.paths import KIT_ROOT, REFERENCE_PATH, SOURCE_NOTEBOOK


def reference_functions() -> dict:
    """Name -> source text of every function in the reference, solution markers included."""
    import ast

    source = REFERENCE_PATH.read_text()
    lines = source.splitlines()
    nodes = ast.parse(source).body
    functions = {}
    for node, following in zip(nodes, nodes[1:] + [None]):
        if not isinstance(node, ast.FunctionDef):
            continue
        # A function runs up to the next top-level statement, so that trailing comment lines
        # such as "### END SOLUTION" stay with it; the blank lines and the "# Provided" banner
        # before the next statement do not.
        end = (following.lineno - 1) if following else len(lines)
        body = lines[node.lineno - 1:end]
        while body and (not body[-1].strip() or body[-1].startswith("#")):
            body.pop()
        functions[node.name] = "\n".join(body)
    return functions


def sync_source_notebook(path: Path = SOURCE_NOTEBOOK) -> bool:
    """Fill the notebook's exercise cells (nbgrader grade_id = the function's name) from the
    reference, so that the code is written once. Returns True when the notebook changed."""
    import nbformat

    functions = reference_functions()
    notebook = nbformat.read(str(path), as_version=4)
    changed = False
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id in functions and cell.source != functions[grade_id]:
            cell.source = functions[grade_id]
            changed = True
    if changed:
        nbformat.write(notebook, str(path))
    return changed


def generate_release(course_root: Path = KIT_ROOT) -> Path:
    """Run nbgrader generate_assignment on the source notebook (no gradebook needed)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "backprop",
                    "--force", "--no-db", "--log-level=WARN"], cwd=course_root, check=True)
    return course_root / "assignments" / "backprop"
