"""`keras.Variable`: Keras's own variable type, backed by a tfshim `tf.Variable` (its `.value`).

As in TF 2.21 it is not a `tf.Variable` (`isinstance(v, tf.Variable)` is False), but every tf op
accepts it, `tf.is_tensor(v)` is True, and tapes watch it through its backing variable. Its
`dtype` is a string (`'float32'`), it has a `path` (`dense/kernel`) fixed when it is created from
the enclosing Keras name scopes, and it is unhashable (key dicts by `v.path`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.backend import core as _core
from tfshim.keras.backend.global_state import auto_name
from tfshim.keras.backend.name_scope import current_path

_AGGREGATIONS = {"none": tf.VariableAggregation.NONE, "sum": tf.VariableAggregation.SUM,
                 "mean": tf.VariableAggregation.MEAN,
                 "only_first_replica": tf.VariableAggregation.ONLY_FIRST_REPLICA}
_SYNCHRONIZATIONS = {"none": tf.VariableSynchronization.NONE, "on_read": tf.VariableSynchronization.ON_READ,
                     "on_write": tf.VariableSynchronization.ON_WRITE, "auto": tf.VariableSynchronization.AUTO}


def _resolve_initializer(initializer: Any) -> Any:
    """A string through `keras.initializers.get` (a minimal 'zeros'/'ones' fallback until it exists)."""
    from tfshim.keras import initializers

    get = getattr(initializers, "get", None)
    if get is not None:
        return get(initializer)
    if initializer in ("zeros", "ones"):
        fill = tf.zeros if initializer == "zeros" else tf.ones

        def _fill(shape: Any, dtype: Any = None) -> Any:
            return fill(shape, dtype=dtype)

        return _fill
    raise ValueError(f"Could not interpret initializer identifier: {initializer}")


class Variable:
    """`keras.Variable(initializer, shape=None, dtype=None, trainable=True, autocast=True,
    aggregation='none', synchronization='auto', name=None)`.

    `initializer` is a value (array, tensor, Python number) or an initializer called as
    `initializer(shape, dtype=dtype)`. Like Keras, extra keywords (`constraint=`,
    `regularizer=`) are accepted and ignored: the attributes stay None unless set later (as
    `Layer.add_weight` does).
    """

    _is_tensor_like = True  # tf.is_tensor(v) is True, as in TF
    _should_act_as_resource_variable = True  # tapes use the backing variable (as TF's tape does)
    __array_priority__ = 100
    __hash__ = None  # type: ignore[assignment]  # unhashable, as in Keras

    def __init__(self, initializer: Any, shape: Any = None, dtype: Any = None, trainable: bool = True,
                 autocast: bool = True, aggregation: str | None = "none", synchronization: str | None = "auto",
                 name: str | None = None, **kwargs: Any) -> None:
        name = name or auto_name(type(self).__name__)
        if not isinstance(name, str) or "/" in name:
            raise ValueError("Argument `name` must be a string and cannot contain character `/`. "
                             f"Received: name={name}")
        if aggregation not in (None, "none", "mean", "sum", "only_first_replica"):
            raise ValueError("Invalid value for argument `aggregation`. Expected one of `None`, `'none'`, "
                             "`'mean'`, `'sum'`, `'only_first_replica'`. "
                             f"Received: aggregation={aggregation}")
        if synchronization not in (None, "none", "on_read", "on_write", "auto"):
            raise ValueError("Invalid value for argument `synchronization`. Expected one of `None`, `'none'`, "
                             "`'on_read'`, `'on_write'`, `'auto'`. "
                             f"Received: synchronization={synchronization}")
        self._name = name
        parent = current_path()
        self._path = f"{parent}/{name}" if parent else name
        self._regularizer: Any = None
        self._constraint: Any = None
        self._trainable = bool(trainable)
        self._autocast = bool(autocast)
        self._aggregation = aggregation or "none"
        self._synchronization = synchronization or "none"
        self._overwrite_with_gradient = False
        if isinstance(initializer, str):
            initializer = _resolve_initializer(initializer)
        if callable(initializer):
            if shape is None:
                raise ValueError("When creating a Variable from an initializer, the `shape` argument should be "
                                 f"specified. Received: initializer={initializer} and shape={shape}")
            self._dtype = _core.standardize_dtype(dtype)
            self._shape = self._validate_shape(shape)
            value = _core.convert_to_tensor(initializer(self._shape, dtype=self._dtype))
        else:
            value = _core.convert_to_tensor(initializer, dtype=dtype)
            self._dtype = _core.standardize_dtype(value.dtype if dtype is None else dtype)
            self._shape = None
        if isinstance(value, tf.Variable):
            self._value = value
        else:
            self._value = tf.Variable(value, dtype=self._dtype, trainable=self._trainable, name=name,
                                      aggregation=_AGGREGATIONS[self._aggregation],
                                      synchronization=_SYNCHRONIZATIONS[self._synchronization])
        if self._shape is None:
            self._shape = self._validate_shape(self._value.shape)
        self._ndim = len(self._shape)

    def _validate_shape(self, shape: Any) -> tuple:
        shape = _core.standardize_shape(shape)
        if None in shape:
            raise ValueError("Shapes used to initialize variables must be fully-defined (no `None` dimensions). "
                             f"Received: shape={shape} for variable path='{self._path}'")
        return shape

    # -- the value --------------------------------------------------------------------------------
    @property
    def value(self) -> Any:
        """The backing `tf.Variable` (cast to the autocast dtype inside a mixed-precision scope)."""
        scope = _core._autocast[0]
        if scope is not None and self._autocast:
            return scope.maybe_cast(self._value)
        return self._value

    @property
    def handle(self) -> Any:
        return self._value.handle

    def numpy(self) -> Any:
        return self._value.numpy()

    def assign(self, value: Any) -> Any:
        """Writes `value` (cast to the variable's dtype); returns it as a tensor. ValueError on a shape
        mismatch."""
        value = _core.convert_to_tensor(value, dtype=self._dtype)
        if tuple(value.shape) != self._shape:
            raise ValueError("The shape of the target variable and the shape of the target value in "
                             f"`variable.assign(value)` must match. variable.shape={self.shape}, "
                             f"Received: value.shape={value.shape}. Target variable: {self}")
        self._value.assign(value)
        return value

    def assign_add(self, value: Any) -> Any:
        return self.assign(self + value)

    def assign_sub(self, value: Any) -> Any:
        return self.assign(self - value)

    # -- properties -------------------------------------------------------------------------------
    @property
    def dtype(self) -> str:
        scope = _core._autocast[0]
        if scope is not None and self._autocast and scope.dtype is not None and self._dtype in _core.FLOAT_TYPES:
            return scope.dtype
        return self._dtype

    @property
    def shape(self) -> tf.TensorShape:
        return tf.TensorShape(self._shape)

    @property
    def ndim(self) -> int:
        return self._ndim

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        # Only the Keras flag changes: the backing tf.Variable stays trainable (tapes still watch it).
        self._trainable = bool(value)

    @property
    def name(self) -> str:
        return self._name

    @property
    def path(self) -> str:
        return self._path

    @property
    def aggregation(self) -> str:
        return self._aggregation

    @property
    def synchronization(self) -> str:
        return self._synchronization

    @property
    def overwrite_with_gradient(self) -> bool:
        return self._overwrite_with_gradient

    @overwrite_with_gradient.setter
    def overwrite_with_gradient(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError("`overwrite_with_gradient` must be a boolean. "
                            f"Received: {value}")
        self._overwrite_with_gradient = value

    @property
    def regularizer(self) -> Any:
        return self._regularizer

    @regularizer.setter
    def regularizer(self, value: Any) -> None:
        if value is not None and not callable(value):
            raise ValueError(f"Invalid value for attribute `regularizer`. Expected an instance of "
                             f"`keras.regularizers.Regularizer`, or `None`. Received: regularizer={value}")
        self._regularizer = value

    @property
    def constraint(self) -> Any:
        return self._constraint

    @constraint.setter
    def constraint(self, value: Any) -> None:
        if value is not None and not callable(value):
            raise ValueError(f"Invalid value for attribute `constraint`. Expected an instance of "
                             f"`keras.constraints.Constraint`, or `None`. Received: constraint={value}")
        self._constraint = value

    def __repr__(self) -> str:
        return (f"<Variable path={self._path}, shape={self._shape}, dtype={self.dtype}, "
                f"value={np.array(self._value.numpy())}>")

    __str__ = __repr__

    # -- Python protocols -------------------------------------------------------------------------
    def __getitem__(self, idx: Any) -> Any:
        return self.value.__getitem__(idx)

    def __int__(self) -> int:
        if self._ndim > 0:
            raise TypeError(f"Only scalar arrays can be converted to Python scalars. Got: shape={self._shape}")
        return int(self._value.numpy())

    def __float__(self) -> float:
        if self._ndim > 0:
            raise TypeError(f"Only scalar arrays can be converted to Python scalars. Got: shape={self._shape}")
        return float(self._value.numpy())

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return np.asarray(self._value.numpy(), dtype=dtype)

    def __bool__(self) -> bool:
        raise TypeError("A Keras Variable cannot be used as a boolean.")

    def __neg__(self) -> Any:
        return self.value.__neg__()

    def __pos__(self) -> Any:
        return self.value.__pos__()

    def __abs__(self) -> Any:
        return self.value.__abs__()

    def __invert__(self) -> Any:
        return self.value.__invert__()

    def __eq__(self, other: Any) -> Any:  # type: ignore[override]
        return self.value.__eq__(other)

    def __ne__(self, other: Any) -> Any:  # type: ignore[override]
        return self.value.__ne__(other)

    def __lt__(self, other: Any) -> Any:
        return self.value.__lt__(other)

    def __le__(self, other: Any) -> Any:
        return self.value.__le__(other)

    def __gt__(self, other: Any) -> Any:
        return self.value.__gt__(other)

    def __ge__(self, other: Any) -> Any:
        return self.value.__ge__(other)

    def __add__(self, other: Any) -> Any:
        return self.value.__add__(other)

    def __radd__(self, other: Any) -> Any:
        return self.value.__radd__(other)

    def __sub__(self, other: Any) -> Any:
        return self.value.__sub__(other)

    def __rsub__(self, other: Any) -> Any:
        return self.value.__rsub__(other)

    def __mul__(self, other: Any) -> Any:
        return self.value.__mul__(other)

    def __rmul__(self, other: Any) -> Any:
        return self.value.__rmul__(other)

    def __truediv__(self, other: Any) -> Any:
        return self.value.__truediv__(other)

    def __rtruediv__(self, other: Any) -> Any:
        return self.value.__rtruediv__(other)

    def __floordiv__(self, other: Any) -> Any:
        return self.value.__floordiv__(other)

    def __rfloordiv__(self, other: Any) -> Any:
        return self.value.__rfloordiv__(other)

    def __mod__(self, other: Any) -> Any:
        return self.value.__mod__(other)

    def __rmod__(self, other: Any) -> Any:
        return self.value.__rmod__(other)

    def __pow__(self, other: Any) -> Any:
        return self.value.__pow__(other)

    def __rpow__(self, other: Any) -> Any:
        return self.value.__rpow__(other)

    def __matmul__(self, other: Any) -> Any:
        return self.value.__matmul__(other)

    def __rmatmul__(self, other: Any) -> Any:
        return self.value.__rmatmul__(other)

    def __and__(self, other: Any) -> Any:
        return self.value.__and__(other)

    def __rand__(self, other: Any) -> Any:
        return self.value.__rand__(other)

    def __or__(self, other: Any) -> Any:
        return self.value.__or__(other)

    def __ror__(self, other: Any) -> Any:
        return self.value.__ror__(other)

    def __xor__(self, other: Any) -> Any:
        return self.value.__xor__(other)

    def __rxor__(self, other: Any) -> Any:
        return self.value.__rxor__(other)

    def __round__(self, ndigits: Any = None) -> Any:
        return tf.round(self.value) if ndigits is None else round(self.numpy(), ndigits)


def _read(v: Variable) -> Any:
    """A Keras variable as a tensor: a read of its backing variable (recorded on watching tapes)."""
    scope = _core._autocast[0]
    if scope is not None and v._autocast:
        return tf.convert_to_tensor(scope.maybe_cast(v._value))
    return v._value.value()


def _to_tensor(v: Variable, dtype: Any = None, name: Any = None, as_ref: bool = False) -> Any:
    if dtype is None or dtype == v._value.dtype:
        return _read(v)
    return tf.convert_to_tensor(v.value, dtype=dtype)


tf.register_tensor_conversion_function(Variable, _to_tensor)
