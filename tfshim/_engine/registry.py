"""Op declarations and the gradient registry, keyed by TensorFlow's op names (`Mul`, `MatMul`, `Sum`).

Each op family module declares its ops with `op_def(name)` and attaches the gradient right beside the
forward function. A gradient function takes `(op, *output_grads)` -- `op` is the tape's Record, with
`inputs`, `outputs` and `attrs` -- and returns one gradient (or None) per input, computed with tfshim
ops so that an outer tape records it. Ops flagged `broadcasting` get their input gradients summed back
to each input's shape by the engine, never by the rule.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine import tape as _tape
from tfshim._engine.op_types import OP_TYPES
from tfshim._engine.tensor import EagerTensor, blank

_state = _tape.state
_record = _tape.record


def _no_gradient(op: Any, *grads: Any) -> tuple:
    return (None,) * len(op.inputs)


_ACCEPTS_NONE = {"SoftmaxCrossEntropyWithLogits": frozenset({1}),
                 "SparseSoftmaxCrossEntropyWithLogits": frozenset({1})}
_NP_BY_KERNEL_NAME = {d._kernel_name: d._np for d in _dtypes.ALL_DTYPES if isinstance(d._np, np.dtype)}


class OpDef:
    """One TensorFlow op type: its name, its gradient function and how the engine treats it.

    `allowed` holds, per type attribute, the NumPy dtypes TensorFlow registers the op for (read
    from the generated op_types table); `summary` is the signature TF quotes in dtype errors.
    """

    __slots__ = ("name", "grad_fn", "broadcasting", "allowed", "summary", "accepts_none", "keeps_indexed_slices")

    def __init__(self, name: str, broadcasting: bool = False, keeps_indexed_slices: bool = True) -> None:
        self.name = name
        self.grad_fn: Callable[..., Any] | None = None  # None: no gradient registered (LookupError)
        self.broadcasting = broadcasting
        # whether the rule is handed an IndexedSlices upstream as it is. TF hands every rule what reached
        # the op; most of its rules then convert it with their first op (convert_to_tensor), which the
        # engine does for them before the call unless this is set. Library ops declared with op_def()
        # set it only through `sparse_gradient`; user rules (RegisterGradient, custom_gradient) get it.
        self.keeps_indexed_slices = keeps_indexed_slices
        # outputs whose missing gradient the rule takes as None rather than zeros (TF's list)
        self.accepts_none: frozenset = _ACCEPTS_NONE.get(name, frozenset())
        types, self.summary = OP_TYPES.get(name, ({}, f"Op<name={name}>"))
        self.allowed: dict[str, tuple[frozenset, tuple]] = {
            attr: (frozenset(_NP_BY_KERNEL_NAME[n] for n in names if n in _NP_BY_KERNEL_NAME), names)
            for attr, names in types.items()}

    def gradient(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Decorator: registers `fn` as this op's gradient function."""
        self.grad_fn = fn
        return fn

    def sparse_gradient(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Decorator: registers `fn` as this op's gradient function, handed IndexedSlices upstreams
        as they are (for rules that keep or combine them, as TF's Identity, Cast or AddN do)."""
        self.grad_fn = fn
        self.keeps_indexed_slices = True
        return fn

    def __repr__(self) -> str:
        return f"<OpDef {self.name}>"


_REGISTRY: dict[str, OpDef] = {}


def op_def(name: str, broadcasting: bool = False, differentiable: bool = True) -> OpDef:
    """Declares (or returns) the op called `name`. Non-differentiable ops give None gradients."""
    found = _REGISTRY.get(name)
    if found is None:
        found = _REGISTRY[name] = OpDef(name, broadcasting, keeps_indexed_slices=False)
    if not differentiable:
        found.grad_fn = _no_gradient
        found.keeps_indexed_slices = True  # (nothing to convert for a rule that reads no upstream)
    return found


def get_op_def(name: str) -> OpDef:
    return _REGISTRY[name]


def registered_ops() -> dict[str, OpDef]:
    return dict(_REGISTRY)


def is_differentiable(op: OpDef) -> bool:
    return op.grad_fn is not None and op.grad_fn is not _no_gradient


class RegisterGradient:
    """`tf.RegisterGradient("OpName")`: decorator that sets the gradient of an op type."""

    def __init__(self, op_type: str) -> None:
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        op_def(self._op_type).sparse_gradient(fn)  # (a user's rule gets what reached the op, as in TF)
        return fn


def no_gradient(op_type: str) -> None:
    """`tf.no_gradient("OpName")`: declares that an op type has no gradient."""
    op_def(op_type, differentiable=False)


# -- the hot path ------------------------------------------------------------------------------
def execute(op: OpDef, inputs: tuple, value: Any, attrs: dict | None = None) -> EagerTensor:
    """Wraps one op result; records the op only if some tape (or accumulator) is active."""
    out = blank(EagerTensor)
    out._value = value
    if _state.active:
        _record(op, inputs, (out,), attrs)
    return out


def execute_as(op: OpDef, inputs: tuple, out: EagerTensor, attrs: dict | None = None) -> EagerTensor:
    """Like `execute` for an output already built (a tensor subclass, say)."""
    if _state.active:
        _record(op, inputs, (out,), attrs)
    return out


def execute_multi(op: OpDef, inputs: tuple, values: Any, attrs: dict | None = None) -> tuple:
    """Like `execute` for ops with several outputs."""
    outs = tuple(EagerTensor(v) for v in values)
    if _state.active:
        _record(op, inputs, outs, attrs)
    return outs


class _QuietNumPy(threading.local):
    """A per-thread context in which NumPy ignores floating-point errors: kernels run in it, so
    1/0 gives inf silently, as in TensorFlow, without the cost of np.errstate on every op."""

    def __init__(self) -> None:
        ctx = contextvars.copy_context()
        ctx.run(np.seterr, all="ignore")
        self.run = ctx.run


_quiet = _QuietNumPy()
quiet_numpy = _quiet  # hot paths call `quiet_numpy.run(fn, *args)` directly (one call layer less)


def kernel(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Runs a NumPy computation with floating-point warnings silenced."""
    if kwargs:
        return _quiet.run(lambda: fn(*args, **kwargs))
    return _quiet.run(fn, *args)
