"""User functions given to map/filter/flat_map/interleave/scan/reduce: calling convention and output spec.

TensorFlow traces the function once with symbolic tensors when the transformation is built. tfshim
calls it twice on placeholder values instead: ones with each unknown dimension 12, then twos with
each unknown dimension 24. Output dimensions that differ between the two calls (they follow an
unknown input dimension or the values, as in `tf.fill([x], x)`) become None. This finds the output
structure and spec and raises the function's own errors at construction. If the first placeholder
call fails inside an op because of the values (an assertion, a lookup), the spec is taken from the
first real element instead and the error, if real, appears during iteration as in TensorFlow; if
only the second fails, the first call's spec is used.
"""

from __future__ import annotations

import re
from typing import Any

import tfshim as tf
from tfshim.data import _structure as st

_MISMATCH = re.compile(r"cannot compute (\w+) as input #(\d+)\(zero-based\) was expected to be a (\w+) tensor but "
                       r"is a (\w+) tensor")
_DTYPE_WORDS = {"float": "float32", "double": "float64", "half": "float16"}


def call_with_element(fn: Any, structure: Any, flat: Any) -> Any:
    """Calls `fn` on one element: a plain tuple is unpacked into positional arguments."""
    if not st.is_structure(structure):
        args = st.to_tensor(flat[0])
        return fn(args)
    args = st.pack(structure, [st.to_tensor(v) for v in flat])
    if type(args) is tuple:
        return fn(*args)
    return fn(args)


def normalize_output(ret: Any) -> Any:
    """TensorFlow's treatment of a function's return value: lists become tuples."""
    if isinstance(ret, list):
        return tuple(ret)
    return ret


def _graph_type_error(error: Exception) -> Exception | None:
    """TensorFlow's traced-graph message for a dtype mismatch that eager ops report differently."""
    found = _MISMATCH.search(str(error))
    if found is None:
        return None
    op, index, want, got = found.groups()
    want, got = _DTYPE_WORDS.get(want, want), _DTYPE_WORDS.get(got, got)
    names = ("x", "y")
    if int(index) > 1:
        return TypeError(f"in user code:\n\n    TypeError: Input #{index} of '{op}' Op has type {got} that does "
                         f"not match type {want}.\n")
    return TypeError(f"in user code:\n\n    TypeError: Input '{names[int(index)]}' of '{op}' Op has type {got} "
                     f"that does not match type {want} of argument 'x'.\n")


class _Deferred(Exception):
    """The placeholder call failed on its values; the spec must come from a real element."""


def guarded(thunk: Any) -> Any:
    """Runs a placeholder call: dtype mismatches become TensorFlow's graph-time TypeError, other op
    errors (value dependent) defer the spec to the first real element."""
    try:
        return thunk()
    except tf.errors.OpError as e:
        converted = _graph_type_error(e)
        if converted is not None:
            raise converted from None
        raise _Deferred() from e
    except TypeError as e:
        raise _user_code_error(e) from None


PROBES = ((12, 1), (24, 2))  # (size of unknown dimensions, fill value) of the two placeholder calls


def dummy_flat(structure: Any, probe: int) -> list:
    unknown, fill = PROBES[probe]
    return [st.dummy_value(s, unknown, fill) for s in st.flatten(structure)]


def _probe_call(fn: Any, structure: Any, probe: int) -> Any:
    flat = dummy_flat(structure, probe)
    return guarded(lambda: normalize_output(call_with_element(fn, structure, flat)))


def _user_code_error(e: TypeError) -> TypeError:
    text = str(e)
    if text.startswith("in user code:"):
        return e
    return TypeError(f"in user code:\n\n\n    TypeError: {text}\n")


def output_of(ret: Any) -> tuple:
    """(output structure of specs, flat values) of one return value."""
    if ret is None:
        raise tf.errors.InvalidArgumentError(None, None, "Length for attr 'output_types' of 0 must be at least "
                                             "minimum 1")
    leaves = st.flatten(ret)
    values = [st.to_value(leaf) for leaf in leaves]
    specs = [st.spec_of_value(v) for v in values]
    return st.pack(ret, specs), values


def _merge(a: Any, b: Any) -> Any:
    from tfshim.data.dataset_ops import DatasetSpec

    flat_a, flat_b = st.flatten(a), st.flatten(b)
    merged = [x if isinstance(x, DatasetSpec) or isinstance(y, DatasetSpec) or x.dtype != y.dtype
              else st.relaxed_spec(x, y) for x, y in zip(flat_a, flat_b)]
    return st.pack(a, merged)


class StructuredFunction:
    """A user function with its input structure; `output_spec` is found by the placeholder calls
    (None while deferred: `resolve(first_flat_element)` fills it)."""

    __slots__ = ("fn", "input_structure", "output_spec", "probe_output")

    def __init__(self, fn: Any, input_structure: Any, check: Any = None) -> None:
        if not callable(fn):
            raise ValueError(f"Argument `func` must be a callable. Received func={fn} (of type {type(fn)})")
        self.fn = fn
        self.input_structure = input_structure
        self.output_spec = None
        self.probe_output = None
        try:
            ret = _probe_call(fn, input_structure, 0)
        except _Deferred:
            return
        if check is not None:
            check(ret)
        spec = _spec_of_return(ret)
        try:
            second = _probe_call(fn, input_structure, 1)
            second_spec = _spec_of_return(second)
            if st.same_structure(spec, second_spec) and len(st.flatten(spec)) == len(st.flatten(second_spec)):
                spec = _merge(spec, second_spec)
        except (_Deferred, ValueError, TypeError, IndexError):
            pass
        self.output_spec = spec
        self.probe_output = ret

    def __call__(self, flat: Any) -> Any:
        return normalize_output(call_with_element(self.fn, self.input_structure, flat))


def _spec_of_return(ret: Any) -> Any:
    from tfshim.data.dataset_ops import DatasetSpec

    if _is_dataset(ret):
        return DatasetSpec(ret.element_spec)
    return output_of(ret)[0]


def _is_dataset(value: Any) -> bool:
    from tfshim.data.dataset_ops import DatasetV2

    return isinstance(value, DatasetV2)
