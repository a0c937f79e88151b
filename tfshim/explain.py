"""Why is my gradient None? `tape.explain(target, sources)` and the opt-in explain mode.

`explain` walks back from the target through what is known about how each tensor was made and
reports, per source, whether a gradient can reach it and if not, why, naming the op and the user's
file:line where the path was cut. Without explain mode it knows only what the tape recorded; with it
(`tfshim.config.set_explain_unconnected(True)` or TFSHIM_EXPLAIN=1) tfshim also keeps, weakly, the
history of every op run while a tape exists (with call sites), which tensors left a recording tape as
NumPy values and which constants came back with one of those values. Explain mode also logs an
explanation whenever `gradient` gives None (or ZERO's zeros) for an unconnected source, and warns once
per call site when a watched tensor is converted to NumPy.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tfshim._engine import convert as _convert
from tfshim._engine import registry as _registry
from tfshim._engine import tape as _tape
from tfshim._engine import tensor as _tensor
from tfshim._engine.sites import Site, as_site, caller_site, user_site, user_stacklevel
from tfshim._engine.tape import TRAINABLE_NP

_state = _tape.state
_logger = logging.getLogger("tfshim")

# Causes, in the words the report uses.
CONNECTED = "connected"
TAPE_USED = "tape already used"
NON_FLOAT_SOURCE = "integer or string source"
NOT_WATCHED = "never watched"
NOT_TRAINABLE = "non-trainable variable"
AUTO_WATCH_OFF = "watch_accessed_variables=False"
NOT_USED = "not used by the target"
OUTSIDE_TAPE = "computed outside the tape"
STOP_RECORDING = "computed inside stop_recording()"
BEFORE_RESET = "computed before reset()"
STOP_GRADIENT = "tf.stop_gradient"
NO_GRADIENT_OP = "op without a gradient"
INTEGER_PATH = "integer path"
LEFT_TAPE = "left the tape as NumPy"

# TensorFlow ops whose registered gradient returns None for every input.
_NONE_GRADIENT_OPS = frozenset({"FloorDiv", "Floor", "Ceil", "Round", "Rint", "TruncateDiv", "ArgMax", "ArgMin",
                                "Shape", "Size", "Rank", "ZerosLike", "OnesLike", "Range"})


class UnconnectedGradientWarning(UserWarning):
    """A tensor watched by a recording tape was converted to NumPy: gradients cannot follow it."""


# -- explain mode --------------------------------------------------------------------------------
@dataclass
class _History:
    """How one tensor was made, kept only in explain mode."""

    op: str
    differentiable: bool
    inputs: tuple  # kept alive as long as the output is (as a tape record would)
    site: Site | None
    tapes: frozenset  # serials of the recordings active at that moment
    paused: frozenset  # serials of the recordings paused by stop_recording() at that moment
    recorded: frozenset  # serials of the recordings that recorded this op
    note: str = ""


@dataclass
class _Export:
    tensor: Any  # weak reference to the tensor that was converted
    site: Site | None
    via: str


class _WeakIdMap:
    """A map keyed by object identity that forgets an entry when its object dies (tensors are
    unhashable, so WeakKeyDictionary cannot hold them)."""

    def __init__(self) -> None:
        self._data: dict[int, tuple] = {}

    def set(self, obj: Any, value: Any) -> None:
        key = id(obj)
        try:
            ref = weakref.ref(obj, lambda _r, k=key: self._data.pop(k, None))
        except TypeError:
            return
        self._data[key] = (ref, value)

    def get(self, obj: Any) -> Any:
        entry = self._data.get(id(obj))
        if entry is None or entry[0]() is not obj:
            return None
        return entry[1]


class _Mode:
    def __init__(self) -> None:
        self.enabled = False
        self.history = _WeakIdMap()
        self.created = _WeakIdMap()  # constants made from Python/NumPy values: where (sites.caller_site)
        self.exports: dict[tuple, _Export] = {}


_mode = _Mode()


def set_explain_unconnected(enabled: bool) -> None:
    """Turns explain mode on or off (for the calling thread and threads started afterwards)."""
    enabled = bool(enabled)
    if enabled == _mode.enabled:
        return
    _mode.enabled = enabled
    _tape.set_explain(enabled)
    if enabled:
        _tape.set_history_hook(_record_history)
        _tensor.set_export_hook(_on_export)
        _convert.set_import_hook(_on_import)
    else:
        _tape.set_history_hook(None)
        _tensor.set_export_hook(None)
        _convert.set_import_hook(None)
        _mode.history = _WeakIdMap()
        _mode.created = _WeakIdMap()
        _mode.exports.clear()


def get_explain_unconnected() -> bool:
    return _mode.enabled


def _ref(obj: Any) -> Any:
    try:
        return weakref.ref(obj)
    except TypeError:
        return lambda: obj


def _record_history(op_def: Any, inputs: tuple, outputs: tuple, recorded_on: tuple) -> None:
    entry = _History(op_def.name, _differentiable(op_def), inputs, user_site(),
                     frozenset(t.serial for t in _state.tapes), frozenset(t.serial for t in _state.paused),
                     frozenset(t.serial for t in recorded_on))
    for out in outputs:
        _mode.history.set(out, entry)


def _value_key(value: Any) -> tuple | None:
    array = np.asarray(value)
    if array.dtype == object or array.size > 4096:
        return None
    return array.dtype.str, array.shape, array.tobytes()


def _on_export(tensor: Any, via: str) -> None:
    """A tensor's value was handed to NumPy/Python (`.numpy()`, `np.asarray`, `float()`, ...)."""
    if tensor._value.dtype not in TRAINABLE_NP:
        return
    if not any(id(tensor) in t.tensors for t in _state.tapes):
        return
    site = user_site()
    key = _value_key(tensor._value)
    if key is not None:
        _mode.exports[key] = _Export(_ref(tensor), site, via)
    warnings.warn(f"A tensor watched by a recording GradientTape was converted to a NumPy value ({via}); "
                  "gradients cannot flow through that value, and a result computed from it will get None "
                  "(tape.explain() says more).", UnconnectedGradientWarning, stacklevel=user_stacklevel())


def _on_import(value: Any, tensor: Any) -> None:
    """A constant was made from a NumPy/Python value: note where, and whether the value left a tape earlier."""
    _mode.created.set(tensor, caller_site())
    if not _mode.exports:
        return
    key = _value_key(tensor._value)
    found = _mode.exports.get(key) if key is not None else None
    if found is None:
        return
    exported = found.tensor()
    if exported is None:
        return
    entry = _History("<NumPy round trip>", False, (exported,), user_site(), frozenset(), frozenset(),
                     frozenset(), note=f"left the tape through {found.via} at {found.site} and came back as a "
                                       "constant")
    _mode.history.set(tensor, entry)


def _differentiable(op_def: Any) -> bool:
    return _registry.is_differentiable(op_def) and op_def.name not in _NONE_GRADIENT_OPS


# -- the report ----------------------------------------------------------------------------------
@dataclass
class ExplainEntry:
    """What explain() found for one source.

    `site` is the user's line that matters most for the cause; `sites` names every line known, as
    (what happened there, Site) pairs, `site` first (for a non-trainable variable: where it was created
    and where the tape saw it read).
    """

    index: int
    source: str
    cause: str
    message: str
    site: Site | None = None
    sites: tuple = ()

    def __post_init__(self) -> None:
        if self.sites:
            self.sites = tuple((what, where) for what, where in self.sites if where is not None)
        if self.site is None and self.sites:
            self.site = self.sites[0][1]

    @property
    def connected(self) -> bool:
        return self.cause == CONNECTED

    def __str__(self) -> str:
        verdict = "gradient flows" if self.connected else f"no gradient ({self.cause})"
        if self.sites:
            where = "".join(f"\n      {what} at {site}" for what, site in self.sites)
        else:
            where = f"\n      at {self.site}" if self.site is not None else ""
        return f"  source {self.index} {self.source}: {verdict}: {self.message}{where}"


@dataclass
class Explanation:
    """The report `tape.explain()` returns; `str()` it to read it."""

    entries: list[ExplainEntry] = field(default_factory=list)

    def __iter__(self) -> Any:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> ExplainEntry:
        return self.entries[index]

    def __str__(self) -> str:
        lines = [f"Gradient explanation ({len(self.entries)} source{'s' if len(self.entries) != 1 else ''}):"]
        lines.extend(str(e) for e in self.entries)
        return "\n".join(lines)

    __repr__ = __str__


def _describe(obj: Any) -> str:
    name = getattr(obj, "_name", None) if not isinstance(obj, _tensor.EagerTensor) else None
    if name:
        return f"(variable '{name}')"
    try:
        return f"(tensor of shape {tuple(obj.shape)}, dtype {obj.dtype.name})"
    except Exception:
        return f"({type(obj).__name__})"


# -- analysis ------------------------------------------------------------------------------------
@dataclass
class _Edge:
    """One step back from a tensor to an input of the op that made it."""

    op: str
    site: Site | None
    cut: str | None  # the cause if a gradient cannot cross this step, else None
    detail: str


def _producers(gtape: Any, tape: Any, key: Any) -> list[tuple[Any, _Edge]]:
    """(input, edge) pairs for the op that produced `key`, from the tape and the explain history."""
    rec = tape.tensors.get(id(key)) if tape is not None else None
    if rec is not None:
        cut = None
        detail = ""
        if rec.op_def.name == "StopGradient":
            cut, detail = STOP_GRADIENT, "the path passes through tf.stop_gradient"
        elif not _differentiable(rec.op_def):
            cut, detail = NO_GRADIENT_OP, f"the path passes through {rec.op_def.name}, which has no gradient"
        elif getattr(key, "_value", None) is not None and key._value.dtype not in TRAINABLE_NP \
                and not hasattr(key, "uid"):
            cut = INTEGER_PATH
            detail = (f"{rec.op_def.name} produces a {_tensor.EagerTensor(key._value).dtype.name} tensor here; "
                      "gradients do not flow through integer, bool or string values")
        return [(x, _Edge(rec.op_def.name, getattr(rec, "site", None), cut, detail)) for x in rec.inputs]
    history = _mode.history.get(key) if _mode.enabled else None
    if history is None:
        return []
    serials = set(gtape._tape_serials)
    if history.note:
        cut, detail = LEFT_TAPE, f"the value {history.note}"
    elif history.paused & serials:
        cut, detail = STOP_RECORDING, f"{history.op} ran inside tape.stop_recording()"
    elif tape is not None and history.tapes & (serials - {tape.serial}):
        cut, detail = BEFORE_RESET, f"{history.op} ran before tape.reset(), which discarded it"
    elif tape is None or tape.serial not in history.tapes:
        cut, detail = OUTSIDE_TAPE, f"{history.op} ran outside the tape's `with` block"
    elif history.op == "StopGradient":
        cut, detail = STOP_GRADIENT, "the path passes through tf.stop_gradient"
    elif not history.differentiable:
        cut, detail = NO_GRADIENT_OP, f"the path passes through {history.op}, which has no gradient"
    else:
        cut, detail = None, ""
    edge = _Edge(history.op, history.site, cut, detail)
    return [(x, edge) for x in history.inputs]


def _search(gtape: Any, tape: Any, targets: list, source_key: Any) -> tuple[bool, _Edge | None, _Edge | None]:
    """(reachable, first cut met from the target side or None if some path is uncut, the edge of the
    op that consumes the source on a path)."""
    best: _Edge | None = None
    via: _Edge | None = None
    found = False
    seen: set = set()
    stack: list = [(t, None, None) for t in targets]
    while stack:
        node, cut, last = stack.pop()
        if node is source_key:
            found = True
            via = via or last
            if cut is None:
                return True, None, last
            if best is None or _PRIORITY.get(cut.cut, 9) < _PRIORITY.get(best.cut, 9):
                best = cut
            continue
        state_key = (id(node), None if cut is None else cut.cut)
        if state_key in seen:
            continue
        seen.add(state_key)
        for child, edge in _producers(gtape, tape, node):
            stack.append((child, cut if cut is not None else (edge if edge.cut else None), edge))
    return found, best, via


_PRIORITY = {STOP_GRADIENT: 0, INTEGER_PATH: 1, NO_GRADIENT_OP: 2, LEFT_TAPE: 3, STOP_RECORDING: 4,
             BEFORE_RESET: 5, OUTSIDE_TAPE: 6}


def explain(gtape: Any, target: Any, sources: Any) -> Explanation:
    """The analysis behind `GradientTape.explain`."""
    from tfshim import nest
    from tfshim.gradient_tape import handle_or_self
    from tfshim.variables import Variable

    tape = gtape._tape
    targets = [handle_or_self(t) for t in nest.flatten(target) if t is not None]
    result = Explanation()
    for index, source in enumerate(nest.flatten(sources)):
        label = _describe(source)
        if tape is None:
            result.entries.append(ExplainEntry(index, label, TAPE_USED, "this non-persistent tape has already "
                                               "computed its gradients (or was never entered), so its recording is "
                                               "gone; use GradientTape(persistent=True), or call explain() before "
                                               "gradient()",
                                               sites=(("gradients computed", as_site(gtape._used_at)),)))
            continue
        key = handle_or_self(source)
        dtype = source.dtype
        if not (dtype.is_floating or dtype.is_complex):
            result.entries.append(ExplainEntry(index, label, NON_FLOAT_SOURCE,
                                               f"the source is {dtype.name}; gradients only flow to floating-point "
                                               "and complex sources",
                                               sites=(("created", _creation_site(source)),
                                                      ("watched", as_site(tape.watch_sites.get(id(key)))))))
            continue
        reachable, cut, via = _search(gtape, tape, targets, key)
        tracked = id(key) in tape.tensors
        if not tracked:
            result.entries.append(_untracked(index, label, source, gtape, reachable, cut, via,
                                             isinstance(source, Variable)))
        elif reachable and cut is None:
            result.entries.append(ExplainEntry(index, label, CONNECTED, "the target depends on it through "
                                               "recorded ops that have gradients"))
        elif reachable:
            result.entries.append(ExplainEntry(index, label, cut.cut, cut.detail, cut.site))
        else:
            entry = _unreached(index, label, gtape, tape, targets, key)
            if entry.cause == NOT_USED and entry.site is None:
                entry = ExplainEntry(index, label, NOT_USED, entry.message,
                                     sites=(("created", _creation_site(source)),))
            result.entries.append(entry)
    return result


def _creation_site(obj: Any) -> Site | None:
    """Where the user made `obj`: any variable's creation; a tensor's only in explain mode (the op that
    made it, or the constant's conversion)."""
    raw = getattr(obj, "_site", None)
    if raw is not None:
        return as_site(raw)
    if not _mode.enabled:
        return None
    history = _mode.history.get(obj)
    if history is not None:
        return history.site
    return as_site(_mode.created.get(obj))


def _untracked(index: int, label: str, source: Any, gtape: Any, reachable: bool, cut: _Edge | None,
               via: _Edge | None, is_variable: bool) -> ExplainEntry:
    tape = gtape._tape
    if is_variable:
        read = via.site if reachable and via is not None else None  # (known in explain mode)
        hint = "" if _mode.enabled else " (explain mode also names the line that read it)"
        if not source.trainable:
            return ExplainEntry(index, label, NOT_TRAINABLE, "the variable was created with trainable=False, so "
                                f"reading it does not watch it; call tape.watch(variable){hint}",
                                sites=(("created", _creation_site(source)), ("read under the tape", read)))
        if not tape.watch_accessed_variables:
            return ExplainEntry(index, label, AUTO_WATCH_OFF, "the tape was created with "
                                "watch_accessed_variables=False and the variable was not passed to tape.watch()"
                                f"{hint}",
                                sites=(("tape created", as_site(gtape._created_at)), ("read under the tape", read)))
        if reachable and cut is not None:
            return ExplainEntry(index, label, cut.cut, f"the variable was read, but {cut.detail}", cut.site)
        return ExplainEntry(index, label, NOT_USED, "the variable was never read while the tape was recording, so "
                            "the target does not depend on it", sites=(("created", _creation_site(source)),))
    use = via if via is not None else cut
    extra = " (the target does use it)" if reachable else ""
    return ExplainEntry(index, label, NOT_WATCHED, "a tensor is only tracked after tape.watch(tensor) inside the "
                        f"tape's `with` block{extra}", use.site if reachable and use is not None else None)


def _unreached(index: int, label: str, gtape: Any, tape: Any, targets: list, key: Any) -> ExplainEntry:
    """The source is tracked but no known path leads from the target to it."""
    for t in targets:
        if id(t) not in tape.tensors:
            history = _mode.history.get(t) if _mode.enabled else None
            if history is not None:
                edges = _producers(gtape, tape, t)
                edge = edges[0][1] if edges else None
                if edge is not None and edge.cut:
                    return ExplainEntry(index, label, edge.cut, f"the target was not recorded: {edge.detail}",
                                        edge.site)
            return ExplainEntry(index, label, OUTSIDE_TAPE, "the target (or part of it) was not recorded by this "
                                "tape: it was computed outside the `with` block, inside stop_recording(), before "
                                "reset(), through tf.stop_gradient, or from values that were never watched (turn "
                                "on explain mode for the cause and the line)")
    for export in list(_mode.exports.values()):
        exported = export.tensor()
        if exported is not None and (exported is key or _depends(tape, exported, key)):
            return ExplainEntry(index, label, LEFT_TAPE, f"a value depending on it left the tape through "
                                f"{export.via}; what was computed from that value is a constant to the tape",
                                export.site)
    return ExplainEntry(index, label, NOT_USED, "the target does not depend on it")


def _depends(tape: Any, tensor: Any, key: Any) -> bool:
    seen: set = set()
    stack = [tensor]
    while stack:
        node = stack.pop()
        if node is key:
            return True
        if id(node) in seen:
            continue
        seen.add(id(node))
        rec = tape.tensors.get(id(node))
        if rec is not None:
            stack.extend(rec.inputs)
    return False


def log_unconnected(gtape: Any, target: Any, sources: list, grads: list) -> None:
    """Explain mode: log why `gradient` had nothing for some sources."""
    missing = [s for s, g in zip(sources, grads) if g is None]
    if not missing:
        return
    report = explain(gtape, target, missing)
    message = f"tape.gradient returned no gradient for {len(missing)} source(s):\n{report}"
    if _logger.hasHandlers():  # the application configured logging: go through it
        _logger.warning(message)
    else:
        print(f"WARNING:tfshim:{message}", file=sys.stderr)


if os.environ.get("TFSHIM_EXPLAIN", "") not in ("", "0", "false", "False"):
    set_explain_unconnected(True)
