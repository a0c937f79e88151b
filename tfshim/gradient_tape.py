"""`tf.GradientTape` and `tf.UnconnectedGradients`: the public face of the tape engine.

The messages and the order of checks follow TensorFlow's, down to its quirks (a never-entered tape
reports itself as a used non-persistent one; `watch` on it fails with an AttributeError).
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator
from typing import Any

import numpy as np

from tfshim import nest
from tfshim._engine import backprop, logs
from tfshim._engine import tape as _tape
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.tensor import EagerTensor
from tfshim.variables import Variable

_state = _tape.state

_ONE_SET = "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)"
_IN_CONTEXT = ("Calling GradientTape.gradient on a persistent tape inside its context is significantly less "
               "efficient than calling it outside the context (it causes the gradient ops to be recorded on the "
               "tape, leading to increased CPU and memory usage). Only call GradientTape.gradient inside the "
               "context if you actually want to trace the gradient in order to compute higher order derivatives.")


class UnconnectedGradients(enum.Enum):
    """What `gradient` returns for a source the target does not depend on: None, or zeros of the
    source's shape and dtype."""

    NONE = "none"
    ZERO = "zero"


def check_unconnected(value: Any) -> UnconnectedGradients:
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None


def _extract(structure: Any) -> Iterator[Any]:
    for obj in nest.flatten(structure):
        if isinstance(obj, (EagerTensor, Variable)):
            yield obj
        else:
            raise ValueError(f"Passed in object {obj} of type {type(obj).__name__!r}, not tf.Tensor or tf.Variable "
                             "or ExtensionType.")


def handle_or_self(x: Any) -> Any:
    """What the tape tracks for `x`: a variable's handle, or the tensor itself."""
    return x._handle if isinstance(x, Variable) else x


def _check_target(t: Any) -> Any:
    if t is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    if isinstance(t, (EagerTensor, Variable)):
        return handle_or_self(t)
    if not hasattr(t, "dtype"):
        raise AttributeError(f"'{type(t).__name__}' object has no attribute 'dtype'")
    return _check_source(t)


def _check_source(s: Any) -> Any:
    if s is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    if isinstance(s, (EagerTensor, Variable)):
        return handle_or_self(s)
    module = type(s).__module__
    prefix = "numpy." if module == "numpy" else ""
    raise AttributeError(f"'{prefix}{type(s).__name__}' object has no attribute '_id'")


def zeros_for(source: Any) -> Any:
    """The ZERO result for an unconnected source: zeros of its shape and dtype (None for strings)."""
    value = source._handle._value if isinstance(source, Variable) else source._value
    if value.dtype == object:
        return None
    return EagerTensor(np.zeros(np.shape(value), dtype=value.dtype))


class GradientTape:
    """Records operations on watched tensors and trainable variables for reverse-mode autodiff."""

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._tape: _tape.Tape | None = None
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._watched_variables: tuple = ()
        self._recording = False

    # -- recording ------------------------------------------------------------------------------
    def __enter__(self) -> GradientTape:
        self._push_tape()
        return self

    def __exit__(self, typ: Any, value: Any, traceback: Any) -> None:
        if self._recording:
            self._pop_tape()

    def _push_tape(self) -> None:
        if self._recording:
            raise ValueError("Tape is still recording, This can happen if you try to re-enter an already-active tape.")
        if self._tape is None:
            self._tape = _tape.Tape(self._persistent, self._watch_accessed_variables)
        _tape.push(self._tape)
        self._recording = True

    def _pop_tape(self) -> None:
        if not self._recording:
            raise ValueError("Tape is not recording.")
        _tape.pop(self._tape)
        self._recording = False

    @contextlib.contextmanager
    def _ensure_recording(self) -> Iterator[None]:
        if not self._recording:
            try:
                self._push_tape()
                yield
            finally:
                self._pop_tape()
        else:
            yield

    def watch(self, tensor: Any) -> None:
        """Starts tracking tensors or variables (any nested structure of them)."""
        for t in _extract(tensor):
            if not t.dtype.is_floating and not t.dtype.is_complex:
                logs.warning_first_n(f"The dtype of the watched tensor must be floating (e.g. tf.float32), got "
                                     f"{t.dtype!r}", 5, key="watch-dtype")
            if self._tape is None:
                raise AttributeError("'NoneType' object has no attribute '_tape'")
            if not _state.tapes:
                continue  # no tape is recording on this thread: TensorFlow ignores the watch
            if isinstance(t, Variable):
                self._tape.watch_variable(t)
            else:
                self._tape.watch(t)

    @contextlib.contextmanager
    def stop_recording(self) -> Iterator[None]:
        """Temporarily stops this tape (only this one) from recording."""
        if self._tape is None:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        self._pop_tape()
        try:
            yield
        finally:
            self._push_tape()

    def reset(self) -> None:
        """Forgets everything recorded so far; recording continues."""
        self._pop_tape()
        self._tape = None
        self._push_tape()

    def watched_variables(self) -> tuple:
        """The variables this tape watches, in the order they were created."""
        if self._tape is not None:
            self._watched_variables = self._tape.watched_variables()
        return self._watched_variables

    # -- differentiation ------------------------------------------------------------------------
    def gradient(self, target: Any, sources: Any, output_gradients: Any = None,
                 unconnected_gradients: Any = UnconnectedGradients.NONE) -> Any:
        """Gradients of the sum of `target` with respect to `sources`, in `sources`' structure."""
        if self._tape is None:
            raise RuntimeError(_ONE_SET)
        if self._recording:
            if not self._persistent:
                self._pop_tape()
            else:
                logs.warning_first_n(_IN_CONTEXT, 1, key="gradient-in-context")
        if target is None:
            raise TypeError("Argument `target` should be a list or nested structure of Tensors, Variables or "
                            "CompositeTensors to be differentiated, but received None.")
        flat_targets = [_check_target(t) for t in nest.flatten(target)]
        flat_sources_raw = nest.flatten(sources)
        flat_sources = [_check_source(s) for s in flat_sources_raw]
        if output_gradients is not None:
            output_gradients = [_convert_output_gradient(g) for g in nest.flatten(output_gradients)]
        mode = check_unconnected(unconnected_gradients)

        flat_grads = backprop.imperative_grad(self._tape, flat_targets, flat_sources, output_gradients)
        if mode is UnconnectedGradients.ZERO:
            flat_grads = [zeros_for(raw) if g is None else g for g, raw in zip(flat_grads, flat_sources_raw)]
        if not self._persistent:
            self._watched_variables = self._tape.watched_variables()
            self._tape = None
        return nest.pack_sequence_as(sources, flat_grads)


def _convert_output_gradient(g: Any) -> Any:
    if isinstance(g, (EagerTensor, IndexedSlices)):
        return g
    if isinstance(g, Variable):
        return g.read_value()
    return convert_to_tensor(g)
