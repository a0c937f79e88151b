"""Recording: the thread-local stack of active tapes, what each tape has seen, and op records.

A tape tracks tensors by `id()`. Its `tensors` map holds, for every tensor or variable it tracks, the
record of the op that produced it, or None for a watched leaf. The tape keeps every tracked object
alive (records hold their inputs and outputs; watched objects sit in `keep`), so an id on a tape can
never be reused by another object while the tape holds it.

An op is recorded on a tape when at least one input is tracked by that tape and has a trainable dtype
(floating or complex; variables count as trainable, like TensorFlow's resource handles). That single
rule is what makes integer paths, casts to int and comparisons cut the gradient.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from itertools import count
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.resource import ResourceHandle

# NumPy dtypes a gradient can flow through.
TRAINABLE_NP = frozenset(d._np for d in _dtypes.TRAINABLE if isinstance(d._np, np.dtype))

_next_seq = count().__next__
_next_tape_serial = count(1).__next__
_explain_default = False
_history_hook: Callable[..., None] | None = None


class _ThreadState(threading.local):
    """Per-thread recording state: a tape in one thread never sees another thread's ops."""

    def __init__(self) -> None:
        self.tapes: list[Tape] = []  # tapes currently recording, in push order
        self.accumulators: list[Any] = []  # forward-mode accumulators currently recording
        self.watchers: list[list] = []  # variable watchers (custom_gradient): lists of variables read
        self.paused: list[Tape] = []  # tapes inside their stop_recording() block
        self.explain = _explain_default  # explain mode: keep op history and call sites
        self.walk: tuple | None = None  # (tracked ids, source ids) of the backward walk running now
        self.active = int(_explain_default)  # tapes + accumulators + watchers (+1 in explain mode)


state = _ThreadState()


class Record:
    """One op as a tape saw it. Gradient functions receive it as `op` (TensorFlow's name).

    `inputs` and `outputs` are the actual tensors (variables for ops that read them), so gradient
    rules compute with them and an outer tape records that computation. `site` (the user's call
    site) is set only in explain mode.
    """

    __slots__ = ("op_def", "inputs", "outputs", "attrs", "seq", "site")

    def __init__(self, op_def: Any, inputs: tuple, outputs: tuple, attrs: dict | None) -> None:
        self.op_def = op_def
        self.inputs = inputs
        self.outputs = outputs
        self.attrs = attrs
        self.seq = _next_seq()

    @property
    def skip_input_indices(self) -> tuple:
        """Positions of inputs the running backward walk needs no gradient for (TF's attribute):
        inputs its tape does not track that are not sources either. Computed when asked, as most
        gradient functions never ask."""
        walk = state.walk
        if walk is None:
            return ()
        tracked, sources = walk
        skip = ()
        i = 0
        for x in self.inputs:  # (a plain loop: a comprehension is a function call of its own)
            key = id(x)
            if key not in tracked and key not in sources:
                skip += (i,)
            i += 1
        return skip

    @property
    def type(self) -> str:
        return self.op_def.name

    def get_attr(self, name: str) -> Any:
        return self.attrs[name]

    def __repr__(self) -> str:
        return f"<op {self.op_def.name} #{self.seq}>"


def _capture_site() -> Any:
    from tfshim._engine.sites import user_site  # only loaded when explain mode is on

    return user_site()


class Tape:
    """The recording behind one GradientTape, from enter (or reset) to its last use."""

    __slots__ = ("persistent", "watch_accessed_variables", "tensors", "keep", "variables", "serial", "watch_sites",
                 "__weakref__")

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self.serial = _next_tape_serial()  # unlike id(), never reused by a later recording
        self.persistent = persistent
        self.watch_accessed_variables = watch_accessed_variables
        self.tensors: dict[int, Record | None] = {}
        self.keep: list[Any] = []  # watched tensors and variables, kept alive
        self.variables: dict[int, Any] = {}  # watched variables by id
        self.watch_sites: dict[int, Any] = {}  # where integer/string tensors were watched (sites.caller_site)

    def watch(self, obj: Any) -> None:
        key = id(obj)
        if key not in self.tensors:  # watching never replaces the op that produced a tensor
            self.tensors[key] = None
            self.keep.append(obj)

    def watch_variable(self, variable: Any) -> None:
        handle = variable._handle
        if id(handle) not in self.variables:
            self.variables[id(handle)] = variable
        self.watch(handle)

    def watched_variables(self) -> tuple:
        return sorted_variables(self.variables)


def sorted_variables(variables: dict) -> tuple:
    """Watched variables (by handle id) in the order they were created."""
    return tuple(sorted(variables.values(), key=_creation_order))


def _creation_order(variable: Any) -> int:
    return variable._handle.uid


def _update_active() -> None:
    state.active = len(state.tapes) + len(state.accumulators) + len(state.watchers) + int(state.explain)


def set_explain(enabled: bool) -> None:
    """Explain mode (see tfshim.explain): every op is seen by record(), with its call site."""
    global _explain_default
    _explain_default = enabled
    state.explain = enabled
    _update_active()


def set_history_hook(hook: Callable[..., None] | None) -> None:
    global _history_hook
    _history_hook = hook


def push(tape: Tape) -> None:
    state.tapes.append(tape)
    state.active += 1


def pop(tape: Tape) -> None:
    tapes = state.tapes
    for i in range(len(tapes) - 1, -1, -1):
        if tapes[i] is tape:
            del tapes[i]
            state.active -= 1
            return


def push_accumulator(acc: Any) -> None:
    state.accumulators.append(acc)
    state.active += 1


def pop_accumulator(acc: Any) -> None:
    accs = state.accumulators
    for i in range(len(accs) - 1, -1, -1):
        if accs[i] is acc:
            del accs[i]
            state.active -= 1
            return


def is_recording() -> bool:
    return bool(state.tapes) or bool(state.accumulators)


@contextlib.contextmanager
def stop_recording() -> Iterator[None]:
    """Pauses every tape and accumulator of this thread (TF's `record.stop_recording`). Variable
    watchers keep seeing reads."""
    saved = state.tapes, state.accumulators
    state.tapes, state.accumulators = [], []
    _update_active()
    try:
        yield
    finally:
        state.tapes, state.accumulators = saved
        _update_active()


@contextlib.contextmanager
def only_accumulators(outer: list) -> Iterator[None]:
    """Runs with only the accumulators in `outer` active (used while computing inner JVPs)."""
    saved = state.accumulators
    state.accumulators = outer
    _update_active()
    try:
        yield
    finally:
        state.accumulators = saved
        _update_active()


@contextlib.contextmanager
def watch_variables() -> Iterator[list]:
    """Collects the trainable variables read inside the block (TF's VariableWatcher)."""
    seen: list = []
    state.watchers.append(seen)
    state.active += 1
    try:
        yield seen
    finally:
        state.watchers.remove(seen)
        _update_active()


def record(op_def: Any, inputs: tuple, outputs: tuple, attrs: dict | None = None) -> None:
    """Adds one executed op to every recording tape that tracks one of its inputs.

    Callers check `state.active` first, so an op pays nothing here when no tape records.
    """
    rec = None
    tapes = state.tapes
    for tape in tapes:
        tensors = tape.tensors
        for x in inputs:  # does this tape track a trainable input? (runs for every op under a tape)
            if id(x) in tensors and (x.__class__ is ResourceHandle or x._value.dtype in TRAINABLE_NP):
                if rec is None:
                    rec = Record(op_def, inputs, outputs, attrs)
                for out in outputs:
                    tensors[id(out)] = rec
                break
    if state.active != len(tapes):  # accumulators, variable watchers or explain mode are on too
        _record_elsewhere(op_def, inputs, outputs, attrs, rec)


def _record_elsewhere(op_def: Any, inputs: tuple, outputs: tuple, attrs: dict | None, rec: Record | None) -> None:
    if state.accumulators:
        _forward_hook(op_def, inputs, outputs, attrs)
    if state.explain:
        if rec is not None:
            rec.site = _capture_site()
        if _history_hook is not None:
            _history_hook(op_def, inputs, outputs, tuple(t for t in state.tapes if rec is not None and
                                                           any(t.tensors.get(id(o)) is rec for o in outputs)))


def record_untracked(op_def: Any, inputs: tuple, outputs: tuple) -> None:
    """For ops TensorFlow never records (StopGradient): tapes and accumulators do not see them;
    only explain mode's history does, so it can still name the op."""
    if state.explain and _history_hook is not None:
        _history_hook(op_def, inputs, outputs, ())


def variable_accessed(variable: Any) -> None:
    """A trainable variable was read: every recording tape that auto-watches starts tracking it,
    and every variable watcher lists it."""
    if variable.trainable:
        key = id(variable._handle)
        for tape in state.tapes:
            if tape.watch_accessed_variables and key not in tape.variables:
                tape.watch_variable(variable)
        for seen in state.watchers:
            if not any(v._handle is variable._handle for v in seen):
                seen.append(variable)


_forward_hook: Callable[..., None] = lambda *args: None  # noqa: E731 - replaced by forward mode


def set_forward_hook(hook: Callable[..., None]) -> None:
    global _forward_hook
    _forward_hook = hook


def is_trainable(value: Any) -> bool:
    """True for tensors of a floating or complex dtype, and for variable handles."""
    return value.__class__ is ResourceHandle or value._value.dtype in TRAINABLE_NP
