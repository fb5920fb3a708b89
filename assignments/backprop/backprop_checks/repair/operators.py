"""The edit operators of the repair search: for one function, every small change worth trying.

Each operator reads the function's `ast` and proposes (kind, node, replacement, detail): a
transpose added or dropped, a chain of operators regrouped, `//` for `/`, `*` for `@`, a sign,
a scale of m, a function of the same family, a wrapper taken off, an axis or keepdims, two
arguments in each other's place, a name for another of the same role, an update in place
undone, a name numpy has, a term dropped or the loss's missing one added, the labels of the
loss exchanged, an activation's slope written another way, `=` for `+=` in a loop. They are
written from how students' code goes wrong, never from the reference; edits.py turns the
proposals into Edits, search.py decides by running them.

Standard library only (numpy is looked up lazily): this folder ships to students.
"""

import ast
import copy
import difflib
import re


def propose_all(function, exercise: str, m_parameter) -> list:
    """Every (kind, node, replacement, detail) the operators propose for `function` (an
    edits.FunctionSource); m_parameter: the parameter whose shape[1] is m, or None."""
    scope = _Scope(function, m_parameter)
    proposals = _operators(function, scope, exercise)

    def propose(kind, node, replacement, **detail):
        proposals.append((kind, node, replacement, detail))

    _derivative_edits(function, scope, propose)
    _complement_edits(function, scope, exercise, propose)
    _label_swap_edits(function, scope, exercise, propose)
    _accumulate_edits(function, propose)
    return proposals


class _Scope:
    """What the operators need to know about one function: its names and its numpy."""

    def __init__(self, function, m_parameter: int):
        node = function.node
        self.parameters = [arg.arg for arg in node.args.args]
        self.locals = []
        self.scalars = set()
        for child in ast.walk(node):
            targets = []
            if isinstance(child, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
            elif isinstance(child, (ast.For, ast.comprehension)):
                targets = [child.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id not in self.locals:
                        self.locals.append(name.id)
            if isinstance(child, ast.Assign) and _scalar_like(child.value, self.scalars):
                self.scalars.update(t.id for t in child.targets if isinstance(t, ast.Name))
        self.names = self.parameters + [n for n in self.locals if n not in self.parameters]
        aliases = [child.value.id for child in ast.walk(node)
                   if isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name)
                   and child.value.id in ("np", "numpy")]
        self.numpy = aliases[0] if aliases else "np"
        self.m = None
        """An expression for m (the number of examples), in this function's own names."""
        for name in ("m", "n_examples", "num_examples", "M"):
            if name in self.scalars:
                self.m = ast.Name(name, ast.Load())
                break
        if self.m is None and m_parameter is not None and m_parameter < len(self.parameters):
            self.m = ast.parse(f"{self.parameters[m_parameter]}.shape[1]", mode="eval").body

    def np(self, attribute: str) -> ast.expr:
        return ast.Attribute(ast.Name(self.numpy, ast.Load()), attribute, ast.Load())


def _scalar_like(node, scalars) -> bool:
    """A number, a size read from a shape, len(), or arithmetic of those: a scale, not data."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.Name):
        return node.id in scalars
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Attribute) and node.value.attr == "shape"
    if isinstance(node, ast.Call):
        name = _call_name(node)
        return name in ("len", "float", "int") and all(_scalar_like(a, scalars) or
                                                       name == "len" for a in node.args)
    if isinstance(node, ast.BinOp):
        return _scalar_like(node.left, scalars) and _scalar_like(node.right, scalars)
    if isinstance(node, ast.UnaryOp):
        return _scalar_like(node.operand, scalars)
    return False


def _call_name(node: ast.Call) -> str:
    """'dot' for np.dot(...) and a.dot(...), 'sigmoid' for sigmoid(...)."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _np_call(scope, name, *args, **keywords):
    return ast.Call(scope.np(name), list(args),
                    [ast.keyword(key, value) for key, value in keywords.items()])


def _const(value):
    return ast.Constant(value)


def _binop(left, op, right):
    return ast.BinOp(left, op, right)




def _name_key(name: str):
    """('a', '1') for A1, a1, A_1; ('dz', '2') for dZ2: a name's stem and its layer."""
    lowered = name.lower().replace("_", "")
    match = re.fullmatch(r"([a-z]+?)(\d*)", lowered)
    return (match.group(1), match.group(2)) if match else (lowered, "")


_CONFUSED_STEMS = ({"a", "z"}, {"dz", "db"}, {"dz", "da"}, {"a", "y"}, {"x", "a"},
                   {"x", "aprev"}, {"w", "b"})


def _confusable(first: str, second: str) -> bool:
    """Names a student mixes up: A1 and A2, A1 and Z1, A2 and Y, X and A1, dZ2 and db2..."""
    if first == second:
        return False
    (stem1, layer1), (stem2, layer2) = _name_key(first), _name_key(second)
    if stem1 == stem2:
        return layer1 != layer2
    if {stem1, stem2} in _CONFUSED_STEMS:
        return layer1 == layer2 or not layer1 or not layer2
    return False


def _derivative_of(node, scope):
    """The name a hand-written activation slope is taken of, if `node` is one: 1 - v**2,
    1 - np.power(v, 2), 1 - np.tanh(v)**2, v * (1 - v), (v > 0) and its casts."""
    text = ast.unparse(node)
    name = r"([A-Za-z_][A-Za-z_0-9]*(?:\[['\"]\w+['\"]\])?)"
    numpy = re.escape(scope.numpy)
    patterns = (rf"1 - {name} \*\* 2", rf"1 - {numpy}\.power\({name}, 2\)",
                rf"1 - {name} \* {name}", rf"1 - {numpy}\.square\({name}\)",
                rf"1 - {numpy}\.tanh\({name}\) \*\* 2", rf"{name} \* \(1 - {name}\)",
                rf"\(?{name} > 0\)?(?:\.astype\(.*\))?", rf"{numpy}\.int\d*\({name} > 0\)",
                rf"{numpy}\.where\({name} > 0, 1, 0\)", rf"1 - {name} \*\* 2\.0",
                rf"\(1 - {name}\) \*\* 2", rf"1 - {numpy}\.tanh\({name}\)")
    for pattern in patterns:
        if re.fullmatch(pattern, text):
            return True
    return False


def _operators(function, scope: _Scope, exercise: str):
    """Every (kind, node, replacement, detail) the operators propose for `function`."""
    proposals = []

    def propose(kind, node, replacement, **detail):
        proposals.append((kind, node, replacement, detail))

    parents = {}
    for parent in ast.walk(function.node):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    array_names = [n for n in scope.names if n not in scope.scalars
                   and n not in ("parameters", "cache", "grads", "params")]
    body_nodes = [n for n in ast.walk(function.node) if n is not function.node]
    for node in body_nodes:
        parent = parents.get(node)
        if isinstance(node, ast.BinOp):
            _binop_edits(node, parent, scope, propose)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            propose("sign", node, node.operand)
        elif isinstance(node, ast.Call):
            _call_edits(node, scope, propose)
        elif isinstance(node, ast.Attribute) and node.attr == "T" \
                and isinstance(node.ctx, ast.Load):
            propose("transpose-remove", node, node.value)
        elif isinstance(node, ast.Subscript):
            _subscript_edits(node, _assigned_name(node, parent, parents), scope, propose)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            _name_edits(node, parent, scope, array_names, propose)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            target = ast.Name(node.target.id, ast.Load())
            propose("in-place", node, ast.Assign([ast.Name(node.target.id, ast.Store())],
                                                 _binop(target, node.op, node.value),
                                                 lineno=node.lineno),
                    target=node.target.id)
        if isinstance(node, (ast.Assign, ast.Return)) and node.value is not None \
                and not isinstance(node.value, (ast.Dict, ast.Tuple, ast.Constant)):
            _statement_edits(node, scope, exercise, propose)
        if (isinstance(parent, (ast.BinOp, ast.Call)) and _is_operand_of_product(node, parent)
                and isinstance(node, (ast.Name, ast.Subscript, ast.Call))
                and not _scalar_like(node, scope.scalars)):
            propose("transpose-add", node, ast.Attribute(node, "T", ast.Load()))
    return proposals


def _is_operand_of_product(node, parent) -> bool:
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.MatMult, ast.Mult)):
        return True
    return (isinstance(parent, ast.Call) and _call_name(parent) in ("dot", "matmul", "multiply")
            and node in parent.args)


def _binop_edits(node, parent, scope, propose):
    op = type(node.op)
    if op is ast.FloorDiv:
        propose("floor-division", node, _binop(node.left, ast.Div(), node.right))
    if op is ast.Mult and not (_scalar_like(node.left, scope.scalars)
                               or _scalar_like(node.right, scope.scalars)):
        propose("product-kind", node, _binop(node.left, ast.MatMult(), node.right),
                to="matrix")
    if op is ast.MatMult:
        propose("product-kind", node, _binop(node.left, ast.Mult(), node.right), to="entry")
    if op in (ast.Add, ast.Sub):
        other = ast.Sub() if op is ast.Add else ast.Add()
        propose("sign", node, _binop(node.left, other, node.right))
        if op is ast.Sub and isinstance(node.right, ast.Constant) and node.right.value == 1 \
                and _scalar_like(node.left, scope.scalars):
            propose("scale", node, node.left, minus_one=True)  # m - 1 -> m
            return
        for kept, dropped in ((node.left, node.right), (node.right, node.left)):
            if kept is node.right and op is ast.Sub:
                continue
            kind = "epsilon" if _small_constant(dropped, scope) else "extra-term"
            propose(kind, node, kept, dropped=ast.unparse(dropped))
    if op in (ast.Div, ast.Mult):
        for kept, dropped in ((node.left, node.right), (node.right, node.left)):
            if op is ast.Div and kept is node.right:
                continue
            if _scalar_like(dropped, scope.scalars) or _is_inverse(dropped, scope):
                propose("scale", node, kept, dropped=ast.unparse(dropped),
                        operator="/" if op is ast.Div else "*")
    if op is ast.Pow and isinstance(node.left, ast.BinOp):
        # (1 - A1) ** 2 -> 1 - A1 ** 2
        inner = node.left
        propose("precedence", node, _binop(inner.left, inner.op,
                                           _binop(inner.right, ast.Pow(), node.right)),
                first=_op_text(inner.op), second="**")
    for side in ("left", "right"):
        child = getattr(node, side)
        if not isinstance(child, ast.BinOp) or type(child.op) is ast.Pow:
            continue
        if side == "left":  # (a o1 b) o2 c -> a o1 (b o2 c)
            regrouped = _binop(child.left, child.op, _binop(child.right, node.op, node.right))
        else:  # a o1 (b o2 c) -> (a o1 b) o2 c
            regrouped = _binop(_binop(node.left, node.op, child.left), child.op, child.right)
        if ast.unparse(regrouped) != ast.unparse(node):
            propose("precedence", node, regrouped, first=_op_text(node.op),
                    second=_op_text(child.op))


def _op_text(op) -> str:
    return {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/",
            ast.FloorDiv: "//", ast.Pow: "**", ast.Mod: "%"}.get(type(op), "?")


def _small_constant(node, scope) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, float):
        return 0 < abs(node.value) < 0.5
    return isinstance(node, ast.Name) and node.id.lower() in ("eps", "epsilon", "e", "delta")


def _is_inverse(node, scope) -> bool:
    """1 / m, 1. / m, (1 / m): a scale written as a factor."""
    return (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)
            and isinstance(node.left, ast.Constant) and _scalar_like(node.right, scope.scalars))


_FAMILIES = {
    "log2": ("log",), "log10": ("log",), "log": ("log2", "log10", "log1p"), "log1p": ("log",),
    "sum": ("mean",), "mean": ("sum",), "nansum": ("sum",), "average": ("sum",),
    "tanh": ("sigmoid",), "sigmoid": ("tanh",), "relu": ("tanh",), "exp": ("log",),
    "dot": ("multiply",), "matmul": ("multiply",), "multiply": ("dot",),
    "square": ("sqrt",), "abs": (),
}
_WRAPPERS = ("round", "around", "int", "float32", "float16", "int32", "int64", "squeeze",
             "floor", "ceil", "trunc", "rint", "fix", "abs", "absolute")


def _call_edits(node, scope, propose):
    name = _call_name(node)
    func = node.func
    method = isinstance(func, ast.Attribute) and not (isinstance(func.value, ast.Name)
                                                      and func.value.id == scope.numpy)
    # a name numpy does not have, or a bare numpy name
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
            and func.value.id == scope.numpy:
        numpy = _numpy()
        if numpy is not None and not hasattr(numpy, name):
            for close in difflib.get_close_matches(name, _public_numpy_names(), n=2, cutoff=0.7):
                propose("name-fix", node.func, scope.np(close), wrong=name)
    if isinstance(func, ast.Name) and name not in scope.names:
        numpy = _numpy()
        if numpy is not None and hasattr(numpy, name) and name not in ("round", "abs", "sum",
                                                                        "max", "min"):
            propose("name-fix", node.func, scope.np(name), wrong=name)
    # a function of the same family
    for other in _FAMILIES.get(name, ()):
        if other in ("sigmoid",):
            replacement = ast.Call(ast.Name("sigmoid", ast.Load()), node.args, node.keywords)
        elif other == "relu":
            continue
        elif name == "relu" or (name == "sigmoid" and not method):
            replacement = _np_call(scope, other, *node.args)
        elif method:
            replacement = ast.Call(ast.Attribute(func.value, other, ast.Load()), node.args,
                                   node.keywords)
        elif other == "multiply" and len(node.args) == 2:
            replacement = _np_call(scope, "multiply", *node.args)
        else:
            replacement = ast.Call(scope.np(other), node.args, node.keywords)
        propose("family", node, replacement, wrong=name, right=other)
    if name in ("dot", "matmul") and len(node.args) == 2 and not method:
        propose("product-kind", node, _binop(node.args[0], ast.Mult(), node.args[1]), to="entry")
    if name == "maximum" and len(node.args) == 2:
        propose("family", node, _np_call(scope, "tanh", node.args[1]), wrong="relu",
                right="tanh")
    # a wrapper that rounds, casts or squeezes
    if name in _WRAPPERS and node.args and not method:
        propose("wrapper", node, node.args[0], wrapper=name)
    if method and name in ("round", "squeeze", "astype", "flatten", "ravel") \
            and not (name == "astype" and _is_float64(node)):
        propose("wrapper", node, func.value, wrapper=name)
    if method and name == "reshape":
        propose("wrapper", node, func.value, wrapper="reshape")
    # an axis, keepdims
    keywords = {keyword.arg: keyword for keyword in node.keywords}
    if name in ("sum", "mean", "average", "max", "squeeze", "concatenate"):
        axis = keywords.get("axis")
        current = ast.unparse(axis.value) if axis else None
        for value in ("0", "1", "None", "-1"):
            if value == current or (value == "None" and axis is None):
                continue
            others = [k for k in node.keywords if k.arg != "axis"]
            new_keywords = others + ([] if value == "None" else
                                     [ast.keyword("axis", ast.parse(value, mode="eval").body)])
            propose("axis", node, ast.Call(func, node.args, new_keywords), axis=value,
                    was=current)
        if name in ("sum", "mean"):
            if "keepdims" in keywords:
                others = [k for k in node.keywords if k.arg != "keepdims"]
                propose("keepdims", node, ast.Call(func, node.args, others), add=False)
            else:
                propose("keepdims", node, ast.Call(func, node.args, node.keywords +
                                                   [ast.keyword("keepdims", _const(True))]),
                        add=True)
                if axis is None:
                    propose("axis", node, ast.Call(func, node.args, node.keywords +
                                                   [ast.keyword("axis", _const(1)),
                                                    ast.keyword("keepdims", _const(True))]),
                            axis="1", was=None)
    # arguments in another order
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    if len(positional) == len(node.args) and 2 <= len(positional) <= 5 and (
            isinstance(func, ast.Name) or name in ("reshape", "dot", "matmul")):
        for i in range(len(positional)):
            for j in range(i + 1, len(positional)):
                swapped = list(positional)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                if ast.unparse(swapped[i]) == ast.unparse(swapped[j]):
                    continue
                propose("argument-order", node, ast.Call(func, swapped, node.keywords),
                        callee=name, first=ast.unparse(positional[i]),
                        second=ast.unparse(positional[j]))


def _is_float64(node) -> bool:
    return bool(node.args) and ast.unparse(node.args[0]) in ("float", "np.float64",
                                                             "numpy.float64", "'float64'")


def _assigned_name(node, parent, parents):
    """The name `node` is assigned to (Z1 in `Z1 = cache["Z1"]` and in
    `Z1, A1 = cache["Z1"], cache["A1"]`), or None."""
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 \
            and isinstance(parent.targets[0], ast.Name):
        return parent.targets[0].id
    holder = parents.get(parent)
    if isinstance(parent, ast.Tuple) and isinstance(holder, ast.Assign) \
            and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Tuple) \
            and len(holder.targets[0].elts) == len(parent.elts):
        target = holder.targets[0].elts[parent.elts.index(node)]
        return target.id if isinstance(target, ast.Name) else None
    return None


def _subscript_edits(node, assigned, scope, propose):
    value, index = node.value, node.slice
    if isinstance(value, ast.Attribute) and value.attr == "shape" \
            and isinstance(index, ast.Constant) and index.value in (0, 1, -1):
        for other in (0, 1):
            if other != index.value and not (index.value == -1 and other == 1):
                propose("shape-axis", node, ast.Subscript(value, _const(other), ast.Load()),
                        was=index.value, axis=other)
    # Z1 = cache["Z1"] names its array truly: making Z1 hold A1 would explain a mistake
    # elsewhere by a lie about names, so a key is changed only where no name says it is right.
    named = (assigned is not None and isinstance(index, ast.Constant)
             and isinstance(index.value, str) and _name_key(assigned) == _name_key(index.value))
    if isinstance(index, ast.Constant) and isinstance(index.value, str) and not named:
        for other in ("W1", "b1", "W2", "b2", "Z1", "A1", "Z2", "A2", "dW1", "db1", "dW2", "db2"):
            if _confusable(index.value, other) and other != index.value:
                propose("name-swap", node, ast.Subscript(value, _const(other), ast.Load()),
                        wrong=index.value, right=other)


def _name_edits(node, parent, scope, array_names, propose):
    if node.id not in array_names:
        return
    in_call = isinstance(parent, ast.Call) and node in parent.args
    for other in array_names:
        if not _confusable(node.id, other):
            continue
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Sub, ast.Div)) and \
                other in (ast.unparse(parent.left), ast.unparse(parent.right)):
            continue  # Y - Y: a part cancelled out explains nothing
        propose("name-swap", node, ast.Name(other, ast.Load()), wrong=node.id, right=other,
                in_call=in_call)


def _statement_edits(node, scope, exercise, propose):
    """Edits of a whole right-hand side: a scale of m, a sign, a missing factor or term."""
    value = node.value
    if scope.m is not None and not _scalar_like(value, scope.scalars):
        propose("scale", value, _binop(value, ast.Div(), scope.m), added="/ m")
        propose("scale", value, _binop(value, ast.Mult(), scope.m), added="* m")
    if not isinstance(value, ast.UnaryOp) and not _scalar_like(value, scope.scalars):
        propose("sign", value, ast.UnaryOp(ast.USub(), value))
    text = ast.unparse(value)
    target = ""
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        target = node.targets[0].id.lower()
    names = scope.names
    a1 = [n for n in names if _name_key(n) == ("a", "1")]
    a2 = [n for n in names if _name_key(n) == ("a", "2")]
    y = [n for n in names if _name_key(n)[0] == "y"]
    if (exercise == "compute_dZ1" or "dz1" in target) and a1:
        propose("derivative", value, _binop(value, ast.Mult(),
                                            ast.parse(f"(1 - {a1[0]} ** 2)", mode="eval").body),
                missing="tanh")
    if (exercise == "compute_dZ2" or "dz2" in target) and a2 and "log" not in text:
        factor = ast.parse(f"{a2[0]} * (1 - {a2[0]})", mode="eval").body
        propose("derivative", value, _binop(value, ast.Mult(), factor), missing="sigmoid")
    if exercise == "compute_cost" and a2 and y and "log" in text and "1 -" not in text:
        term = ast.parse(f"(1 - {y[0]}) * {scope.numpy}.log(1 - {a2[0]})", mode="eval").body
        for child in ast.walk(value):
            if isinstance(child, (ast.BinOp, ast.Call)) and "log" in ast.unparse(child) and \
                    y[0] in ast.unparse(child) and not (isinstance(child, ast.Call)
                                                    and _call_name(child) == "log"):
                propose("missing-term", child, _binop(child, ast.Add(), term))
                break


def _derivative_edits(function, scope, propose):
    """A slope of the wrong activation, or the right one taken of the wrong array."""
    names = [n for n in scope.names if _name_key(n)[1] in ("1", "")
             and _name_key(n)[0] in ("a", "z")]
    for node in ast.walk(function.node):
        if not isinstance(node, (ast.BinOp, ast.Compare, ast.Call)):
            continue
        if not _derivative_of(node, scope):
            continue
        for name in names:
            for form, kind in ((f"(1 - {name} ** 2)", "A"),
                               (f"(1 - {scope.numpy}.tanh({name}) ** 2)", "Z")):
                replacement = ast.parse(form, mode="eval").body
                if ast.unparse(replacement) != ast.unparse(node):
                    propose("derivative", node, replacement, of=name, form=kind)


def _complement_edits(function, scope, exercise, propose):
    """The loss's terms: Y for 1 - Y, log A2 for log(1 - A2), and back."""
    if exercise != "compute_cost":
        return
    for node in ast.walk(function.node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) \
                and isinstance(node.left, ast.Constant) and node.left.value == 1 \
                and isinstance(node.right, (ast.Name, ast.Subscript)):
            propose("log-term", node, node.right, was=ast.unparse(node))
        elif isinstance(node, (ast.Name, ast.Subscript)) and isinstance(node.ctx, ast.Load) \
                and _name_key(ast.unparse(node).split("[")[0])[0] in ("a", "y") \
                and node.__class__ is not ast.Attribute:
            propose("log-term", node, _binop(_const(1), ast.Sub(), node),
                    was=ast.unparse(node))


def _label_swap_edits(function, scope, exercise, propose):
    """Y and 1 - Y exchanged throughout one statement of the cost: the two terms of the loss
    with their labels the other way round, one mistake that no single change of one label
    undoes."""
    if exercise != "compute_cost":
        return
    labels = [n for n in scope.names if _name_key(n)[0] == "y"]
    if not labels:
        return
    label = labels[0]

    class Swap(ast.NodeTransformer):
        def visit_BinOp(self, node):
            if isinstance(node.op, ast.Sub) and isinstance(node.left, ast.Constant) \
                    and node.left.value == 1 and ast.unparse(node.right) == label:
                return ast.Name(label, ast.Load())
            return self.generic_visit(node)

        def visit_Name(self, node):
            if node.id == label and isinstance(node.ctx, ast.Load):
                return _binop(_const(1), ast.Sub(), ast.Name(label, ast.Load()))
            return node

    for node in ast.walk(function.node):
        if isinstance(node, (ast.Assign, ast.Return)) and node.value is not None:
            text = ast.unparse(node.value)
            if "log" in text and f"1 - {label}" in text:
                propose("log-term", node.value, Swap().visit(copy.deepcopy(node.value)),
                        swapped=True)


def _accumulate_edits(function, propose):
    """`x = ...` inside a loop, where x was set before the loop: a sum over the passes that
    keeps only the last one (`+=` meant)."""
    assigned_before = set()
    for statement in function.node.body:
        if isinstance(statement, (ast.For, ast.While)):
            for node in ast.walk(statement):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                        and isinstance(node.targets[0], ast.Name) \
                        and node.targets[0].id in assigned_before \
                        and node.targets[0].id not in {n.id for n in ast.walk(node.value)
                                                       if isinstance(n, ast.Name)}:
                    target = node.targets[0].id
                    propose("accumulate", node,
                            ast.AugAssign(ast.Name(target, ast.Store()), ast.Add(), node.value,
                                          lineno=node.lineno), target=target)
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                assigned_before.add(node.id)


_NUMPY_NAMES = []


def _numpy():
    try:
        import numpy
    except ImportError:  # the judge runs where numpy is; without it no name can be fixed
        return None
    return numpy


def _public_numpy_names() -> list:
    if not _NUMPY_NAMES:
        numpy = _numpy()
        if numpy is not None:
            _NUMPY_NAMES.extend(name for name in dir(numpy) if not name.startswith("_"))
    return _NUMPY_NAMES
