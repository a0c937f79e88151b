"""`tf.custom_gradient` and `tf.recompute_grad`.

The decorated function returns `(output, grad_fn)`. Its outputs are recorded as the outputs of one op
whose gradient is `grad_fn`, so whatever the function computed internally is bypassed by the backward
walk. Variables the function reads (and does not take as arguments) are handed to `grad_fn` as
`variables=`, which it must accept; that is checked when the function is called, as in TensorFlow.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from tfshim import nest
from tfshim._engine import tape as _tape
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.registry import OpDef
from tfshim.gradient_tape import GradientTape, UnconnectedGradients

_state = _tape.state


class Bind:
    """What `@tf.custom_gradient` returns: a callable that keeps the function's name and docstring
    and binds like a method when used inside a class (TensorFlow's type has the same name)."""

    def __init__(self, f: Callable[..., Any], decorated: Callable[..., Any], instance: Any = None) -> None:
        functools.update_wrapper(self, f)
        self._f = f
        self._decorated = decorated
        self._instance = instance

    def __get__(self, instance: Any, owner: Any = None) -> Bind:
        if instance is None:
            return self
        return Bind(self._f, self._decorated, instance)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._instance is not None:
            return self._decorated(self._instance, *args, **kwargs)
        return self._decorated(*args, **kwargs)


def _accepts_variables(grad_fn: Callable[..., Any]) -> bool:
    try:
        spec = inspect.getfullargspec(grad_fn)
    except TypeError:
        return True
    return "variables" in spec.args or "variables" in spec.kwonlyargs or spec.varkw is not None


def _call_with_custom_gradient(f: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    with _tape.watch_variables() as read:
        result, grad_fn = f(*args, **kwargs)
    flat_args = nest.flatten(args)
    all_inputs = flat_args + nest.flatten(kwargs)
    variables = [v for v in read if not any(v is x for x in all_inputs)]
    if variables and not _accepts_variables(grad_fn):
        raise TypeError("@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function "
                        f"uses variables: {variables}")
    from tfshim.ops.shape_ops import identity

    flat_result = [identity(x) for x in nest.flatten(result)]
    inputs = tuple(convert_to_tensor(x) for x in flat_args + variables)
    arg_count = len(flat_args)

    def actual_grad_fn(op: Any, *result_grads: Any) -> list:
        grads = list(result_grads[:len(flat_result)])
        if variables:
            input_grads, variable_grads = grad_fn(*grads, variables=variables)
            if len(variable_grads) != len(variables):
                raise ValueError("Must return gradient for each variable from @custom_gradient grad_fn.")
        else:
            input_grads = grad_fn(*grads)
            variable_grads = []
        flat_grads = nest.flatten(input_grads)
        if len(flat_grads) != arg_count:
            raise ValueError(f"custom_gradient function expected to return {arg_count} gradients, but returned "
                             f"{len(flat_grads)} instead.")
        return [*flat_grads, *variable_grads]

    if _state.active:
        op = OpDef(getattr(f, "__name__", "CustomGradient"))
        op.grad_fn = actual_grad_fn
        _tape.record(op, inputs, tuple(flat_result))
    return nest.pack_sequence_as(result, flat_result)


def custom_gradient(f: Callable[..., Any] | None = None) -> Any:
    """`@tf.custom_gradient`: `f(*args)` returns `(outputs, grad_fn)`; `grad_fn(*upstreams)` returns
    one gradient per argument (and, with `variables=`, one per variable read)."""
    if f is None:
        return custom_gradient

    def decorated(*args: Any, **kwargs: Any) -> Any:
        return _call_with_custom_gradient(f, args, kwargs)

    return Bind(f, decorated)


def recompute_grad(f: Callable[..., Any]) -> Any:
    """`tf.recompute_grad`: runs `f` without recording, and again during backprop to get gradients
    (so `f` runs twice when a gradient is taken)."""

    @custom_gradient
    def inner(*args: Any, **kwargs: Any) -> Any:
        with _tape.stop_recording():
            result = f(*args, **kwargs)

        def grad_wrapper(*wrapper_args: Any, variables: Any = None) -> Any:
            @custom_gradient
            def inner_recompute_grad(*dresult: Any) -> Any:
                from tfshim.ops.shape_ops import identity

                with GradientTape() as t:
                    id_args = nest.map_structure(identity, args)
                    t.watch(id_args)
                    if variables is not None:
                        t.watch(variables)
                    recomputed = f(*id_args, **kwargs)
                kw_vars = list(variables) if variables is not None else []
                grads = t.gradient(recomputed, list(nest.flatten(id_args)) + kw_vars, output_gradients=dresult,
                                   unconnected_gradients=UnconnectedGradients.ZERO)

                def transpose(*t_args: Any, **t_kwargs: Any) -> Any:
                    raise NotImplementedError(f"recompute_grad tried to transpose grad of {f.__name__}. Consider not "
                                              "using recompute_grad in forward modeautodiff")

                n = len(nest.flatten(id_args))
                return (grads[:n], grads[n:]), transpose

            return inner_recompute_grad(*wrapper_args)

        return result, grad_wrapper

    return Bind(f, inner)


