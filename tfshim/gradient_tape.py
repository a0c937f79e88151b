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
from tfshim._engine.sites import caller_site
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
    if value is UnconnectedGradients.NONE or value is UnconnectedGradients.ZERO:
        return value
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
    if t is None or isinstance(t, str):
        raise TypeError(f"Cannot convert the argument `type_value`: {t!r} to a TensorFlow DType.")
    if isinstance(t, (EagerTensor, Variable)):
        return handle_or_self(t)
    if not hasattr(t, "dtype"):
        raise AttributeError(f"'{type(t).__name__}' object has no attribute 'dtype'")
    return _check_source(t)


def _check_source(s: Any) -> Any:
    if s is None or isinstance(s, str):
        raise TypeError(f"Cannot convert the argument `type_value`: {s!r} to a TensorFlow DType.")
    if isinstance(s, (EagerTensor, Variable)):
        return handle_or_self(s)
    if getattr(s, "_should_act_as_resource_variable", False):  # a Keras variable: its backing tf.Variable
        return s.value._handle
    module = type(s).__module__
    prefix = "numpy." if module == "numpy" else ""
    raise AttributeError(f"'{prefix}{type(s).__name__}' object has no attribute '_id'")


_ZEROS_CACHE: dict[tuple, EagerTensor] = {}


def zeros_for(source: Any) -> Any:
    """The ZERO result for an unconnected source: zeros of its shape and dtype (empty strings for a
    string source). Made once per shape and dtype and shared, as TensorFlow's zeros cache does."""
    if getattr(source, "_should_act_as_resource_variable", False):  # a Keras variable
        source = source.value
    value = source._handle._value if isinstance(source, Variable) else source._value
    key = (value.shape, value.dtype)
    found = _ZEROS_CACHE.get(key)
    if found is None:
        if value.dtype == object:
            found = EagerTensor(np.full(key[0], b"", dtype=object))
        else:
            zeros = np.zeros(key[0], dtype=value.dtype)
            zeros.flags.writeable = False  # shared by every caller
            found = EagerTensor(zeros if zeros.ndim else zeros[()])
        if len(_ZEROS_CACHE) > 256:
            _ZEROS_CACHE.clear()
        _ZEROS_CACHE[key] = found
    return found


class GradientTape:
    """Records operations on watched tensors and trainable variables for reverse-mode autodiff."""

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._tape: _tape.Tape | None = None
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._watched_variables: tuple | dict = ()  # (a used tape's variables by id, sorted when asked)
        self._recording = False
        self._tape_serials: list[int] = []  # every recording this tape has had (reset() starts a new one)
        # for tape.explain(): where a tape that does not watch variables was made, where it was used up
        self._created_at = None if watch_accessed_variables else caller_site()
        self._used_at: tuple | None = None

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
            self._tape_serials.append(self._tape.serial)
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
        if type(tensor) is EagerTensor and tensor._value.dtype in _tape.TRAINABLE_NP and self._tape is not None:
            if _state.tapes:  # (with no tape recording on this thread, TensorFlow ignores the watch)
                self._tape.watch(tensor)
            return
        for t in _extract(tensor):
            if not t.dtype.is_floating and not t.dtype.is_complex:
                logs.warning_first_n(f"The dtype of the watched tensor must be floating (e.g. tf.float32), got "
                                     f"{t.dtype!r}", 5, key="watch-dtype")
                if self._tape is not None:
                    self._tape.watch_sites[id(handle_or_self(t))] = caller_site()
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
        paused = self._tape
        _state.paused.append(paused)
        try:
            yield
        finally:
            _state.paused.remove(paused)
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
        elif type(self._watched_variables) is dict:
            self._watched_variables = _tape.sorted_variables(self._watched_variables)
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
        flat_targets = [target] if type(target) is EagerTensor else [_check_target(t) for t in nest.flatten(target)]
        flat_sources_raw = [sources] if type(sources) is EagerTensor else nest.flatten(sources)
        flat_sources = [s if type(s) is EagerTensor else _check_source(s) for s in flat_sources_raw]
        if output_gradients is not None:
            output_gradients = [_convert_output_gradient(g) for g in nest.flatten(output_gradients)]
        mode = check_unconnected(unconnected_gradients)

        flat_grads = backprop.imperative_grad(self._tape, flat_targets, flat_sources, output_gradients)
        if _state.explain:
            from tfshim.explain import log_unconnected

            log_unconnected(self, target, flat_sources_raw, flat_grads)
        if mode is UnconnectedGradients.ZERO:
            target_ids = {id(t) for t in flat_targets}
            flat_grads = [g if g is not None or (id(key) in target_ids and _is_string(raw)) else zeros_for(raw)
                          for g, raw, key in zip(flat_grads, flat_sources_raw, flat_sources)]
        if not self._persistent:
            self._watched_variables = self._tape.variables
            self._tape = None
            self._used_at = caller_site()
        return flat_grads[0] if type(sources) is EagerTensor else nest.pack_sequence_as(sources, flat_grads)

    def explain(self, target: Any, sources: Any) -> Any:
        """tfshim's addition: for each source, whether a gradient from `target` can reach it, and if
        not why (the cause, the op and the file:line where the path was cut). Needs the recording:
        call it on a persistent tape, or before `gradient`. See docs/explain.md."""
        from tfshim.explain import explain

        return explain(self, target, sources)

    def _consume(self) -> None:
        """What a gradient or jacobian call does to a non-persistent tape: it stops recording now and
        cannot be used again."""
        if self._recording and not self._persistent:
            self._pop_tape()

    def _finish(self) -> None:
        if not self._persistent:
            self._watched_variables = self._tape.variables
            self._tape = None
            self._used_at = caller_site()

    def jacobian(self, target: Any, sources: Any, unconnected_gradients: Any = UnconnectedGradients.NONE,
                 parallel_iterations: Any = None, experimental_use_pfor: bool = True) -> Any:
        """The Jacobian of `target` (one tensor) with respect to each source: shape
        `target.shape + source.shape`, None for unconnected sources (zeros with ZERO)."""
        if self._tape is None:
            raise RuntimeError(_ONE_SET)
        flat_sources = nest.flatten(sources)
        target_shape = target.shape
        if experimental_use_pfor:
            _check_parallel_iterations("jacobian", parallel_iterations, target_shape.num_elements())
            try:
                mode = check_unconnected(unconnected_gradients)
            except ValueError as e:
                raise ValueError("Encountered an exception while vectorizing the jacobian computation. "
                                 "Vectorization can be disabled by setting experimental_use_pfor to False.") from e
        elif not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the jacobian with "
                               "eager execution enabled and with  experimental_use_pfor set to False.")
        else:
            mode = check_unconnected(unconnected_gradients)
        self._consume()
        target_key = _check_target(target)
        keys = [_check_source(s) for s in flat_sources]
        target_value = target_key._value
        n = int(np.size(target_value))
        chunks: list[list] = [[] for _ in flat_sources]  # per source: batched gradients, chunk by chunk
        for start in range(0, n, _JACOBIAN_CHUNK):
            rows = min(_JACOBIAN_CHUNK, n - start)
            seed = np.zeros((rows, n), dtype=target_value.dtype)
            seed[np.arange(rows), np.arange(start, start + rows)] = 1
            grads = backprop.imperative_grad(self._tape, [target_key], keys,
                                             [EagerTensor(seed.reshape((rows, *np.shape(target_value))))],
                                             batch=rows)
            for column, g in zip(chunks, grads):
                column.append((rows, g))
        self._finish()
        output = [_assemble(column, target_shape, raw, mode) for column, raw in zip(chunks, flat_sources)]
        return nest.pack_sequence_as(sources, output)

    def batch_jacobian(self, target: Any, source: Any, unconnected_gradients: Any = UnconnectedGradients.NONE,
                       parallel_iterations: Any = None, experimental_use_pfor: bool = True) -> Any:
        """Per-example Jacobians: `result[b] = d target[b] / d source[b]`, shape
        `[batch] + target.shape[1:] + source.shape[1:]`. Unconnected gives zeros even with NONE
        (in the target's dtype), as in TensorFlow."""
        if self._tape is None:
            raise RuntimeError("A non-persistent GradientTape can only be used tocompute one set of gradients "
                               "(or jacobians)")
        target_shape, source_shape = target.shape, source.shape
        target_shape.with_rank_at_least(2)
        source_shape.with_rank_at_least(2)
        if target_shape[0] != source_shape[0]:
            raise ValueError(f"Need first dimension of target shape ({target_shape}) and source shape "
                             f"({source_shape}) to match.")
        batch = target_shape[0]
        row_size = target_shape.num_elements() // batch
        if experimental_use_pfor:
            if not self._persistent and parallel_iterations is not None and 1 < parallel_iterations <= row_size:
                raise RuntimeError("in user code:\n\n\n    RuntimeError: GradientTape must be created with "
                                   "persistent=True to compute the batch_jacobian with parallel_iterations.\n")
            _check_parallel_iterations("batch_jacobian", parallel_iterations, row_size)
        elif not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the batch_jacobian "
                               "with eager execution enabled and  with experimental_use_pfor set to False.")
        mode = check_unconnected(unconnected_gradients)
        self._consume()
        target_key, key = _check_target(target), _check_source(source)
        dtype = target_key._value.dtype
        pieces = []  # (columns, batched gradient of shape [columns, *source.shape])
        for start in range(0, row_size, _JACOBIAN_CHUNK):
            cols = min(_JACOBIAN_CHUNK, row_size - start)
            seed = np.zeros((cols, batch, row_size), dtype=dtype)
            seed[np.arange(cols), :, np.arange(start, start + cols)] = 1
            (g,) = backprop.imperative_grad(self._tape, [target_key], [key],
                                            [EagerTensor(seed.reshape((cols, *tuple(target_shape))))], batch=cols)
            pieces.append((cols, g))
        self._finish()
        out_shape = tuple(target_shape) + tuple(source_shape)[1:]
        if all(g is None for _, g in pieces):
            if mode is UnconnectedGradients.ZERO:
                zeros = zeros_for(source)
                return EagerTensor(np.zeros(out_shape, dtype=zeros._value.dtype))
            return EagerTensor(np.zeros(out_shape, dtype=dtype))
        from tfshim.ops.array_ops import concat
        from tfshim.ops.shape_ops import reshape, transpose

        parts = [convert_to_tensor(g) if g is not None else EagerTensor(np.zeros((cols, *np.shape(_value_of(key))),
                 dtype=_value_of(key).dtype)) for cols, g in pieces]
        stacked = parts[0] if len(parts) == 1 else concat(parts, 0)  # [row_size, batch, *source.shape[1:]]
        rank = len(stacked.shape)
        moved = transpose(stacked, (1, 0, *range(2, rank)))
        return reshape(moved, out_shape)


def _check_parallel_iterations(kind: str, parallel_iterations: Any, iterations: int | None) -> None:
    """TF's vectorised (pfor) path rejects some parallel_iterations values; mirror its errors."""
    if parallel_iterations is None:
        return
    if parallel_iterations < 1:
        cause = ValueError("Argument `parallel_iterations` must be None or a positive integer. Received: "
                           f"{parallel_iterations}")
    elif parallel_iterations == 1:
        cause = ValueError("Found `parallel_iterations == 1`. Use `for_loop` instead.")
    elif iterations is not None and iterations < parallel_iterations:
        return
    else:
        cause = ValueError("in user code:\n\n\n    ValueError: None values not supported.\n")
    raise ValueError(f"Encountered an exception while vectorizing the {kind} computation. Vectorization can be "
                     "disabled by setting experimental_use_pfor to False.") from cause


_JACOBIAN_CHUNK = 256  # target elements per batched backward walk


def _value_of(key: Any) -> Any:
    return key._value


def _assemble(chunks: list, target_shape: Any, source: Any, mode: UnconnectedGradients) -> Any:
    """One source's Jacobian from its batched gradients (one per chunk of target elements)."""
    source_shape = tuple(source.shape)
    out_shape = tuple(target_shape) + source_shape
    if all(g is None for _, g in chunks):
        if mode is UnconnectedGradients.ZERO:
            zeros = zeros_for(source)
            return None if zeros is None else EagerTensor(np.zeros(out_shape, dtype=zeros._value.dtype))
        return None
    from tfshim.ops.array_ops import concat
    from tfshim.ops.shape_ops import reshape

    dtype = zeros_for(source)._value.dtype
    parts = [convert_to_tensor(g) if g is not None else EagerTensor(np.zeros((rows, *source_shape), dtype=dtype))
             for rows, g in chunks]
    return reshape(parts[0] if len(parts) == 1 else concat(parts, 0), out_shape)


def _is_string(x: Any) -> bool:
    return x.dtype == "string"


def _convert_output_gradient(g: Any) -> Any:
    if isinstance(g, (EagerTensor, IndexedSlices)):
        return g
    if isinstance(g, Variable):
        return g.read_value()
    return convert_to_tensor(g)
