"""`tf.function` and `tf.TensorSpec`.

A `tf.function` here runs its Python function eagerly on every call (nothing is traced or compiled),
so every op is recorded on active tapes exactly as the eager code would be. What TensorFlow does at the
boundary is kept: an `input_signature` binds and converts the arguments (with TF's errors), and the
results are converted to tensors (Python numbers, NumPy arrays, variables) with TF's error for values
that cannot be. `jit_compile`, `reduce_retracing`, `autograph` and the experimental options are accepted
and ignored.

Differences from TensorFlow: Python side effects (`print`, appending to lists, creating variables) run
on every call instead of once per trace; `jit_compile=True` compiles nothing, so functions XLA would
reject still run; a method is bound anew on each attribute access (TF caches it per instance through a
weak reference, which also makes TF fail on a method of a temporary instance); `experimental_*` tracing
queries and graph introspection (`get_concrete_function(...).graph`) are not available.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import wrapt

from tfshim import nest
from tfshim._engine import dtypes as _dtypes
from tfshim._engine.convert import convert_to_tensor
from tfshim._engine.tensor import EagerTensor, Tensor, is_tensor
from tfshim._engine.tensor_shape import TensorShape
from tfshim.ops import random_ops


# -- TensorSpec --------------------------------------------------------------------------------
class TensorSpec:
    """`tf.TensorSpec(shape, dtype=tf.float32, name=None)`: a description of a tensor."""

    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(self, shape: Any, dtype: Any = _dtypes.float32, name: str | None = None) -> None:
        self._shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
        self._dtype = _dtypes.as_dtype(dtype)
        self._name = name

    @classmethod
    def from_tensor(cls, tensor: Any, name: str | None = None) -> TensorSpec:
        """The spec of a tensor (or variable): its shape and dtype."""
        return cls(tensor.shape, tensor.dtype, name)

    @classmethod
    def from_spec(cls, spec: Any, name: str | None = None) -> TensorSpec:
        return cls(spec.shape, spec.dtype, name if name is not None else getattr(spec, "name", None))

    @property
    def shape(self) -> TensorShape:
        return self._shape

    @property
    def dtype(self) -> _dtypes.DType:
        return self._dtype

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def value_type(self) -> type:
        return Tensor

    def is_compatible_with(self, spec_or_tensor: Any) -> bool:
        """True if `spec_or_tensor` (a spec, tensor or variable) has this dtype and a compatible shape."""
        other = spec_or_tensor
        if not isinstance(other, TensorSpec) and not is_tensor(other):
            try:
                other = convert_to_tensor(other)
            except (TypeError, ValueError):
                return False
        return self._dtype == other.dtype and self._shape.is_compatible_with(other.shape)

    def is_subtype_of(self, other: Any) -> bool:
        if not isinstance(other, TensorSpec) or self._dtype != other.dtype:
            return False
        if other.shape.rank is None:
            return True
        if self._shape.rank != other.shape.rank:
            return False
        return all(o is None or s == o for s, o in zip(self._shape.as_list(), other.shape.as_list()))

    def most_specific_common_supertype(self, others: Any) -> TensorSpec | None:
        """The narrowest spec that every one of `others` and this spec fits, or None."""
        dims = None if self._shape.rank is None else self._shape.as_list()
        for other in others:
            if not isinstance(other, TensorSpec) or other.dtype != self._dtype:
                return None
            if dims is None or other.shape.rank is None or other.shape.rank != len(dims):
                dims = None
            else:
                dims = [a if a == b else None for a, b in zip(dims, other.shape.as_list())]
        if any(o.name != self._name for o in others):
            return None
        return TensorSpec(TensorShape(dims), self._dtype, self._name)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        return (self._shape.as_list() if self._shape.rank is not None else None) == (
            other._shape.as_list() if other._shape.rank is not None else None) and \
            self._dtype == other._dtype and self._name == other._name

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        dims = tuple(self._shape.as_list()) if self._shape.rank is not None else None
        return hash((dims, self._dtype, self._name))

    def __repr__(self) -> str:
        return f"TensorSpec(shape={self._shape}, dtype={self._dtype!r}, name={self._name!r})"

    def __reduce__(self) -> tuple:
        return TensorSpec, (self._shape, self._dtype, self._name)


# -- argument binding --------------------------------------------------------------------------
class _CastError(Exception):
    pass


def _cast_to_spec(value: Any, spec: Any) -> Any:
    if not isinstance(spec, TensorSpec):
        return value
    try:
        if is_tensor(value):
            tensor = convert_to_tensor(value)
        else:
            tensor = convert_to_tensor(value, dtype=spec.dtype)
    except (TypeError, ValueError) as e:
        raise _CastError(str(e)) from None
    if tensor.dtype != spec.dtype or not spec.shape.is_compatible_with(tensor.shape):
        raise _CastError(f"Can not cast {TensorSpec.from_tensor(tensor)} to {spec}")
    return tensor


def _signature_text(signature: inspect.Signature, specs: tuple) -> str:
    parts = []
    for i, param in enumerate(signature.parameters.values()):
        text = param.name
        if i < len(specs):
            text += f": {specs[i]!r}"
        if param.default is not inspect.Parameter.empty:
            text += " = <captured_default_value>"
        parts.append(text)
    return "(" + ", ".join(parts) + ")"


def _convert_output(value: Any, python_function: Any) -> Any:
    if value is None or type(value) is EagerTensor or (getattr(value, "_is_tensor_like", False) and
                                                       not getattr(value, "_is_variable", False)):
        return value
    if getattr(value, "_tf_composite", False):
        return value
    try:
        return convert_to_tensor(value)
    except (TypeError, ValueError):
        raise TypeError("To be compatible with tf.function, Python functions must return zero or more Tensors or "
                        f"ExtensionTypes or None values; in compilation of {python_function!r}, found return "
                        f"value of type {type(value).__name__}, which is not a Tensor or ExtensionType.") from None


# -- Function ----------------------------------------------------------------------------------
class Function(wrapt.ObjectProxy):
    """What `tf.function` returns: a callable that runs the Python function eagerly. It keeps the
    function's `__name__`, `__doc__` and signature, and binds to instances when used on a method."""

    def __init__(self, python_function: Callable[..., Any], input_signature: Any = None,
                 options: dict | None = None) -> None:
        super().__init__(python_function)
        self._self_options = dict(options or {})
        # traces belong to this Function object (and, for a method, to each instance): a token that
        # random ops key their graph seeds by, kept alive by them so it is never reused like an id
        self._self_trace_token = object()
        self._self_instance_tokens: Any = None
        self._self_specs: tuple | None = None
        self._self_signature: inspect.Signature | None = None
        if input_signature is not None:
            if not isinstance(input_signature, (tuple, list)):
                raise TypeError(f"input_signature must be either a tuple or a list, got {type(input_signature)}.")
            self._self_specs = tuple(input_signature)
            self._self_signature = _python_signature(python_function)
            _check_signature_covers(self._self_signature, self._self_specs)

    # public attributes TF's Function has
    @property
    def python_function(self) -> Callable[..., Any]:
        return self.__wrapped__

    @property
    def input_signature(self) -> tuple | None:
        return self._self_specs

    @property
    def name(self) -> str:
        return getattr(self.__wrapped__, "__name__", type(self.__wrapped__).__name__)

    def get_concrete_function(self, *args: Any, **kwargs: Any) -> ConcreteFunction:
        """A callable for the given argument types; here it simply calls this function."""
        return ConcreteFunction(self)

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        bound = self.__wrapped__.__get__(instance, owner)
        method = Function(bound, None, self._self_options)
        method._self_trace_token = self._instance_token(instance)
        if self._self_specs is not None:
            method._self_specs = self._self_specs
            method._self_signature = _python_signature(bound)
        return method

    def _instance_token(self, instance: Any) -> Any:
        """The trace token of this method on `instance` (one per instance, as TF traces per instance)."""
        tokens = self._self_instance_tokens
        if tokens is None:
            tokens = self._self_instance_tokens = weakref.WeakKeyDictionary()
        try:
            token = tokens.get(instance)
            if token is None:
                token = tokens[instance] = object()
        except TypeError:  # not weak-referenceable or unhashable: one token per bound access
            token = object()
        return token

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._self_specs is not None:
            args, kwargs = self._self_bind(args, kwargs)
        with random_ops.function_call_scope(_trace_key(self._self_trace_token, args, kwargs)):
            result = self.__wrapped__(*args, **kwargs)
        return nest.map_structure(lambda v: _convert_output(v, self.__wrapped__), result)

    def _self_bind(self, args: tuple, kwargs: dict) -> tuple:
        signature = self._self_signature
        specs = self._self_specs
        try:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            params = list(signature.parameters.values())
            for i, spec in enumerate(specs):
                if i >= len(params):
                    break
                name = params[i].name
                if name in bound.arguments:
                    value = bound.arguments[name]
                    if nest.is_nested(spec):
                        nest.assert_same_structure(spec, value, check_types=False)
                        value = nest.pack_sequence_as(
                            spec, [_cast_to_spec(v, s) for v, s in zip(nest.flatten(value), nest.flatten(spec))])
                    else:
                        value = _cast_to_spec(value, spec)
                    bound.arguments[name] = value
        except (TypeError, ValueError, _CastError) as e:
            raise TypeError(f"Binding inputs to tf.function failed due to `{e}`. Received args: {args!r} and "
                            f"kwargs: {kwargs!r} for signature: {_signature_text(signature, specs)}.") from None
        return bound.args, bound.kwargs

    def __repr__(self) -> str:
        return f"<tfshim.function.Function object at {hex(id(self))}>"

    __str__ = __repr__

    def __dir__(self) -> list:
        own = ["get_concrete_function", "input_signature", "name", "python_function"]
        return sorted(set(dir(self.__wrapped__)) | set(own))

    def __reduce_ex__(self, protocol: int) -> Any:
        return Function, (self.__wrapped__, self._self_specs, self._self_options)


def _arg_key(value: Any) -> Any:
    """An argument's part of the trace key, as TF's trace types see it: tensors, arrays and variables
    by shape and dtype (variables apart from tensors), Python values by value, containers by content."""
    if isinstance(value, (Tensor, np.ndarray, np.generic)):
        return "tensor", tuple(value.shape), str(value.dtype)
    if hasattr(value, "assign"):  # tf.Variable or a Keras variable
        return "variable", tuple(value.shape), str(value.dtype)
    if isinstance(value, (list, tuple)):
        return type(value).__name__, tuple(_arg_key(v) for v in value)
    if isinstance(value, dict):
        return "dict", tuple(sorted((str(k), _arg_key(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return "object", id(value)
    return value


def _trace_key(token: Any, args: tuple, kwargs: dict) -> tuple:
    """Which trace a call would run in TF: the Function's (or the method's instance's) token and the
    arguments' trace types. Random ops use it to seed like the traced graph would."""
    return token, tuple(_arg_key(a) for a in args), tuple(sorted((k, _arg_key(v)) for k, v in kwargs.items()))


class ConcreteFunction:
    """What `get_concrete_function` returns: callable like the function it came from."""

    def __init__(self, function: Function) -> None:
        self._function = function

    @property
    def name(self) -> str:
        return self._function.name

    @property
    def structured_input_signature(self) -> Any:
        return (self._function.input_signature or (), {})

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._function(*args, **kwargs)


def _python_signature(fn: Any) -> inspect.Signature:
    return inspect.signature(fn)


def _check_signature_covers(signature: inspect.Signature, specs: tuple) -> None:
    """TF's check at decoration: every positional parameter past the signature needs a default."""
    params = [p for p in signature.parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if params and params[0].name in ("self", "cls"):
        params = params[1:]
    for param in params[len(specs):]:
        if param.default is inspect.Parameter.empty:
            raise TypeError(f"input_signature missing type constraint for {param.name}")


def function(func: Callable[..., Any] | None = None, input_signature: Any = None, autograph: bool = True,
             jit_compile: Any = None, reduce_retracing: bool = False, experimental_implements: Any = None,
             experimental_autograph_options: Any = None, experimental_attributes: Any = None,
             experimental_relax_shapes: Any = None, experimental_compile: Any = None,
             experimental_follow_type_hints: Any = None) -> Any:
    """`tf.function`, as a decorator (with or without arguments) or a call. The function runs eagerly;
    see the module docstring for what differs from TensorFlow."""
    options = {"autograph": autograph, "jit_compile": jit_compile, "reduce_retracing": reduce_retracing}

    def decorate(fn: Callable[..., Any]) -> Function:
        return Function(fn, input_signature, options)

    if func is not None:
        return decorate(func)
    return decorate
