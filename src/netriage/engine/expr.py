"""Conditions and placeholders in the trees: a small, safe subset of Python expressions.

Tree authors write `failover.lan_state == "down"` or
`any(i.status == "Failed" for i in failover.this.interfaces)`. Only literals, names,
attribute reads, subscripts, comparisons, boolean logic, a few builtins and comprehensions
are allowed; no dunder access, no calls except the listed builtins and methods of str.

Unknowns propagate: a fact that is missing (command not captured, output unparsed, field
not printed) raises `Unknown` when read, and the condition is unknown — it is never read as
False.

A fact read from a *partial* output (some lines not understood) is used for what it holds;
its lists may miss rows, and a conclusion that no row qualifies is Unknown
(`netriage.engine.partial`).
"""

from __future__ import annotations

import ast
import dataclasses
import marshal
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from netriage.engine.partial import (
    Partial,
    PartialList,
    PartialUnknown,
    Unknown,
    as_read,
    partial_all,
    partial_any,
    partial_len,
    partial_unknown,
    scoped,
)

__all__ = ["ExprError", "Namespace", "PartialUnknown", "Unknown", "evaluate",
           "evaluate_as_read", "render"]


class ExprError(ValueError):
    """The expression is not allowed or not valid."""


_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.Compare,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
    ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod, ast.Name, ast.Load, ast.Store,
    ast.Attribute, ast.Subscript, ast.Slice, ast.Constant, ast.List, ast.Tuple, ast.Set,
    ast.Dict, ast.Call, ast.keyword, ast.IfExp, ast.GeneratorExp, ast.ListComp, ast.SetComp,
    ast.comprehension, ast.JoinedStr, ast.FormattedValue,
)


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def _join(items: Any, sep: str = ", ") -> str:
    return sep.join(str(unwrap(i)) for i in items)


def _first(items: Any, count: int) -> list[Any]:
    """The first `count` items: a finding over thousands of SAs renders the first ones."""
    return list(items)[:count]


def _join_first(items: Any, count: int = 8, sep: str = ", ") -> str:
    """`join` of the first `count` items, then "and N more": titles stay readable."""
    items = list(items)
    text = _join(items[:count], sep)
    return f"{text} and {len(items) - count} more" if len(items) > count else text


BUILTINS: dict[str, Any] = {
    "join": _join, "first": _first, "join_first": _join_first,
    "any": partial_any, "all": partial_all, "len": partial_len,
    "min": min, "max": max, "sum": sum, "sorted": sorted,
    "int": int, "str": str, "set": set, "list": list, "bool": bool, "matches": _matches,
    "True": True, "False": False, "None": None,
}


# Every expression of the trees, compiled when the trees were built and cached with them
# (`engine.exprcache`): source → (the code, marshalled; `names_in`; `fields_in`).
PRECOMPILED: dict[str, tuple[bytes, frozenset[str], frozenset[tuple[str, str]]]] = {}


@cache
def compile_expr(source: str) -> Any:
    known = PRECOMPILED.get(source)
    if known is not None:
        return marshal.loads(known[0])  # noqa: S302 - compiled by this function (exprcache)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"not a valid expression: {source!r} ({exc.msg})") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ExprError(f"{type(node).__name__} is not allowed in {source!r}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise ExprError(f"private attribute {node.attr!r} in {source!r}")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise ExprError(f"private name {node.id!r} in {source!r}")
    return compile(tree, "<tree expression>", "eval")


@cache
def names_in(source: str) -> frozenset[str]:
    """Top-level names an expression reads (for lint: every one must be a known fact)."""
    known = PRECOMPILED.get(source)
    if known is not None:
        return known[1]
    tree = ast.parse(source.strip(), mode="eval")
    bound = {n.id for c in ast.walk(tree) if isinstance(c, ast.comprehension)
             for n in ast.walk(c.target) if isinstance(n, ast.Name)}
    return frozenset({n.id for n in ast.walk(tree)
                      if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
                     - bound - set(BUILTINS))


@cache
def fields_in(source: str) -> frozenset[tuple[str, str]]:
    """(name, field) pairs an expression reads directly (`failover.enabled`), for telling
    which partial outputs a check's fields were read from."""
    tree = ast.parse(source.strip(), mode="eval")
    return frozenset((n.value.id, n.attr) for n in ast.walk(tree)
                     if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name))


class FactView:
    """Read-only view of a fact object: None fields raise Unknown instead of comparing False."""

    __slots__ = ("_commands", "_partial", "_path", "_value")

    def __init__(self, value: Any, path: str, commands: tuple[str, ...],
                 partial: Partial = ()) -> None:
        self._value = value
        self._path = path
        self._commands = commands
        self._partial = partial  # the fact was read from these partial outputs

    def __getattr__(self, name: str) -> Any:
        try:
            attr = getattr(self._value, name)
        except AttributeError:
            raise ExprError(f"{self._path} has no field {name!r}") from None
        return wrap(attr, f"{self._path}.{name}", self._commands,
                    scoped(self._value, name, self._partial))

    def __eq__(self, other: object) -> bool:
        return self._value == (other._value if isinstance(other, FactView) else other)

    def __hash__(self) -> int:
        return hash(id(self._value))

    def __repr__(self) -> str:
        return f"FactView({self._path})"

    @property
    def raw(self) -> Any:
        return self._value


def wrap(value: Any, path: str, commands: tuple[str, ...], partial: Partial = ()) -> Any:
    if value is None:
        if partial:  # most likely printed on a line that was not understood
            raise partial_unknown(partial, f"{path} was not read")
        raise Unknown(f"{path} is not known", commands)
    if isinstance(value, Unknown):
        raise value
    if dataclasses.is_dataclass(value):
        return FactView(value, path, commands, partial)
    if isinstance(value, list | tuple):
        items = [wrap(v, f"{path}[{i}]", commands, partial) for i, v in enumerate(value)]
        return PartialList(items, partial) if partial else items
    if partial and isinstance(value, dict):  # e.g. history events by kind: lists inside
        return {k: wrap(v, f"{path}[{k!r}]", commands, partial) for k, v in value.items()}
    return value


class Namespace:
    """Names an expression can read: facts (resolved on demand, wrapped) and bound variables."""

    def __init__(self, resolve: Callable[[str], tuple[Any, tuple[str, ...]]],
                 variables: Mapping[str, Any] | None = None,
                 partial: Callable[[str], Partial] | None = None) -> None:
        self._resolve = resolve  # name -> (value, commands); raises Unknown or KeyError
        self.variables = dict(variables or {})
        self._partial = partial  # name -> partial outputs the fact was read from

    def lookup(self, name: str) -> Any:
        if name in self.variables:
            return self.variables[name]
        try:
            value, commands = self._resolve(name)
        except KeyError:
            raise ExprError(f"unknown name {name!r}") from None
        return wrap(value, name, commands, self.partial_of(name))

    def partial_of(self, name: str, field: str = "") -> Partial:
        """The partial outputs fact `name` (or its `field`) was read from (none for variables
        and builtins)."""
        if self._partial is None or name in self.variables:
            return ()
        try:
            partial = self._partial(name)
            return scoped(self._resolve(name)[0], field, partial) if field and partial else (
                partial)
        except KeyError:
            return ()

    def with_variables(self, **variables: Any) -> Namespace:
        return Namespace(self._resolve, {**self.variables, **variables}, self._partial)


class PendingUnknown:
    """An unknown fact held in the scope until the expression really reads it.

    Like a None field (which is Unknown only when read), a whole fact that is unknown only
    makes the expression unknown if evaluation reaches it: `captured and fact.x` with nothing
    captured is False, `known_true or fact.x` is True (three-valued logic), while any read,
    test, comparison, iteration or arithmetic on it raises the Unknown.
    """

    __slots__ = ("unknown",)

    def __init__(self, unknown: Unknown) -> None:
        self.unknown = unknown

    def _raise(self, *_args: Any, **_kwargs: Any) -> Any:
        raise self.unknown

    __getattr__ = __getitem__ = __bool__ = __len__ = __iter__ = __contains__ = _raise
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = _raise
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __mod__ = _raise
    __truediv__ = __rtruediv__ = __str__ = __format__ = __call__ = __neg__ = _raise


def evaluate(source: str, namespace: Namespace) -> Any:
    """Value of an expression; raises Unknown when a fact it reads is unknown."""
    code = compile_expr(source)
    # Globals, not locals: names inside a comprehension are looked up in globals.
    scope: dict[str, Any] = {"__builtins__": {}, **BUILTINS}
    for name in names_in(source):
        try:
            scope[name] = namespace.lookup(name)
        except Unknown as unknown:
            scope[name] = PendingUnknown(unknown)  # raised only if evaluation reaches it
    try:
        return eval(code, scope)  # noqa: S307 - the AST was checked by compile_expr
    except (Unknown, ExprError):
        raise
    except (TypeError, ValueError, IndexError, KeyError, ZeroDivisionError, NameError,
            AttributeError) as exc:
        raise ExprError(f"{source!r} failed: {exc}") from None


def evaluate_as_read(source: str, namespace: Namespace) -> Any:
    """Value of an expression with lists of partial outputs taken as complete: what the
    output shows as far as it was read (for walking on, never for concluding)."""
    with as_read():
        return evaluate(source, namespace)


def unwrap(value: Any) -> Any:
    if isinstance(value, FactView):
        return value.raw
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


# `{expr}`, starting with a name, so regex quantifiers such as `\d{1,3}` are left alone.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][^{}]*)\}")


def render(template: str, namespace: Namespace) -> str:
    """Fill `{expr}` placeholders; an unknown one becomes `<name>` for the engineer to fill."""

    def fill(match: re.Match[str]) -> str:
        expr = match.group(1)
        try:
            value = unwrap(evaluate(expr, namespace))
        except Unknown:
            return "<" + re.split(r"[.\s\[]", expr.strip())[-1].strip("]") + ">"
        return str(value)

    return PLACEHOLDER.sub(fill, template)
