"""Does the tree keep the shape docs/architecture.md describes?

Folders by role, few modules flat in autograder/, no import circle anywhere (the student bundle
included), a judge that imports nothing outside itself and holds no answer, no module reaching
for another's private names, and the old module paths that configuration files and stored
notebooks name still working. Imports are read with `ast`, every one of them: those inside
functions and under `if TYPE_CHECKING:` too, since they are how a circle hides.
"""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.paths import CONFINEMENT_SOURCE, JUDGE, KIT_ROOT, PACKAGE, REFERENCE_PATH

BUNDLE = KIT_ROOT / "assignments" / "backprop" / "backprop_checks"
MAX_FLAT_MODULES = 8


def module_paths(root: Path) -> dict:
    """Dotted name -> file of every module under the package folder `root`."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def import_statements(name: str, path: Path):
    """(module, names, relative) for every import statement of the module `name`: the module
    named absolutely (relative imports resolved), the names taken from it ([] for `import`)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], False
        elif isinstance(node, ast.ImportFrom):
            module = node.module
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            yield module, [alias.name for alias in node.names], bool(node.level)


def import_graph(root: Path) -> dict:
    """Module -> the modules of the same package it imports. `from a import b` is an edge to
    a.b when b is a module, else to a."""
    modules = module_paths(root)
    graph = {}
    for name, path in modules.items():
        targets = set()
        for module, names, _ in import_statements(name, path):
            for imported in names or [None]:
                submodule = f"{module}.{imported}" if imported else module
                target = submodule if submodule in modules else module
                if target in modules and target != name:
                    targets.add(target)
        graph[name] = targets
    return graph


def circles(graph: dict) -> list:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle_hidden_in_a_function(tmp_path):
    """Can the test below fail: is a circle found when one side imports inside a function,
    and another under TYPE_CHECKING?"""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg.b import g\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from .c import h\n")
    (package / "c.py").write_text("from . import a\n")
    (package / "d.py").write_text("from pkg import a\n")
    assert circles(import_graph(package)) == [["pkg.a", "pkg.b", "pkg.c"]]


@pytest.mark.parametrize("root", [PACKAGE, BUNDLE], ids=["autograder", "student bundle"])
def test_no_import_circle(root):
    assert circles(import_graph(root)) == []


def test_few_modules_sit_flat_in_the_package():
    flat = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(flat) <= MAX_FLAT_MODULES, flat


def test_the_judge_imports_nothing_outside_itself():
    """The judge ships whole as the student bundle: every import is the standard library,
    numpy, or a relative one that stays inside the judge's folder."""
    outside = []
    for name, path in module_paths(JUDGE).items():
        for module, _, relative in import_statements(name, path):
            inside = module.split(".")[0] == "judge" if relative else (
                module.split(".")[0] in sys.stdlib_module_names or module.split(".")[0] == "numpy")
            if not inside:
                outside.append((name, module))
    assert outside == []


def test_the_judge_holds_no_line_of_the_reference_s_solutions():
    """No solution region of the reference appears in any file of the judge."""
    reference = REFERENCE_PATH.read_text()
    regions = [block.split("### END SOLUTION")[0]
               for block in reference.split("### BEGIN SOLUTION")[1:]]
    lines = {line.strip() for region in regions for line in region.splitlines()
             if len(line.strip()) > 12 and not line.strip().startswith("#")}
    assert len(lines) > 10, "the reference's solution regions were not found"
    for path in JUDGE.rglob("*.py"):
        text = path.read_text()
        assert [line for line in lines if line in text] == [], path


def test_no_module_imports_another_modules_private_names():
    private = []
    for name, path in module_paths(PACKAGE).items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                private += [(name, alias.name) for alias in node.names
                            if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert private == []


def test_the_jail_finds_the_confinement_the_kit_names():
    """The jail's launcher is run by file and cannot import paths.py: its own path to the
    confinement must be the same file."""
    from autograder.integrations.nbgrader import jail

    assert jail._CONFINEMENT == CONFINEMENT_SOURCE


def test_the_zygotes_launcher_finds_the_files_the_kit_names():
    """launch.py spawns the zygote before pathlib is imported, so hiding.py finds the worker's
    source from its own file: the same files, in the same order, as paths.py names; and the
    switch it passes on is the one confinement.py reads."""
    from autograder.paths import WORKER, WORKER_SOURCES
    from autograder.sandbox import confinement, hiding, launch

    assert [Path(path) for path in hiding.WORKER_TEXT] == [*WORKER_SOURCES, WORKER]
    assert Path(hiding.KIT_ROOT) == KIT_ROOT
    assert launch.WITHOUT_LANDLOCK == confinement.WITHOUT_LANDLOCK


@pytest.mark.parametrize("old, new", [
    ("autograder.nbgrader_points", "autograder.integrations.nbgrader.points"),
    ("autograder.nbgrader_kernel", "autograder.integrations.nbgrader.kernel"),
    ("autograder.nbgrader_source", "autograder.integrations.nbgrader.source_hook"),
    ("autograder.hidden_tests", "autograder.integrations.nbgrader.hidden_tests"),
    ("autograder.pytest_plugin", "autograder.grading.pytest_plugin"),
])
def test_an_old_module_path_is_the_module_it_moved_to(old, new):
    assert importlib.import_module(old) is importlib.import_module(new)


def test_old_paths_work_in_a_fresh_process_as_nbgrader_config_names_them():
    """What a course's nbgrader_config.py from before the move imports, and the hidden tests'
    import, each in a Python that has imported nothing of the kit yet."""
    code = ("from autograder.nbgrader_kernel import with_jailed_kernel\n"
            "from autograder.nbgrader_points import GraderPoints, with_grader_points\n"
            "from autograder.nbgrader_source import source_bundle_refresher\n"
            "from autograder.hidden_tests import grade_hidden\n"
            "import autograder.integrations.nbgrader.points as points\n"
            "assert GraderPoints is points.GraderPoints\n"
            "print('ok')\n")
    completed = subprocess.run([sys.executable, "-c", code], cwd=KIT_ROOT, capture_output=True,
                               text=True, timeout=60)
    assert completed.stdout.strip() == "ok", completed.stderr
