"""One parse per distinct source text: the cells of a class's notebooks are mostly the same.

Several readers look at a submission's code before and after it runs (notebook.py, cell_notes.py,
provided.py, classroom/mistake_groups.py, sandbox/plot_gate.py), and a class of notebooks shares
most of its cells (the set-up, the provided helpers, the training): each distinct text is parsed
once per grader instead of once per reader and student. The trees are shared between readers and
threads, so a reader only reads them.
"""

import ast
import functools


@functools.lru_cache(maxsize=512)
def parsed(source: str) -> ast.Module:
    """ast.parse(source), shared: never change the tree. Raises what ast.parse raises."""
    return ast.parse(source)


@functools.lru_cache(maxsize=512)
def walked(source: str) -> tuple:
    """Every node of parsed(source), in ast.walk's order, shared like the tree."""
    return tuple(ast.walk(parsed(source)))
