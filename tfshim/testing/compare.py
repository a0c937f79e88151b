"""Comparing two encoded results (see `encode`) the way TensorFlow's own tests compare values.

`compare(expected, got)` returns the first `Difference` (a path into the structure, what was expected,
what came instead) or None. The rules:

* structure, container types, dict keys, namedtuple types, `None`-ness and Python scalar types must be
  the same (a Python float where TensorFlow gave a tensor is a difference);
* dtype and shape must be equal exactly;
* floating and complex values compare like `tf.test.TestCase.assertAllCloseAccordingToType`:
  |expected - got| <= atol + rtol * |got|, NaN equal to NaN, with rtol = atol = 1e-6 by default,
  1e-3 for float16 and 1e-2 for bfloat16 (a case may loosen them);
* integers, booleans and strings must be equal;
* exceptions compare by class name and, when asked, by message with TensorFlow's
  `{{function_node ...}} ` prefix removed. Class paths quoted in messages compare by class name
  (`tensorflow.python.framework.ops.EagerTensor` and `EagerTensor` are the same class to a user;
  tfshim's classes live in its own modules by design), and `module 'tfshim'` reads as
  `module 'tensorflow'`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

_FUNCTION_NODE = re.compile(r"\{\{function_node [^}]*\}\} ?")
# `package.module.ClassName` where the package is TensorFlow's or tfshim's: only the class name counts
_CLASS_PATH = re.compile(r"\b(?:tensorflow|tfshim)(?:\.[A-Za-z_][A-Za-z0-9_]*)*\.(?=[A-Za-z_][A-Za-z0-9_]*\b)")
_MODULE_NAME = re.compile(r"module '(?:tensorflow|tfshim)'")
_DEFAULT_TOL = 1e-6
_DTYPE_TOL = {"float16": 1e-3, "half": 1e-3, "bfloat16": 1e-2}
_MAX_SHOWN = 8


@dataclass(frozen=True)
class Difference:
    """The first place where two results differ."""

    path: str
    expected: str
    got: str
    reason: str

    def __str__(self) -> str:
        return (f"at {self.path}: {self.reason}\n  expected (TensorFlow): {self.expected}\n"
                f"  got (tfshim):          {self.got}")


def tolerance(dtype: str, rtol: float | None = None, atol: float | None = None) -> tuple[float, float]:
    """TensorFlow's assertAllCloseAccordingToType tolerance for `dtype`, loosened by rtol/atol if given."""
    base = _DTYPE_TOL.get(dtype, _DEFAULT_TOL)
    return max(base, rtol or 0.0), max(base, atol or 0.0)


def core_message(message: str) -> str:
    """An error message without TensorFlow's `{{function_node __wrapped__...}} ` prefix, with class paths
    reduced to class names and the top module named alike."""
    message = _FUNCTION_NODE.sub("", message, count=1)
    message = _MODULE_NAME.sub("module 'tensorflow'", message)
    return _CLASS_PATH.sub("", message)


def compare(expected: dict, got: dict, *, rtol: float | None = None, atol: float | None = None,
            compare_message: bool = True, path: str = "result") -> Difference | None:
    """The first difference between two encoded results, or None if they match."""
    return _Comparer(rtol, atol, compare_message).node(expected, got, path)


def describe(node: Any, limit: int = 160) -> str:
    """A short human-readable text for an encoded node."""
    text = _describe(node)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- the walk --------------------------------------------------------------------------------------
class _Comparer:
    def __init__(self, rtol: float | None, atol: float | None, compare_message: bool) -> None:
        self.rtol = rtol
        self.atol = atol
        self.compare_message = compare_message

    def node(self, exp: Any, got: Any, path: str) -> Difference | None:
        if not isinstance(exp, dict) or not isinstance(got, dict):
            return None if exp == got else _diff(path, exp, got, "values differ")
        ek, gk = exp.get("kind"), got.get("kind")
        if ek != gk:
            return _diff(path, exp, got, f"a {_kind_text(ek)} was expected, got a {_kind_text(gk)}")
        handler = getattr(self, f"_{ek}", None)
        if handler is None:
            return None if exp == got else _diff(path, exp, got, f"{_kind_text(ek)}s differ")
        return handler(exp, got, path)

    # containers
    def _list(self, exp: dict, got: dict, path: str) -> Difference | None:
        return self._items(exp["items"], got["items"], path, exp, got)

    _tuple = _list
    _set = _list

    def _items(self, exp_items: list, got_items: list, path: str, exp: dict, got: dict) -> Difference | None:
        if len(exp_items) != len(got_items):
            return _diff(path, exp, got, f"length {len(exp_items)} was expected, got {len(got_items)}")
        for i, (e, g) in enumerate(zip(exp_items, got_items)):
            found = self.node(e, g, f"{path}[{i}]")
            if found:
                return found
        return None

    def _namedtuple(self, exp: dict, got: dict, path: str) -> Difference | None:
        if exp["type"] != got["type"] or [f for f, _ in exp["fields"]] != [f for f, _ in got["fields"]]:
            return _diff(path, exp, got, "namedtuple types differ")
        for (name, e), (_, g) in zip(exp["fields"], got["fields"]):
            found = self.node(e, g, f"{path}.{name}")
            if found:
                return found
        return None

    def _dict(self, exp: dict, got: dict, path: str) -> Difference | None:
        ekeys = [_key_text(k) for k, _ in exp["items"]]
        gkeys = [_key_text(k) for k, _ in got["items"]]
        if ekeys != gkeys:
            return _diff(path, exp, got, f"keys [{', '.join(ekeys)}] were expected, got [{', '.join(gkeys)}]")
        for (k, e), (_, g) in zip(exp["items"], got["items"]):
            found = self.node(e, g, f"{path}[{_key_text(k)}]")
            if found:
                return found
        return None

    # leaves
    def _float(self, exp: dict, got: dict, path: str) -> Difference | None:
        rtol, atol = tolerance("float64", self.rtol, self.atol)
        bad = _first_not_close([exp["value"]], [got["value"]], rtol, atol)
        return None if bad is None else _diff(path, exp, got, "values differ")

    def _complex(self, exp: dict, got: dict, path: str) -> Difference | None:
        rtol, atol = tolerance("complex128", self.rtol, self.atol)
        bad = _first_not_close([exp["value"]], [got["value"]], rtol, atol)
        return None if bad is None else _diff(path, exp, got, "values differ")

    def _numpy_scalar(self, exp: dict, got: dict, path: str) -> Difference | None:
        if exp["dtype"] != got["dtype"]:
            return _diff(path, exp, got, f"dtype {exp['dtype']} was expected, got {got['dtype']}")
        return self._values(exp["dtype"], [exp["value"]], [got["value"]], [], path, exp, got)

    def _tensor(self, exp: dict, got: dict, path: str) -> Difference | None:
        if exp["dtype"] != got["dtype"]:
            return _diff(path, exp, got, f"dtype {exp['dtype']} was expected, got {got['dtype']}")
        if exp["shape"] != got["shape"]:
            return _diff(path, exp, got, f"shape {_shape(exp['shape'])} was expected, got {_shape(got['shape'])}")
        return self._values(exp["dtype"], exp["values"], got["values"], exp["shape"], path, exp, got)

    _ndarray = _tensor

    def _values(self, dtype: str, ev: list, gv: list, shape: list, path: str, exp: dict,
                got: dict) -> Difference | None:
        if dtype in ("object",):
            return self._items(ev, gv, path, exp, got)
        if _is_inexact(dtype):
            rtol, atol = tolerance(dtype, self.rtol, self.atol)
            bad = _first_not_close(ev, gv, rtol, atol)
        else:
            bad = next((i for i, (e, g) in enumerate(zip(ev, gv)) if e != g), None)
        if bad is None:
            return None
        where = f"{path}{_index_text(bad, shape)}"
        return Difference(where, f"{_value_text(ev[bad])} ({dtype})", f"{_value_text(gv[bad])} ({dtype})",
                          f"values differ (first of {_count_bad(dtype, ev, gv, self)} differing elements; "
                          f"whole: expected {describe(exp)}, got {describe(got)})")

    def _variable(self, exp: dict, got: dict, path: str) -> Difference | None:
        for key in ("type", "name"):
            if exp[key] != got[key]:
                return _diff(f"{path}.{key}", exp[key], got[key], f"variable {key}s differ")
        for key in ("trainable", "shape", "value"):
            found = self.node(exp[key], got[key], f"{path}.{key}")
            if found:
                return found
        return None

    def _indexed_slices(self, exp: dict, got: dict, path: str) -> Difference | None:
        for key in ("values", "indices", "dense_shape"):
            found = self.node(exp[key], got[key], f"{path}.{key}")
            if found:
                return found
        return None

    def _error(self, exp: dict, got: dict, path: str) -> Difference | None:
        if exp["type"] != got["type"]:
            return _diff(path, exp, got, f"{exp['type']} was expected, got {got['type']}")
        em, gm = core_message(exp["message"]), core_message(got["message"])
        if self.compare_message and em != gm:
            start = next((i for i, (a, b) in enumerate(zip(em, gm)) if a != b), min(len(em), len(gm)))
            start = max(0, start - 40)
            cut = "..." if start else ""
            return Difference(path, f"raised {exp['type']}: {cut}{em[start:]!r}", f"raised {got['type']}: "
                              f"{cut}{gm[start:]!r}", f"{exp['type']} messages differ")
        return None


# -- helpers ---------------------------------------------------------------------------------------
def _is_inexact(dtype: str) -> bool:
    return dtype.startswith(("float", "complex", "bfloat", "half", "double"))


def _as_complex(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=np.complex128)
    for i, v in enumerate(values):
        if isinstance(v, list):
            out[i] = complex(float(v[0]), float(v[1]))
        else:
            out[i] = complex(float(v), 0.0)
    return out


def _first_not_close(ev: list, gv: list, rtol: float, atol: float) -> int | None:
    try:
        e, g = _as_complex(ev), _as_complex(gv)
    except (TypeError, ValueError):
        return next((i for i, (a, b) in enumerate(zip(ev, gv)) if a != b), None)
    bad = _not_close_mask(e, g, rtol, atol)
    hits = np.flatnonzero(bad)
    return int(hits[0]) if hits.size else None


def _not_close_mask(e: np.ndarray, g: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        parts = []
        for pe, pg in ((e.real, g.real), (e.imag, g.imag)):
            close = np.isclose(pe, pg, rtol=rtol, atol=atol, equal_nan=True)
            parts.append(~close)
        return parts[0] | parts[1]


def _count_bad(dtype: str, ev: list, gv: list, comparer: _Comparer) -> int:
    if _is_inexact(dtype):
        rtol, atol = tolerance(dtype, comparer.rtol, comparer.atol)
        return int(np.count_nonzero(_not_close_mask(_as_complex(ev), _as_complex(gv), rtol, atol)))
    return sum(1 for e, g in zip(ev, gv) if e != g)


def _index_text(flat: int, shape: list) -> str:
    if not shape:
        return ""
    return "[" + ", ".join(str(i) for i in np.unravel_index(flat, shape)) + "]"


def _shape(shape: list) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _diff(path: str, exp: Any, got: Any, reason: str) -> Difference:
    return Difference(path, describe(exp), describe(got), reason)


def _key_text(key: dict) -> str:
    if key.get("kind") in ("str", "int", "bool"):
        return repr(key["value"])
    return _describe(key)


def _kind_text(kind: Any) -> str:
    return {"none": "None", "error": "raised exception", "encode_error": "unreadable value"}.get(kind, str(kind))


def _value_text(v: Any) -> str:
    if isinstance(v, list) and len(v) == 2 and not isinstance(v[0], (dict, list)):
        return f"({v[0]}{'+' if not str(v[1]).startswith('-') else ''}{v[1]}j)"
    if isinstance(v, dict):
        return _describe(v)
    return repr(v) if isinstance(v, str) and v not in ("nan", "inf", "-inf") else str(v)


def _values_text(values: list) -> str:
    shown = ", ".join(_value_text(v) for v in values[:_MAX_SHOWN])
    return f"[{shown}{', ...' if len(values) > _MAX_SHOWN else ''}]"


def _describe(node: Any) -> str:
    if not isinstance(node, dict):
        return repr(node)
    kind = node.get("kind")
    if kind == "none":
        return "None"
    if kind in ("bool", "int", "float", "complex", "str", "bytes"):
        value = node["value"]
        if kind == "bytes":
            return repr(value.encode("latin-1"))
        return f"{kind} {_value_text(value) if kind in ('float', 'complex') else repr(value)}"
    if kind in ("tensor", "ndarray"):
        values = node["values"]
        body = _value_text(values[0]) if not node["shape"] and values else _values_text(values)
        return f"{kind} {node['dtype']} shape={_shape(node['shape'])} {body}"
    if kind == "numpy_scalar":
        return f"numpy.{node['dtype']}({_value_text(node['value'])})"
    if kind == "variable":
        return f"{node['type']} {node['name']!r} {_describe(node['value'])}"
    if kind == "indexed_slices":
        return (f"IndexedSlices(values={_describe(node['values'])}, indices={_describe(node['indices'])}, "
                f"dense_shape={_describe(node['dense_shape'])})")
    if kind == "error":
        return f"raised {node['type']}: {node['message']}"
    if kind == "encode_error":
        return f"unreadable ({node['type']}: {node['message']})"
    if kind in ("list", "tuple", "set"):
        inner = ", ".join(_describe(i) for i in node["items"][:4])
        more = ", ..." if len(node["items"]) > 4 else ""
        return {"list": f"[{inner}{more}]", "tuple": f"({inner}{more})", "set": f"{{{inner}{more}}}"}[kind]
    if kind == "namedtuple":
        inner = ", ".join(f"{k}={_describe(v)}" for k, v in node["fields"][:4])
        return f"{node['type']}({inner})"
    if kind == "dict":
        inner = ", ".join(f"{_key_text(k)}: {_describe(v)}" for k, v in node["items"][:4])
        return f"{{{inner}{', ...' if len(node['items']) > 4 else ''}}}"
    if kind == "dtype":
        return f"tf.{node['name']}"
    if kind == "tensor_shape":
        return f"TensorShape({node['dims']})"
    if kind == "enum":
        return f"{node['type']}.{node['name']}"
    if kind == "type":
        return f"<class {node['name']}>"
    if kind == "object":
        return f"{node['type']} {node['text']!r}"
    return str(node)
