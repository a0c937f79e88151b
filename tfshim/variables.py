"""`tf.Variable`: mutable state whose reads a tape can watch.

`tf.Variable(...)` creates a `ResourceVariable`, as in TensorFlow. Every read (arithmetic,
`read_value()`, `value()`, `tf.identity`, slicing) is recorded as a ReadVariableOp on the
variable's handle, so gradients reach the variable; `assign*` writes a new value and cuts the graph.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine import logs
from tfshim._engine import tape as _tape
from tfshim._engine.convert import convert_to_tensor, register_conversion
from tfshim._engine.errors import kernel_error
from tfshim._engine.registry import op_def, quiet_numpy
from tfshim._engine.resource import ResourceHandle
from tfshim._engine.sites import caller_site
from tfshim._engine.tensor import DEVICE, EagerTensor, Reference
from tfshim._engine.tensor_shape import TensorShape
from tfshim.name_scope import current_prefix

_state = _tape.state
_READ = op_def("ReadVariableOp")
_GATHER = op_def("ResourceGather")


class VariableSynchronization(enum.Enum):
    """`tf.VariableSynchronization`."""

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """`tf.VariableAggregation`."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


@_READ.sparse_gradient
def _read_grad(op: Any, grad: Any) -> Any:
    return grad


_INPLACE_MESSAGES = {
    "+=": "`variable += value` with `tf.Variable`s is not supported. Use `variable.assign_add(value)` to modify "
          "the variable, or `out = variable + value` if you need to get a new output Tensor.",
    "-=": "`variable -= value` with `tf.Variable`s is not supported. Use `variable.assign_sub(value)` to modify "
          "the variable, or `out = variable * value` if you need to get a new output Tensor.",
}


def _inplace_message(symbol: str) -> str:
    if symbol in _INPLACE_MESSAGES:
        return _INPLACE_MESSAGES[symbol]
    op = symbol[:-1]
    return (f"`var {symbol} value` with `tf.Variable`s is not supported. Use `var.assign(var {op} value)` to "
            f"modify the variable, or `out = var {op} value` if you need to get a new output Tensor.")


class Variable:
    """`tf.Variable`. Calling it builds a ResourceVariable."""

    _is_variable = True
    _is_tensor_like = True
    __array_priority__ = 100

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls is Variable:
            cls = ResourceVariable
        return object.__new__(cls)

    def __init__(self, initial_value: Any = None, trainable: Any = None, validate_shape: bool = True,
                 caching_device: Any = None, name: Any = None, variable_def: Any = None, dtype: Any = None,
                 import_scope: Any = None, constraint: Any = None,
                 synchronization: VariableSynchronization = VariableSynchronization.AUTO,
                 aggregation: VariableAggregation = VariableAggregation.NONE, shape: Any = None,
                 experimental_enable_variable_lifting: bool = True) -> None:
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except when you are not "
                             "providing a `variable_def`. You provided neither.")
        if constraint is not None and not callable(constraint):
            raise ValueError(f"Argument `constraint` must be None or a callable. a callable. Got a "
                             f"{type(constraint)}:  {constraint}")
        if name is not None and not isinstance(name, str):
            raise ValueError("name for name_scope must be a string.")
        if dtype is not None:
            dtype = _dtypes.as_dtype(dtype)
        if callable(initial_value):
            initial_value = initial_value()
        try:
            tensor = convert_to_tensor(initial_value, dtype=dtype)
        except ValueError as e:
            if isinstance(initial_value, (EagerTensor, Variable)):
                raise ValueError(f"initial_value: {e}") from None
            raise
        declared = None
        if shape is not None:
            declared = TensorShape(shape)
            if not declared.is_compatible_with(tensor.shape):
                raise ValueError(f"In this `tf.Variable` creation, the initial value's shape ({tensor.shape}) is not "
                                 f"compatible with the explicitly supplied `shape` argument ({shape}).")
            if declared.is_fully_defined():
                declared = None
        if trainable is None:
            trainable = synchronization != VariableSynchronization.ON_READ
        self._handle = ResourceHandle(_owned(tensor._value), tensor.dtype, declared)
        self._trainable = trainable
        self._name = current_prefix() + ("Variable" if name is None else name) + ":0"
        self._constraint = constraint
        self._synchronization = synchronization
        self._aggregation = aggregation
        self._validate_shape = validate_shape
        self._site = caller_site()  # where the user created it, for tape.explain() (about 0.3 µs)

    # -- reading --------------------------------------------------------------------------------
    def _read(self) -> EagerTensor:
        """A ReadVariableOp: the current value as a new tensor, recorded on watching tapes."""
        handle = self._handle
        out = EagerTensor(handle._value)
        if _state.active:
            _tape.variable_accessed(self)
            _tape.record(_READ, (handle,), (out,))
        return out

    def value(self) -> EagerTensor:
        return self._read()

    def read_value(self) -> EagerTensor:
        from tfshim.ops.shape_ops import identity

        return identity(self._read())

    def numpy(self) -> Any:
        value = self._handle._value
        if isinstance(value, np.ndarray):
            return value[()] if value.ndim == 0 else value.copy()
        return value

    def _scalar(self) -> Any:
        value = self._handle._value
        return value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value

    # -- properties -----------------------------------------------------------------------------
    @property
    def handle(self) -> ResourceHandle:
        return self._handle

    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self) -> _dtypes.DType:
        return self._handle.dtype

    @property
    def shape(self) -> TensorShape:
        declared = self._handle.declared_shape
        if declared is not None:
            return declared
        return TensorShape._from_tuple(self._handle._value.shape)

    def get_shape(self) -> TensorShape:
        return self.shape

    @property
    def trainable(self) -> Any:
        return self._trainable

    @property
    def device(self) -> str:
        return DEVICE

    @property
    def constraint(self) -> Callable | None:
        return self._constraint

    @property
    def aggregation(self) -> VariableAggregation:
        return self._aggregation

    @property
    def synchronization(self) -> VariableSynchronization:
        return self._synchronization

    @property
    def initial_value(self) -> Any:
        raise RuntimeError("This property is not supported when eager execution is enabled.")

    @property
    def dtype_is_floating(self) -> bool:
        return self.dtype.is_floating

    def ref(self) -> Reference:
        return Reference(self)

    def experimental_ref(self) -> Reference:
        logs.warning_first_n("From experimental_ref: Use ref() instead.", 1, "experimental_ref")
        return Reference(self)

    # -- writing --------------------------------------------------------------------------------
    def _convert_value(self, value: Any) -> EagerTensor:
        return convert_to_tensor(value, dtype=self.dtype)

    def _lazy_read(self) -> _UnreadVariable:
        if _state.active:
            _tape.variable_accessed(self)
        return _UnreadVariable(self._handle, self._trainable)

    def assign(self, value: Any, use_locking: Any = None, name: Any = None, read_value: bool = True) -> Any:
        """Replaces the value; shapes must be compatible (no broadcasting)."""
        tensor = self._convert_value(value)
        declared = self._handle.declared_shape
        own = declared if declared is not None else self.shape
        if not own.is_compatible_with(tensor.shape):
            raise ValueError(f"Cannot assign value to variable ' {self._name}': Shape mismatch.The variable shape "
                             f"{own}, and the assigned value shape {tensor.shape} are incompatible.")
        self._handle._value = _owned(tensor._value)
        return self._lazy_read() if read_value else None

    def _update(self, delta: Any, op_name: str, fn: Callable, read_value: bool) -> Any:
        current = self._handle._value
        if type(delta) is EagerTensor and delta._value.dtype == current.dtype:  # the training loop's case
            tensor = delta
        else:
            tensor = self._convert_value(delta)
        if current.shape != tensor._value.shape:
            raise kernel_error(op_name, f"Cannot update variable with shape {_shape_text(np.shape(current))} "
                                        f"using a Tensor with shape {_shape_text(tensor._value.shape)}, shapes must "
                                        "be equal.")
        self._handle._value = quiet_numpy.run(fn, current, tensor._value)  # a new array: nothing else holds it
        return self._lazy_read() if read_value else None

    def assign_add(self, delta: Any, use_locking: Any = None, name: Any = None, read_value: bool = True) -> Any:
        return self._update(delta, "AssignAddVariableOp", np.add, read_value)

    def assign_sub(self, delta: Any, use_locking: Any = None, name: Any = None, read_value: bool = True) -> Any:
        return self._update(delta, "AssignSubVariableOp", np.subtract, read_value)

    def _assign_slice(self, index: tuple, value: Any) -> Any:
        tensor = self._convert_value(value)
        updated = np.array(self._handle._value, copy=True)
        try:
            updated[index] = tensor._value
        except ValueError:
            raise ValueError(f"Cannot assign value of shape {tensor.shape} to a slice of variable "
                             f"'{self._name}' with shape {TensorShape._from_tuple(np.shape(updated[index]))}") from None
        self._handle._value = updated if updated.ndim else updated[()]
        return self._lazy_read()

    # -- sparse access --------------------------------------------------------------------------
    def sparse_read(self, indices: Any, name: Any = None) -> EagerTensor:
        """Rows `indices` of the variable (ResourceGather); its gradient is IndexedSlices."""
        from tfshim.ops import gather_ops

        if _state.active:
            _tape.variable_accessed(self)
        return gather_ops.resource_gather(self._handle, indices)

    def gather_nd(self, indices: Any, name: Any = None) -> EagerTensor:
        """`tf.gather_nd` on the variable (ResourceGatherNd); its gradient is dense unless the indices
        address whole rows."""
        from tfshim.ops import gather_ops

        if _state.active:
            _tape.variable_accessed(self)
        return gather_ops.resource_gather_nd(self._handle, indices, name=name)

    def _scatter(self, sparse_delta: Any, mode: str, name: Any) -> Any:
        from tfshim.ops import gather_ops

        gather_ops.resource_scatter(self._handle, sparse_delta, self.dtype, mode, name)
        return self._lazy_read()

    def scatter_update(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        """Writes `sparse_delta.values` into rows `sparse_delta.indices` (an IndexedSlices)."""
        return self._scatter(sparse_delta, "Update", name)

    def scatter_add(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        """Adds `sparse_delta.values` to rows `sparse_delta.indices` (repeated rows accumulate)."""
        return self._scatter(sparse_delta, "Add", name)

    def scatter_sub(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        """Subtracts `sparse_delta.values` from rows `sparse_delta.indices`."""
        return self._scatter(sparse_delta, "Sub", name)

    def scatter_max(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        return self._scatter(sparse_delta, "Max", name)

    def scatter_min(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        return self._scatter(sparse_delta, "Min", name)

    def scatter_mul(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        return self._scatter(sparse_delta, "Mul", name)

    def scatter_div(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Any:
        return self._scatter(sparse_delta, "Div", name)

    def _scatter_nd(self, indices: Any, updates: Any, mode: str, name: Any) -> Any:
        from tfshim.ops import gather_ops

        gather_ops.resource_scatter_nd(self._handle, indices, updates, self.dtype, mode, name)
        return self._lazy_read()

    def scatter_nd_update(self, indices: Any, updates: Any, name: Any = None) -> Any:
        """`tf.tensor_scatter_nd_update` applied to the variable in place."""
        return self._scatter_nd(indices, updates, "Update", name)

    def scatter_nd_add(self, indices: Any, updates: Any, name: Any = None) -> Any:
        """`tf.tensor_scatter_nd_add` applied to the variable in place."""
        return self._scatter_nd(indices, updates, "Add", name)

    def scatter_nd_sub(self, indices: Any, updates: Any, name: Any = None) -> Any:
        """`tf.tensor_scatter_nd_sub` applied to the variable in place."""
        return self._scatter_nd(indices, updates, "Sub", name)

    # -- Python protocols ---------------------------------------------------------------------
    def __getitem__(self, slice_spec: Any) -> EagerTensor:
        from tfshim.ops.indexing import getitem

        return getitem(self._read(), slice_spec, var=self)

    def __iter__(self) -> Any:
        if not np.shape(self._handle._value):
            raise TypeError("Cannot iterate over a scalar tensor.")
        return iter(self._read())

    def __setitem__(self, key: Any, value: Any) -> None:
        raise TypeError(f"'{type(self).__name__}' object does not support item assignment")

    def __array__(self, dtype: Any = None) -> np.ndarray:
        return np.asarray(self.numpy(), dtype=dtype)

    def __bool__(self) -> bool:
        return bool(self._read())

    def __float__(self) -> float:
        return float(self._scalar())

    def __int__(self) -> int:
        return int(self._scalar())

    def __complex__(self) -> complex:
        return complex(self._scalar())

    def __index__(self) -> int:
        return self._scalar().__index__()

    def __hash__(self) -> int:
        raise TypeError(f"Variable is unhashable. Instead, use variable.ref() as the key. (Variable: {self!r})")

    def __repr__(self) -> str:
        from tfshim._engine.tensor import value_text

        text = value_text(EagerTensor(self._handle._value), True)
        return f"<tf.Variable '{self._name}' shape={self.shape} dtype={self.dtype.name}, numpy={text}>"

    __str__ = __repr__

    def __iadd__(self, other: Any) -> Any:
        raise RuntimeError(_inplace_message("+="))

    def __isub__(self, other: Any) -> Any:
        raise RuntimeError(_inplace_message("-="))

    def __imul__(self, other: Any) -> Any:
        raise RuntimeError(_inplace_message("*="))

    def __itruediv__(self, other: Any) -> Any:
        raise RuntimeError(_inplace_message("/="))

    def __ipow__(self, other: Any) -> Any:
        raise RuntimeError(_inplace_message("**="))

    def __deepcopy__(self, memo: Any) -> Variable:
        return Variable(np.array(self.numpy(), copy=True), trainable=self._trainable, name=self._name[:-2]
                        if self._name.endswith(":0") else self._name, dtype=self.dtype)

    def __copy__(self) -> Variable:
        return self

    def __reduce__(self) -> tuple:
        return _rebuild_variable, (self.numpy(), self._trainable, self._name, self.dtype.name)


def _rebuild_variable(value: Any, trainable: Any, name: str, dtype: str) -> Variable:
    base = name[:-2] if name.endswith(":0") else name
    return Variable(value, trainable=trainable, name=base, dtype=dtype)


def _shape_text(shape: tuple) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _owned(value: Any) -> Any:
    """A private copy of an array (scalars are immutable already)."""
    return value.copy() if isinstance(value, np.ndarray) and value.ndim else value


class BaseResourceVariable(Variable):
    """The common base of the variables TensorFlow 2 creates (as in TF's class hierarchy)."""


class ResourceVariable(BaseResourceVariable):
    """The variable class TensorFlow 2 creates."""


class _UnreadVariable(BaseResourceVariable):
    """What `assign*` returns: a live view of the same variable, named 'UnreadVariable'."""

    def __init__(self, handle: ResourceHandle, trainable: Any) -> None:
        self._handle = handle
        self._trainable = trainable
        self._name = "UnreadVariable"
        self._constraint = None
        self._synchronization = VariableSynchronization.AUTO
        self._aggregation = VariableAggregation.NONE


def _variable_to_tensor(var: Variable, dtype: Any) -> EagerTensor:
    if dtype is not None and dtype != var.dtype:
        raise ValueError(f"Incompatible type conversion requested to type {dtype.name} for `tf.Variable of type "
                         f"{var.dtype.name}. (Variable: {var!r})")
    return var._read()


register_conversion(Variable, _variable_to_tensor, Variable._read)

# `inspect.signature(tf.Variable)` shows the constructor's arguments, not Variable.__new__'s *args.
Variable.__signature__ = inspect.signature(Variable.__init__).replace(
    parameters=list(inspect.signature(Variable.__init__).parameters.values())[1:])


def is_variable(value: Any) -> bool:
    return isinstance(value, Variable)
