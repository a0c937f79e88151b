"""The eager tensor: an immutable holder of a NumPy array (or NumPy scalar).

`Tensor` is the public base class (`tf.Tensor`); `EagerTensor` is the concrete type every op returns.
Arithmetic, comparison and indexing operators are attached by `tfshim.ops.operators`, the way
TensorFlow's math_ops overrides them, so this module never imports the op library.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from tfshim._engine import dtypes as _dtypes
from tfshim._engine.tensor_shape import TensorShape

DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_NP_TO_DTYPE = _dtypes.NP_TO_DTYPE

_NUMPY_HINT = """
        If you are looking for numpy-related methods, please run the following:
        tf.experimental.numpy.experimental_enable_numpy_behavior()
      """
_NUMPY_NAMES = frozenset({"T", "astype", "ravel", "transpose", "reshape", "clip", "size", "tolist", "data"})

# Hot paths build a tensor as `t = blank(EagerTensor); t._value = value`: the same object as
# EagerTensor(value), without a Python-level __init__ call (half the cost of the class call).
blank = object.__new__

# Explain mode's hook: called with (tensor, how) when a tensor's value leaves for NumPy/Python.
_export_hook: Any = None


def set_export_hook(hook: Any) -> None:
    global _export_hook
    _export_hook = hook


class Tensor:
    """`tf.Tensor`: the type users check with isinstance. Every value is an EagerTensor."""

    __slots__ = ()
    OVERLOADABLE_OPERATORS = frozenset({
        "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__div__", "__rdiv__",
        "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__",
        "__lt__", "__le__", "__gt__", "__ge__", "__ne__", "__eq__", "__and__", "__rand__", "__or__",
        "__ror__", "__xor__", "__rxor__", "__getitem__", "__pow__", "__rpow__", "__invert__",
        "__neg__", "__abs__", "__matmul__", "__rmatmul__"})


class EagerTensor(Tensor):
    """An immutable value with a dtype and a fully known shape."""

    __slots__ = ("_value", "__weakref__")
    __array_priority__ = 100  # NumPy defers `ndarray + tensor` to the tensor's reflected operator

    def __init__(self, value: Any) -> None:
        self._value = value  # np.ndarray or np.generic, never written to

    # -- value access -------------------------------------------------------------------------
    def numpy(self) -> Any:
        """A NumPy scalar for a scalar tensor, else a fresh writeable copy of the array."""
        if _export_hook is not None:
            _export_hook(self, ".numpy()")
        value = self._value
        if isinstance(value, np.ndarray):
            return value[()] if value.ndim == 0 else value.copy()
        return value

    def _scalar(self) -> Any:
        value = self._value
        return value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value

    @property
    def dtype(self) -> _dtypes.DType:
        return _NP_TO_DTYPE[self._value.dtype]

    @property
    def shape(self) -> TensorShape:
        return TensorShape._from_tuple(self._value.shape)

    def get_shape(self) -> TensorShape:
        return TensorShape._from_tuple(self._value.shape)

    def set_shape(self, shape: Any) -> None:
        if not self.shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self.shape} is not compatible with supplied shape "
                             f"{TensorShape(shape)}.")

    @property
    def ndim(self) -> int:
        return self._value.ndim

    def _shape_tuple(self) -> tuple:
        return self._value.shape

    def _rank(self) -> int:
        return self._value.ndim

    def _num_elements(self) -> int:
        return self._value.size

    @property
    def device(self) -> str:
        return DEVICE

    backing_device = device

    @property
    def is_packed(self) -> bool:
        return False

    @property
    def value_index(self) -> int:
        raise AttributeError("Tensor.value_index is undefined when eager execution is enabled.")

    def consumers(self) -> list:
        raise NotImplementedError("Tensor.consumers is undefined when eager execution is enabled.")

    def cpu(self) -> EagerTensor:
        return self

    def gpu(self, gpu_index: int = 0) -> EagerTensor:
        return self

    def eval(self, feed_dict: Any = None, session: Any = None) -> Any:
        raise NotImplementedError("eval is not supported when eager execution is enabled, "
                                  "is .numpy() what you're looking for?")

    @property
    def name(self) -> str:
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    @property
    def op(self) -> Any:
        raise AttributeError("Tensor.op is undefined when eager execution is enabled.")

    @property
    def graph(self) -> Any:
        raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")

    def ref(self) -> Reference:
        return Reference(self)

    def experimental_ref(self) -> Reference:
        return Reference(self)

    # -- Python protocols ---------------------------------------------------------------------
    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        if _export_hook is not None:
            _export_hook(self, "NumPy (np.asarray / a NumPy function)")
        value = np.asarray(self._value)
        if dtype is None:
            return value
        return np.array(value, dtype=dtype)

    def __bool__(self) -> bool:
        value = self._value
        if isinstance(value, np.ndarray):
            return bool(value.size > 0 and value)
        return bool(value)

    def __float__(self) -> float:
        if _export_hook is not None:
            _export_hook(self, "float()")
        return float(self._scalar())

    def __int__(self) -> int:
        if _export_hook is not None:
            _export_hook(self, "int()")
        return int(self._scalar())

    def __complex__(self) -> complex:
        return complex(self._scalar())

    def __index__(self) -> int:
        return self._scalar().__index__()

    def __len__(self) -> int:
        if not self._value.ndim:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self) -> Iterator[EagerTensor]:
        shape = self._value.shape
        if not shape:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(shape[0]))

    def __hash__(self) -> int:
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __format__(self, format_spec: str) -> str:
        return self._scalar().__format__(format_spec)

    def __round__(self, ndigits: Any = None) -> Any:
        raise AttributeError(f"{type(self).__name__} object has no attribute 'astype'. " + _NUMPY_HINT)

    def __dir__(self) -> list[str]:
        return [n for n in super().__dir__() if n not in _NUMPY_NAMES]

    def __reduce__(self) -> tuple:
        return EagerTensor, (self.numpy(),)

    def __copy__(self) -> EagerTensor:
        return self

    def __deepcopy__(self, memo: Any) -> EagerTensor:
        return self

    def __repr__(self) -> str:
        return f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, numpy={value_text(self, True)}>"

    def __str__(self) -> str:
        return f"tf.Tensor({value_text(self, False)}, shape={self.shape}, dtype={self.dtype.name})"


def value_text(tensor: EagerTensor, is_repr: bool) -> str:
    """The value part of a tensor's repr/str, as TensorFlow prints it."""
    value = tensor._value
    value = value.copy() if isinstance(value, np.ndarray) and value.ndim else (
        value[()] if isinstance(value, np.ndarray) else value)
    if is_repr:
        if np.isscalar(value) and not isinstance(value, bytes):
            text = repr(value.item())
        else:
            text = repr(value)
    else:
        text = str(value)
    if "\n" in text:
        text = "\n" + text
    return text


class Reference:
    """A hashable handle on a tensor or variable, compared by identity (`x.ref()`)."""

    __slots__ = ("_wrapped",)

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped

    def deref(self) -> Any:
        return self._wrapped

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reference) and self._wrapped is other._wrapped

    def __hash__(self) -> int:
        return id(self._wrapped)

    def __repr__(self) -> str:
        return f"<Reference wrapping {self._wrapped!r}>"


def is_tensor(value: Any) -> bool:
    """True for tensors, variables and IndexedSlices (`tf.is_tensor`)."""
    return isinstance(value, Tensor) or getattr(value, "_is_tensor_like", False)


class _NumPyOnly:
    """A NumPy method TensorFlow's tensors only have with its NumPy behavior enabled: reading it raises
    TF's hint. (A descriptor, not `__getattr__`: a class with `__getattr__` makes every attribute read
    of every tensor slower.)"""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            raise AttributeError(f"type object '{owner.__name__}' has no attribute '{self._name}'")
        raise AttributeError(f"{type(obj).__name__} object has no attribute '{self._name}'. " + _NUMPY_HINT)


for _name in _NUMPY_NAMES:
    setattr(EagerTensor, _name, _NumPyOnly(_name))
