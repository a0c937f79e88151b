"""`.weights.h5` files in Keras 3's layout, so that files load in real Keras and back:
`vars` (the model's own variables, attribute `name`), `layers/<snake_case class name>[_<n>]/vars/<i>`
for every layer in `model.layers` (nested sub-layers under their attribute names), then
`optimizer/vars/<i>` when the model has an optimizer.

Needs the optional `h5py` package (`pip install tfshim[h5]`); without it saving and loading raise
ImportError naming the package."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from tfshim.keras.backend.global_state import to_snake_case


def _h5py() -> Any:
    try:
        import h5py
    except ModuleNotFoundError as e:
        raise ImportError("Saving and loading `.weights.h5` files requires the `h5py` package, an optional "
                          "dependency of tfshim: `pip install h5py` (or `pip install tfshim[h5]`).") from e
    return h5py


def _is_layer(x: Any) -> bool:
    return getattr(type(x), "_is_layer", False)


def _own_variables(layer: Any) -> list:
    tracker = layer._tracker
    return list(tracker.trainable) + list(tracker.non_trainable)


def _children(obj: Any) -> list:
    """(path part, child) in Keras's order: a model's `layers` first, then attributes by name."""
    out: list = []
    if hasattr(obj, "compile") and hasattr(obj, "layers"):
        out.append(("layers", list(obj.layers)))
    for name in sorted(k for k in obj.__dict__ if not k.startswith("_")):
        value = obj.__dict__[name]
        if _is_layer(value):
            out.append((name, value))
        elif isinstance(value, (list, tuple)) and value and all(_is_layer(v) for v in value):
            out.append((name, list(value)))
    optimizer = obj.__dict__.get("_optimizer") if hasattr(obj, "compile") else None
    if optimizer is not None:
        out.append(("optimizer", optimizer))
    return out


def _walk(obj: Any, path: str, visit: Any, seen: set) -> None:
    if id(obj) in seen:
        return
    seen.add(id(obj))
    visit(obj, path)
    if not _is_layer(obj):
        return
    for part, child in _children(obj):
        if isinstance(child, list):
            used: dict = {}
            for item in child:
                name = to_snake_case(type(item).__name__)
                if name in used:
                    used[name] += 1
                    name = f"{name}_{used[name]}"
                else:
                    used[name] = 0
                _walk(item, f"{path}/{part}/{name}".lstrip("/"), visit, seen)
        else:
            _walk(child, f"{path}/{part}".lstrip("/"), visit, seen)


def save_weights_only(model: Any, filepath: str) -> None:
    h5py = _h5py()
    with h5py.File(filepath, "w") as f:
        def visit(obj: Any, path: str) -> None:
            group = f.require_group(f"{path}/vars" if path else "vars")
            group.attrs["name"] = obj.name
            variables = _own_variables(obj) if _is_layer(obj) else list(obj.variables)
            for i, v in enumerate(variables):
                group.create_dataset(str(i), data=np.asarray(v.numpy()))

        _walk(model, "", visit, set())


def load_weights_only(model: Any, filepath: str, skip_mismatch: bool = False) -> None:
    h5py = _h5py()
    with h5py.File(filepath, "r") as f:
        def visit(obj: Any, path: str) -> None:
            key = f"{path}/vars" if path else "vars"
            group = f[key] if key in f else None
            stored = [group[str(i)][()] for i in range(len(group))] if group is not None else []
            if not _is_layer(obj):
                if len(stored) != len(obj.variables):
                    msg = (f"Skipping variable loading for optimizer '{obj.name}', because it has "
                           f"{len(obj.variables)} variables whereas the saved optimizer has {len(stored)} "
                           "variables. ")
                    if not obj.variables:
                        msg += "This is likely because the optimizer has not been called/built yet."
                    warnings.warn(msg, stacklevel=4)
                    return
                for v, value in zip(obj.variables, stored):
                    v.assign(value)
                return
            variables = _own_variables(obj)
            if len(stored) != len(variables):
                if skip_mismatch:
                    warnings.warn(f"Skipping loading weights for layer '{obj.name}'", stacklevel=4)
                    return
                raise ValueError(f"Layer '{obj.name}' expected {len(variables)} variables, but received "
                                 f"{len(stored)} variables during loading. Expected: "
                                 f"{[v.name for v in variables]}")
            for v, value in zip(variables, stored):
                if tuple(v.shape) != tuple(value.shape):
                    if skip_mismatch:
                        warnings.warn(f"Skipping loading weights for layer '{obj.name}'", stacklevel=4)
                        return
                    raise ValueError(f"The shape of the target variable and the shape of the target value in "
                                     f"`variable.assign(value)` must match. variable.shape={tuple(v.shape)}, "
                                     f"Received: value.shape={tuple(value.shape)}. Target variable: {v}")
                v.assign(value)

        _walk(model, "", visit, set())
