"""The list of TensorFlow names tfshim implements, generated from the `tf` namespace itself (so the
list in docs/compatibility.md cannot drift: tests/test_docs.py regenerates it and compares).

    python -m conformance --write-docs      rewrites docs/compatibility.md, this list included
"""

from __future__ import annotations

import types
from typing import Any

# TensorFlow's namespaces that tfshim mirrors, in the order the list shows them ("" is `tf` itself)
# (`tf.compat.v2` forwards every name to `tf`, so it is not listed separately)
NAMESPACES = ("", "autodiff", "bitwise", "compat.v1", "config", "data", "data.experimental", "debugging", "dtypes",
              "errors", "image", "linalg", "math", "nest", "nn", "nn.experimental", "random", "random.experimental",
              "test", "keras", "keras.activations", "keras.backend", "keras.callbacks", "keras.config",
              "keras.constraints", "keras.datasets", "keras.dtype_policies", "keras.initializers", "keras.layers",
              "keras.losses", "keras.metrics", "keras.mixed_precision", "keras.models", "keras.ops",
              "keras.optimizers", "keras.optimizers.schedules", "keras.random", "keras.regularizers", "keras.utils")
_NOT_API_MODULES = frozenset({"typing", "__future__", "collections.abc"})

HEADING = "## Implemented names"


def _module(tf: Any, path: str) -> Any:
    module = tf
    for part in filter(None, path.split(".")):
        module = getattr(module, part)
    return module


def _is_api_name(module: Any, name: str) -> bool:
    exported = getattr(module, "__all__", None)
    if exported is not None:
        return name in exported
    if name.startswith("_"):
        return False
    value = getattr(module, name)
    if isinstance(value, types.ModuleType):  # submodules are listed as namespaces of their own
        return False
    return getattr(value, "__module__", None) not in _NOT_API_MODULES


def implemented_names(tf: Any) -> dict[str, list[str]]:
    """For each namespace, the public names it defines (submodules and typing helpers left out)."""
    listed = {}
    for path in NAMESPACES:
        module = _module(tf, path)
        listed[path] = sorted(n for n in dir(module) if _is_api_name(module, n))
    return listed


def gradient_ops() -> tuple[list[str], list[str]]:
    """The op types with a registered gradient, and those TF declares non-differentiable."""
    from tfshim._engine.registry import is_differentiable, registered_ops

    ops = registered_ops()
    with_gradient = sorted(name for name, op in ops.items() if is_differentiable(op))
    without = sorted(name for name, op in ops.items() if op.grad_fn is not None and not is_differentiable(op))
    return with_gradient, without


def markdown(tf: Any) -> str:
    listed = implemented_names(tf)
    total = sum(len(names) for names in listed.values())
    lines = [HEADING, "",
             f"Generated from tfshim's `tf` namespace: {total} names in {len(listed)} namespaces "
             "(`tf.compat.v2` forwards to `tf`). A name not listed raises `AttributeError` naming it, so "
             "`hasattr` works.", ""]
    for path, names in listed.items():
        title = "tf" if not path else f"tf.{path}"
        lines += [f"### `{title}` ({len(names)})", "", ", ".join(f"`{n}`" for n in names), ""]
    with_gradient, without = gradient_ops()
    lines += [f"### Op types with a gradient ({len(with_gradient)})", "",
              "Each is the TensorFlow op type a tape records; its gradient function sits beside the op.", "",
              ", ".join(f"`{n}`" for n in with_gradient), "",
              f"### Op types TensorFlow declares non-differentiable ({len(without)})", "",
              "Their inputs get `None` gradients, as in TensorFlow.", "",
              ", ".join(f"`{n}`" for n in without), ""]
    return "\n".join(lines)
