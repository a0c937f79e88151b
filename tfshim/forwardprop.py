"""`tf.autodiff.ForwardAccumulator`: forward-mode autodiff (Jacobian-vector products).

Like TensorFlow, tfshim derives each op's JVP from its gradient rule instead of keeping a second
table of rules: a gradient rule is linear in the upstream gradient, so running it on placeholder
upstreams `u` under a tape and differentiating `<rule(u), tangents>` with respect to `u` gives the
op's Jacobian applied to the input tangents. The computation runs through tfshim ops, so tapes and
outer accumulators record it (forward-over-backward and backward-over-forward both work).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfshim import nest
from tfshim._engine import backprop, logs
from tfshim._engine import tape as _tape
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.indexed_slices import IndexedSlices
from tfshim._engine.tape import TRAINABLE_NP, Record
from tfshim._engine.tensor import EagerTensor
from tfshim.gradient_tape import UnconnectedGradients
from tfshim.variables import Variable

_state = _tape.state


def _key(x: Any) -> Any:
    return x._handle if isinstance(x, Variable) else x


class ForwardAccumulator:
    """Computes JVPs of ops executed inside the `with` block, starting from `tangents` for `primals`."""

    def __init__(self, primals: Any, tangents: Any) -> None:
        self._recording = False
        self._tangents: dict[int, Any] = {}
        self._keep: list = []  # primals/outputs whose ids key _tangents, kept alive
        seen = set()
        for primal in nest.flatten(primals):
            if id(primal) in seen:
                raise ValueError("Tensor {} was specified as a primal multiple times. This may indicate an error. "
                                 "If it was intended, please sum the corresponding tangents.")
            seen.add(id(primal))
        nest.assert_same_structure(primals, tangents)
        for primal, tangent in zip(nest.flatten(primals), nest.flatten(tangents)):
            self._watch(primal, tangent)

    def _watch(self, primal: Any, tangent: Any) -> None:
        if not primal.dtype.is_floating:
            logs.warning_first_n(f"The dtype of the watched primal must be floating (e.g. tf.float32), got "
                                 f"{primal.dtype!r}", 5, key="watch-primal-dtype")
        tangent = convert_to_tensor(tangent, dtype=primal.dtype)
        key = _key(primal)
        self._tangents[id(key)] = tangent
        self._keep.append(key)

    def __enter__(self) -> ForwardAccumulator:
        if self._recording:
            raise ValueError("Accumulator is already recording.")
        _tape.push_accumulator(self)
        self._recording = True
        return self

    def __exit__(self, typ: Any, value: Any, traceback: Any) -> None:
        if self._recording:
            _tape.pop_accumulator(self)
            self._recording = False

    def jvp(self, primals: Any, unconnected_gradients: Any = UnconnectedGradients.NONE) -> Any:
        """The tangents of `primals` (any structure); None, or zeros with ZERO, for untracked ones."""
        mode = UnconnectedGradients(unconnected_gradients)

        def fetch(tensor: Any) -> Any:
            result = self._tangents.get(id(_key(tensor)))
            if result is None and mode is UnconnectedGradients.ZERO:
                from tfshim.ops.creation import zeros_like

                result = zeros_like(tensor)
            return result

        return nest.map_structure(fetch, primals)


def _op_jvp(op_def: Any, inputs: tuple, outputs: tuple, attrs: Any, tangents: list) -> list:
    """Output tangents of one op, by transposing its gradient rule."""
    used = [i for i, (x, t) in enumerate(zip(inputs, tangents)) if t is not None and _tape.is_trainable(x)]
    out_slots = [j for j, o in enumerate(outputs) if o._value.dtype in TRAINABLE_NP]
    if not used or not out_slots:
        return [None] * len(outputs)
    rec = Record(op_def, inputs, outputs, attrs)
    aids = {j: EagerTensor(np.ones(np.shape(outputs[j]._value), outputs[j]._value.dtype)) for j in out_slots}
    transpose = _tape.Tape(persistent=True)
    for aid in aids.values():
        transpose.watch(aid)
    _tape.push(transpose)
    outer_walk = _tape.state.walk
    _tape.state.walk = ({id(inputs[i]): None for i in used}, ())  # the rule skips the other inputs
    try:
        upstream = [aids[j] if j in aids else backprop.zeros_like(o) for j, o in enumerate(outputs)]
        in_grads = backprop.call_gradient(rec, upstream)
        # densify sparse rule results while the transpose tape still records, so the conversion is
        # part of what is transposed below
        in_grads = [convert_to_tensor(g) if isinstance(g, IndexedSlices) else g for g in in_grads]
    finally:
        _tape.state.walk = outer_walk
        _tape.pop(transpose)
    targets, seeds = [], []
    for i in used:
        g = in_grads[i]
        if isinstance(g, EagerTensor):
            targets.append(g)
            seeds.append(tangents[i])
    if not targets:
        return [None] * len(outputs)
    sources = [aids[j] for j in out_slots]
    found = backprop.imperative_grad(transpose, targets, sources, seeds)
    result: list = [None] * len(outputs)
    for j, t in zip(out_slots, found):
        result[j] = convert_to_tensor(t) if isinstance(t, IndexedSlices) else t
    return result


def _forward_hook(op_def: Any, inputs: tuple, outputs: tuple, attrs: Any) -> None:
    """Called for every executed op while accumulators are active: innermost accumulator first, with
    only the accumulators outside it active, so outer ones see (and differentiate) inner JVPs."""
    accumulators = list(_state.accumulators)
    for k in range(len(accumulators) - 1, -1, -1):
        acc = accumulators[k]
        tangents = [acc._tangents.get(id(x)) for x in inputs]
        if all(t is None for t in tangents):
            continue
        with _tape.only_accumulators(accumulators[:k]):
            out_tangents = _op_jvp(op_def, inputs, outputs, attrs, tangents)
        for out, tangent in zip(outputs, out_tangents):
            if tangent is not None:
                acc._tangents[id(out)] = tangent
                acc._keep.append(out)


_tape.set_forward_hook(_forward_hook)
