"""Decide, from a submission's code, whether the worker may stand in for matplotlib.

The stand-in (sandbox/plot_standin.py) returns None from every call it serves, and a name for
each colormap. That is only sound where the code never looks at what it gets: so the stand-in
is used only when every use of a name bound to matplotlib is a call of a served function
whose value is thrown away (a statement of its own, `plt.title("Costs")`), or a colormap handed
straight to such a call (`cmap=plt.cm.Spectral`). Anything else (`fig, ax = plt.subplots()`,
`line, = plt.plot(x)`, `plt.rcParams[...] = ...`, `import matplotlib.colors`, a helper given
`plt`) and the worker imports the real library: slow, but right. Code that could reach the
modules without naming them (exec, globals(), sys.modules...) gets the real library too.

The stand-in checks each call's arguments at run time and falls back to the real library for
any it cannot vouch for; this reading is what makes its return values safe to ignore.
"""

import ast
import functools

from autograder.grading.parsing import walked
from autograder.sandbox.plot_standin import COLORMAPS, PLOT_FAMILY, SERVED, SUBMODULES

NO_PLOTS = "none"
"""The code never mentions matplotlib: nothing to stand in for."""
STAND_IN = "stand-in"
"""Every use is a served call whose value is thrown away: the stand-in serves it."""
REAL = "real"
"""The code uses matplotlib in a way only the real library serves."""

_DYNAMIC_NAMES = frozenset({"exec", "eval", "compile", "globals", "locals", "vars",
                            "__import__", "__builtins__", "breakpoint"})
"""Builtins through which code reaches names or modules without writing them."""
_DYNAMIC_ATTRIBUTES = frozenset({"modules", "__dict__", "__globals__", "__builtins__",
                                 "__import__", "_getframe", "f_globals", "f_locals"})
_DYNAMIC_MODULES = frozenset({"importlib", "builtins", "gc", "inspect", "runpy", "pkgutil",
                              "submission"})


def plot_mode(sources) -> str:
    """NO_PLOTS, STAND_IN or REAL for a submission whose code is `sources` (each a cell, or
    the whole .py, as the worker runs it)."""
    sources = list(sources)
    if not any(family in source for source in sources for family in PLOT_FAMILY):
        return NO_PLOTS
    cells = []
    for source in sources:
        try:
            cells.append(_cell_facts(source))
        except (SyntaxError, ValueError):
            continue  # not run: a .py must parse, and a notebook leaves such a cell out
    return STAND_IN if _only_served_uses(cells) else REAL


class _CellFacts:
    """What the gate needs of one cell, read once per distinct cell text (a class shares its
    provided cells): its imports, whether it reaches names dynamically, every name it binds
    or deletes, and where it reads each name."""

    def __init__(self, nodes):
        self.nodes = nodes
        self.imports = [node for node in nodes if isinstance(node, (ast.Import, ast.ImportFrom))]
        self.dynamic = any(_is_dynamic(node) for node in nodes)
        self.binds = frozenset(name for node in nodes for name in _bound_names(node))
        self.reads = {}
        """Name -> the ast.Name nodes that mention it (any context), in walk order."""
        for node in nodes:
            if isinstance(node, ast.Name):
                self.reads.setdefault(node.id, []).append(node)
        self._parents = None

    @property
    def parents(self) -> dict:
        """Child node -> its parent, made only for the cells that use the bound names."""
        if self._parents is None:
            self._parents = {child: node for node in self.nodes
                             for child in ast.iter_child_nodes(node)}
        return self._parents


@functools.lru_cache(maxsize=512)
def _cell_facts(source: str) -> _CellFacts:
    return _CellFacts(walked(source))


def _only_served_uses(cells) -> bool:
    """cells: each cell's _CellFacts."""
    bound = {}
    """Name -> what the submission's imports bind it to ("matplotlib.pyplot", ...)."""
    for cell in cells:
        if cell.dynamic:
            return False
        for node in cell.imports:
            if not _binds_plots(node, bound):
                return False
    if not bound:
        return True
    for cell in cells:
        if cell.binds & bound.keys():
            return False
        uses = [node for name in bound for node in cell.reads.get(name, ())]
        if uses and not all(_served_use(node, bound, cell.parents) for node in uses):
            return False
    return True


def _binds_plots(node, bound) -> bool:
    """Record what an import binds of matplotlib; False when it imports a part of it the
    stand-in does not have, or binds one name to two things."""
    if isinstance(node, ast.Import):
        pairs = []
        for alias in node.names:
            if alias.name.partition(".")[0] in _DYNAMIC_MODULES:
                return False
            if alias.name.partition(".")[0] not in PLOT_FAMILY:
                continue
            if alias.name not in SERVED:
                return False
            top = alias.name.partition(".")[0]
            pairs.append((alias.asname, alias.name) if alias.asname else (top, top))
    else:
        module = node.module or ""
        if node.level or module.partition(".")[0] not in PLOT_FAMILY:
            return module.partition(".")[0] not in _DYNAMIC_MODULES or bool(node.level)
        if module not in SERVED:
            return False
        pairs = []
        for alias in node.names:
            if _resolve(f"{module}.{alias.name}") is None:
                return False  # a star, or a name the stand-in does not serve
            pairs.append((alias.asname or alias.name, f"{module}.{alias.name}"))
    for name, target in pairs:
        if bound.setdefault(name, target) != target:
            return False
    return True


def _resolve(path: str):
    """("module", name), ("call", path), ("colormap", path), or None: what a dotted path
    through the stand-in reaches."""
    parts = path.split(".")
    if parts[0] != "matplotlib":
        return None
    module = "matplotlib"
    for position, part in enumerate(parts[1:], start=1):
        last = position == len(parts) - 1
        if part in SUBMODULES.get(module, {}):
            module = SUBMODULES[module][part]
        elif part in SERVED[module] and last:
            return "call", f"{module}.{part}"
        elif module == "matplotlib.cm" and part in COLORMAPS and last:
            return "colormap", f"{module}.{part}"
        else:
            return None
    return "module", module


def _served_use(name: ast.Name, bound, parents) -> bool:
    """Whether this reading of a bound name is a served call thrown away, or a colormap given
    to one."""
    chain, path = name, bound[name.id]
    while isinstance(parents.get(chain), ast.Attribute) and parents[chain].value is chain:
        chain = parents[chain]
        path += "." + chain.attr
    if not isinstance(name.ctx, ast.Load) or not isinstance(chain.ctx, ast.Load):
        return False
    what = _resolve(path)
    parent = parents.get(chain)
    if what is None:
        return False
    if what[0] == "call":
        return (isinstance(parent, ast.Call) and parent.func is chain
                and isinstance(parents.get(parent), ast.Expr))
    if what[0] == "colormap":
        argument_of = parents.get(parent) if isinstance(parent, ast.keyword) else parent
        return (isinstance(argument_of, ast.Call) and argument_of.func is not chain
                and (chain in argument_of.args or isinstance(parent, ast.keyword))
                and _is_served_call(argument_of, bound, parents))
    return False


def _is_served_call(call: ast.Call, bound, parents) -> bool:
    """Whether `call` is itself a served call whose value is thrown away."""
    chain, attributes = call.func, []
    while isinstance(chain, ast.Attribute):
        attributes.insert(0, chain.attr)
        chain = chain.value
    if not (isinstance(chain, ast.Name) and chain.id in bound):
        return False
    what = _resolve(".".join([bound[chain.id], *attributes]))
    return what is not None and what[0] == "call" and isinstance(parents.get(call), ast.Expr)


def _bound_names(node) -> list:
    """The names `node` binds or deletes: if one of them is a name the imports bound to
    matplotlib, a reading of that name may not be the module."""
    if isinstance(node, ast.Name):
        return [] if isinstance(node.ctx, ast.Load) else [node.id]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)):
        return [node.name] if node.name else []
    if isinstance(node, ast.MatchMapping):
        return [node.rest] if node.rest else []
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        module = getattr(node, "module", None)
        return [alias.asname or alias.name.partition(".")[0] for alias in node.names
                if (module or alias.name).partition(".")[0] not in PLOT_FAMILY]
    return []


def _is_dynamic(node) -> bool:
    """Whether `node` is a way to reach a module or a name without writing it."""
    if isinstance(node, ast.Name):
        return node.id in _DYNAMIC_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in _DYNAMIC_ATTRIBUTES
    return False
