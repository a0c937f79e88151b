"""`keras.Layer`: the base class of every Keras layer and model.

The contract built-in and user layers rely on (Keras 3's):

* **Weights** are made in `build(self, input_shape)` (or in `__init__` when the shape is known)
  with `self.add_weight(shape=..., initializer=..., regularizer=..., constraint=...,
  trainable=..., dtype=..., name=...)`. `input_shape` is a tuple of the first call's concrete
  shape, such as `(4, 2)` (`(None, 2)` for a symbolic input or `layer.build((None, 2))`). After
  `build` the layer is locked: adding weights or sub-layers raises ValueError. A layer without
  a `build` of its own is marked built on its first call. Weights and sub-layers assigned as
  attributes (directly, or inside lists/tuples/dicts) are tracked in assignment order.
* **`call(self, inputs, training=None, mask=None)`**: only the arguments the signature names are
  passed. `training` is the value given to this call, else the one given to an enclosing layer
  call, else the signature's default. The signature is read once per class.
* Float inputs are cast to `compute_dtype` (`'float32'` unless `dtype=` says otherwise) before
  `call`; integer inputs are not. NumPy inputs become tensors.
* **`compute_output_shape(input_shape)`**: optional. For a symbolic (KerasTensor) call tfshim uses
  it when a layer defines it; otherwise it runs `call` on zeros (twice, to find the `None`
  dimensions) -- tfshim has no graph tracing. Layers whose `call` cannot run on zeros should define it.
* **`get_config()`** returns `{'name', 'trainable', 'dtype'}` plus the subclass's arguments;
  `from_config(config)` is `cls(**config)`.
* `self.add_loss(t)` in `call` adds to `layer.losses`, which is cleared at the start of every
  outermost call; weight-regularizer losses follow the call-time losses.

What differs from Keras: no masking propagation (`_keras_mask`), no quantization, no
stateless/JAX scopes, no serialization registry beyond `get_config`/`from_config`.
"""

from __future__ import annotations

import inspect
import threading
import warnings
from typing import Any

import numpy as np

import tfshim as tf
from tfshim.keras.backend import core as _core
from tfshim.keras.backend import dtype_policy as _dtype_policy
from tfshim.keras.backend.global_state import auto_name
from tfshim.keras.backend.keras_tensor import KerasTensor
from tfshim.keras.backend.name_scope import current_path, name_scope
from tfshim.keras.backend.variables import Variable
from tfshim.keras.layers.input_spec import assert_input_compatibility
from tfshim.keras.layers.node import Node

_EagerTensor = type(tf.constant(0.0))
_LOCK_MESSAGE = ("You cannot add new elements of state (variables or sub-layers) to a layer that is already built. "
                 "All state must be created in the `__init__()` method or in the `build()` method.")


# -- resolving initializers, regularizers, constraints (owned by their own packages) -------------
def _get(package: str, identifier: Any) -> Any:
    if identifier is None:
        return None
    import importlib

    module = importlib.import_module(f"tfshim.keras.{package}")
    get = getattr(module, "get", None)
    if get is not None:
        return get(identifier)
    if callable(identifier):
        return identifier
    if package == "initializers" and identifier in ("zeros", "ones"):
        fill = tf.zeros if identifier == "zeros" else tf.ones
        return lambda shape, dtype=None: fill(shape, dtype=dtype)
    raise ValueError(f"Could not interpret {package[:-1]} identifier: {identifier}")


# -- call signatures: read once per class ---------------------------------------------------------
class _CallInfo:
    __slots__ = ("signature", "names", "has_training", "has_mask", "training_default", "var_kwargs")

    def __init__(self, fn: Any) -> None:
        self.signature = inspect.signature(fn)
        params = self.signature.parameters
        self.names = [p for p in params]
        self.has_training = "training" in params
        self.has_mask = "mask" in params
        default = params["training"].default if self.has_training else None
        self.training_default = None if default is inspect.Parameter.empty else default
        self.var_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


_CALL_INFO: dict = {}


def _call_info(layer: Layer) -> _CallInfo:
    fn = type(layer).call
    info = _CALL_INFO.get(fn)
    if info is None:
        info = _CALL_INFO[fn] = _CallInfo(layer.call)
    return info


# -- the call context: what an outermost layer call shares with the nested ones -------------------
class _CallContext:
    __slots__ = ("entry", "training")

    def __init__(self, entry: Layer) -> None:
        self.entry = entry
        self.training: Any = None


class _ThreadContext(threading.local):
    """The active outermost call, per thread (as Keras keeps its call context in thread-local state)."""

    def __init__(self) -> None:
        self.ctx: _CallContext | None = None


_thread = _ThreadContext()


# -- attribute tracking ---------------------------------------------------------------------------
class _Tracker:
    """Finds Keras variables and layers in assigned attributes (and in lists, tuples and dicts)."""

    __slots__ = ("trainable", "non_trainable", "layers", "ids", "locked", "seed_generators")

    def __init__(self) -> None:
        self.trainable: list = []
        self.non_trainable: list = []
        self.layers: list = []
        self.seed_generators: list = []
        self.ids: set = set()
        self.locked = False

    def track(self, value: Any) -> Any:
        if isinstance(value, Variable):
            if id(value) not in self.ids:
                self._add(self.trainable if value.trainable else self.non_trainable, value)
            return value
        if isinstance(value, Layer):
            if id(value) not in self.ids and not getattr(value, "_is_metric", False):
                self._add(self.layers, value)
            return value
        if type(value).__name__ == "SeedGenerator":
            if id(value) not in self.ids:
                self.ids.add(id(value))
                self.seed_generators.append(value)
            return value
        if isinstance(value, tuple):
            for item in value:
                self.track(item)
            return value
        if type(value) is list:
            return TrackedList(value, self)
        if type(value) is dict:
            return _TrackedDict(value, self)
        return value

    def _add(self, store: list, value: Any) -> None:
        if self.locked:
            raise ValueError(_LOCK_MESSAGE)
        store.append(value)
        self.ids.add(id(value))

    def untrack(self, value: Any) -> None:
        if id(value) in self.ids:
            self.ids.discard(id(value))
            for store in (self.trainable, self.non_trainable, self.layers, self.seed_generators):
                for i, item in enumerate(store):
                    if item is value:
                        del store[i]
                        break


class TrackedList(list):
    """A list attribute: items added later are tracked too."""

    def __init__(self, values: Any = (), tracker: _Tracker | None = None) -> None:
        self._tracker = tracker
        if tracker is not None:
            values = [tracker.track(v) for v in values]
        super().__init__(values)

    def append(self, value: Any) -> None:
        if self._tracker is not None:
            value = self._tracker.track(value)
        super().append(value)

    def insert(self, index: Any, value: Any) -> None:
        if self._tracker is not None:
            value = self._tracker.track(value)
        super().insert(index, value)

    def extend(self, values: Any) -> None:
        if self._tracker is not None:
            values = [self._tracker.track(v) for v in values]
        super().extend(values)

    def __iadd__(self, values: Any) -> TrackedList:
        self.extend(values)
        return self

    def pop(self, index: Any = -1) -> Any:
        value = super().pop(index)
        if self._tracker is not None:
            self._tracker.untrack(value)
        return value

    def remove(self, value: Any) -> None:
        for i, item in enumerate(self):
            if item is value:
                self.pop(i)
                return
        raise ValueError("list.remove(x): x not in list")


class _TrackedDict(dict):
    """A dict attribute: values added later are tracked too."""

    def __init__(self, values: Any = (), tracker: _Tracker | None = None) -> None:
        self._tracker = tracker
        values = dict(values)
        if tracker is not None:
            values = {k: tracker.track(v) for k, v in values.items()}
        super().__init__(values)

    def __setitem__(self, key: Any, value: Any) -> None:
        if self._tracker is not None:
            value = self._tracker.track(value)
        super().__setitem__(key, value)


def _shape_of(x: Any) -> Any:
    shape = x.shape
    return tuple(shape.as_list()) if isinstance(shape, tf.TensorShape) else tuple(shape)


def _is_tensor_or_symbolic(x: Any) -> bool:
    return type(x) is _EagerTensor or isinstance(x, KerasTensor) or tf.is_tensor(x)


def _has_symbolic(structure: Any) -> bool:
    if isinstance(structure, KerasTensor):
        return True
    if isinstance(structure, (list, tuple, dict)):
        return any(isinstance(x, KerasTensor) for x in tf.nest.flatten(structure))
    return False


class Layer:
    """`keras.Layer(activity_regularizer=None, trainable=True, dtype=None, autocast=True, name=None)`.
    See the module docstring for the contract subclasses rely on."""

    _is_layer = True
    _convert_input_args = True  # cast/convert inputs before `call` (Functional models do it themselves)
    _allow_non_tensor_positional_args = False

    def __new__(cls, *args: Any, **kwargs: Any) -> Layer:
        obj = object.__new__(cls)
        object.__setattr__(obj, "_tracker", _Tracker())
        object.__setattr__(obj, "_lock", True)  # until Layer.__init__ runs (detects a missing super call)
        object.__setattr__(obj, "_auto_config", _auto_config(cls, args, kwargs))

        def build(*shape_args: Any, **shape_kwargs: Any) -> None:
            # `layer.build(shape)` runs in the layer's name scope, then marks it built and locks it,
            # as Keras's build wrapper does (the class's `build` stays reachable through `super()`).
            obj._wrapped_build(*shape_args, **shape_kwargs)

        build.__wrapped__ = getattr(cls, "build", None)  # type: ignore[attr-defined]
        object.__setattr__(obj, "build", build)
        return obj

    def __init__(self, *, activity_regularizer: Any = None, trainable: bool = True, dtype: Any = None,
                 autocast: bool = True, name: str | None = None, **kwargs: Any) -> None:
        if name is None:
            name = auto_name(type(self).__name__)
        if not isinstance(name, str) or "/" in name:
            raise ValueError("Argument `name` must be a string and cannot contain character `/`. "
                             f"Received: name={name} (of type {type(name)})")
        input_dim = kwargs.pop("input_dim", None)
        input_shape = (input_dim,) if input_dim is not None else kwargs.pop("input_shape", None)
        if input_shape is not None:
            warnings.warn("Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential "
                          "models, prefer using an `Input(shape)` object as the first layer in the model instead.",
                          stacklevel=2)
            self._input_shape_arg = tuple(input_shape)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments passed to {type(self).__name__}: {kwargs}")
        if not isinstance(trainable, bool):
            raise ValueError(f"Expected `trainable` to be a boolean. Received: trainable={trainable} (of type "
                             f"{type(trainable)})")
        object.__setattr__(self, "_lock", False)
        self.name = name
        self._dtype_policy = _dtype_policy.get(dtype)
        self.activity_regularizer = _get("regularizers", activity_regularizer)
        self._path: str | None = None
        self.built = False
        self.autocast = autocast
        self._input_spec = None
        self._called = False
        self.supports_jit = True
        self._trainable = trainable
        self._losses: list = []
        self._parent_path: str | None = None
        self._call_info = _call_info(self)
        self._inbound_nodes: list = []
        self._outbound_nodes: list = []
        self._build_shapes: Any = None

    # -- attributes ---------------------------------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if name == "trainable" and value is self.__dict__.get("_trainable", None):
            return  # TF's attribute tracking skips a setter given the value the flag already `is`
        if name[0] != "_" or name == "_layers":
            value = self._tracker.track(value)
        elif isinstance(value, (Variable, Layer)):
            value = self._tracker.track(value)
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        value = getattr(self, name)
        if isinstance(value, (Variable, Layer)):
            was_locked = self._tracker.locked
            self._tracker.locked = False
            self._tracker.untrack(value)
            self._tracker.locked = was_locked
        object.__delattr__(self, name)

    def _check_super_called(self) -> None:
        if self.__dict__.get("_lock", True):
            raise RuntimeError(f"In layer '{type(self).__name__}', you forgot to call `super().__init__()` as the "
                               "first statement in the `__init__()` method. Go add it!")

    # -- path, dtype ----------------------------------------------------------------------------
    @property
    def path(self) -> str | None:
        """The layer's path (`'model/dense'`), fixed when it is built (None before)."""
        return self._path

    @property
    def input_spec(self) -> Any:
        return self._input_spec

    @input_spec.setter
    def input_spec(self, value: Any) -> None:
        self._input_spec = value

    @property
    def dtype_policy(self) -> _dtype_policy.DTypePolicy:
        return self._dtype_policy

    @dtype_policy.setter
    def dtype_policy(self, value: Any) -> None:
        self._dtype_policy = _dtype_policy.get(value)

    @property
    def dtype(self) -> str:
        """The variable dtype (`'float32'`)."""
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self) -> str:
        return self._dtype_policy.compute_dtype

    @property
    def variable_dtype(self) -> str:
        return self._dtype_policy.variable_dtype

    @property
    def input_dtype(self) -> str:
        return self._dtype_policy.compute_dtype

    @property
    def supports_masking(self) -> bool:
        return type(self).compute_mask is not Layer.compute_mask

    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        return previous_mask

    # -- building -------------------------------------------------------------------------------
    def build(self, input_shape: Any = None) -> None:
        """Creates the weights; the base version only marks the layer built (warning when sub-layers
        are still unbuilt: their weights appear on the first call)."""
        self._check_super_called()
        if type(self).build is Layer.build and any(not layer.built for layer in self._tracker.layers):
            warnings.warn(f"`build()` was called on layer '{self.name}', however the layer does not have a "
                          "`build()` method implemented and it looks like it has unbuilt state. This will cause the "
                          "layer to be marked as built, despite not being actually built, which may cause failures "
                          "down the line. Make sure to implement a proper `build()` method.", stacklevel=3)
        self.built = True

    def _open_name_scope(self) -> name_scope:
        if self._parent_path is None:
            self._parent_path = current_path()
        return name_scope(self.name, caller=self)

    def _lock_state(self) -> None:
        self._tracker.locked = True

    def _wrapped_build(self, *args: Any, **kwargs: Any) -> None:
        with self._open_name_scope():
            self._path = current_path()
            type(self).build(self, *args, **kwargs)
        object.__setattr__(self, "built", True)
        self._build_shapes = args[0] if len(args) == 1 else (args or None)
        self._lock_state()

    # -- weights --------------------------------------------------------------------------------
    def add_weight(self, shape: Any = None, initializer: Any = None, dtype: Any = None, trainable: bool = True,
                   autocast: bool = True, regularizer: Any = None, constraint: Any = None,
                   aggregation: str = "none", overwrite_with_gradient: bool = False,
                   name: str | None = None) -> Variable:
        """A new Keras variable tracked by this layer (path `<layer path>/<name>`)."""
        self._check_super_called()
        if isinstance(shape, str):
            raise ValueError(f"`name` must be passed as a keyword argument. Received: add_weight('{shape}', ...). "
                             f"Use: add_weight(shape=..., name='{shape}').")
        if shape is None:
            shape = ()
        dtype = _core.standardize_dtype(dtype) if dtype is not None else self.variable_dtype
        if initializer is None:
            initializer = "glorot_uniform" if "float" in dtype else "zeros"
        initializer = _get("initializers", initializer)
        if self._tracker.locked:
            raise ValueError(_LOCK_MESSAGE)
        with name_scope(self.name, caller=self):
            variable = Variable(initializer=initializer, shape=shape, dtype=dtype, trainable=trainable,
                                autocast=autocast, aggregation=aggregation, name=name)
        variable.regularizer = _get("regularizers", regularizer)
        variable.constraint = _get("constraints", constraint)
        variable.overwrite_with_gradient = overwrite_with_gradient
        self._track_variable(variable)
        return variable

    def add_variable(self, shape: Any, initializer: Any, dtype: Any = None, trainable: bool = True,
                     autocast: bool = True, regularizer: Any = None, constraint: Any = None,
                     name: str | None = None) -> Variable:
        return self.add_weight(shape=shape, initializer=initializer, dtype=dtype, trainable=trainable,
                               autocast=autocast, regularizer=regularizer, constraint=constraint, name=name)

    def _track_variable(self, variable: Variable) -> None:
        tracker = self._tracker
        if id(variable) not in tracker.ids:
            tracker._add(tracker.trainable if variable.trainable else tracker.non_trainable, variable)
        if not self._trainable:
            variable.trainable = False

    def _untrack_variable(self, variable: Variable) -> None:
        self._tracker.untrack(variable)

    @property
    def _layers(self) -> list:
        return self._tracker.layers

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        value = bool(value)
        self.__dict__["_trainable"] = value
        for v in self._tracker.trainable:
            v.trainable = value
        for layer in self._tracker.layers:
            layer.trainable = value

    def _own_and_nested(self, seeds: bool) -> list:
        out: list = []
        seen: set = set()
        tracker = self._tracker
        for v in tracker.trainable + tracker.non_trainable:
            if id(v) not in seen:
                out.append(v)
                seen.add(id(v))
        if seeds:
            for sg in tracker.seed_generators:
                out.append(sg.state)
        for layer in tracker.layers:
            for v in (layer.variables if seeds else layer.weights):
                if id(v) not in seen:
                    out.append(v)
                    seen.add(id(v))
        return out

    @property
    def variables(self) -> list:
        """All state: weights, then seed-generator states, of this layer then of its sub-layers."""
        return self._own_and_nested(True)

    @property
    def trainable_variables(self) -> list:
        if not self._trainable:
            return []
        return [v for v in self.variables if v.trainable]

    @property
    def non_trainable_variables(self) -> list:
        if not self._trainable:
            return self.variables
        return [v for v in self.variables if not v.trainable]

    @property
    def weights(self) -> list:
        """A new list each time: this layer's trainable then non-trainable weights, then sub-layers'."""
        return self._own_and_nested(False)

    @property
    def trainable_weights(self) -> list:
        if not self._trainable:
            return []
        return [v for v in self.weights if v.trainable]

    @property
    def non_trainable_weights(self) -> list:
        if not self._trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

    @property
    def metrics(self) -> list:
        out: list = []
        for layer in self._tracker.layers:
            out.extend(layer.metrics)
        return out

    @property
    def metrics_variables(self) -> list:
        out: list = []
        for m in self.metrics:
            out.extend(m.variables)
        return out

    def get_weights(self) -> list:
        """The values of `weights`, as NumPy arrays (NumPy scalars for 0-d weights)."""
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights: list) -> None:
        """Assigns `weights` (in `weights` order), one by one; ValueError on a wrong count or shape."""
        layer_weights = self.weights
        if len(layer_weights) != len(weights):
            raise ValueError(f"You called `set_weights(weights)` on layer '{self.name}' with a weight list of "
                             f"length {len(weights)}, but the layer was expecting {len(layer_weights)} weights.")
        for variable, value in zip(layer_weights, weights):
            value_shape = tuple(np.shape(value)) if not hasattr(value, "shape") else value.shape
            if tuple(variable.shape) != tuple(value_shape):
                raise ValueError(f"Layer {self.name} weight shape {variable.shape} is not compatible with provided "
                                 f"weight shape {value_shape}.")
            variable.assign(value)

    def count_params(self) -> int:
        """The number of scalars in `weights`; ValueError if the layer is not built."""
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on layer '{self.name}', but the layer isn't built. "
                             "You can build it manually via: `layer.build(input_shape)`.")
        return int(sum(int(np.prod(v.shape)) for v in self.weights))

    # -- losses ---------------------------------------------------------------------------------
    def add_loss(self, loss: Any) -> None:
        """Adds a scalar loss tensor (from `call` or `build`) to `losses`."""
        for x in tf.nest.flatten(loss):
            if not tf.is_tensor(x):
                raise ValueError("`add_loss()` can only be called from inside `build()` or `call()`, on a tensor "
                                 f"input. Received invalid value: {x}")
            self._losses.append(x)

    def _flatten_layers(self, include_self: bool = True, recursive: bool = True) -> list:
        layers = [self] if include_self else []
        seen: set = set()
        queue = list(self._tracker.layers)
        while queue:
            layer = queue.pop(0)
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            layers.append(layer)
            if recursive:
                queue[:0] = list(reversed(layer._tracker.layers))
        return layers

    @property
    def losses(self) -> list:
        """Call-time losses (this layer's, then its sub-layers'), then the weight-regularizer losses."""
        losses = list(self._losses)
        for layer in self._flatten_layers(include_self=False):
            losses.extend(layer._losses)
        for v in self.trainable_weights:
            if v.regularizer is not None:
                losses.append(v.regularizer(v))
        return losses

    def _clear_losses(self) -> None:
        self._losses.clear()
        for layer in self._tracker.layers:
            layer._clear_losses()

    # -- calling --------------------------------------------------------------------------------
    def call(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"Layer {type(self).__name__} does not have a `call()` method implemented.")

    def _convert_arg(self, x: Any) -> Any:
        return self._dtype_policy.convert_input(x, self.autocast, self.input_dtype)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        d = self.__dict__
        if d.get("_lock", True):
            self._check_super_called()
        if args and (isinstance(args[0], KerasTensor) or (type(args[0]) in (list, tuple, dict)
                                                         and _has_symbolic(args[0]))):
            return self._symbolic_call(args, kwargs)
        if kwargs and any(isinstance(v, KerasTensor) for v in kwargs.values()):
            return self._symbolic_call(args, kwargs)
        d["_called"] = True
        # 1. inputs as tensors, floats cast to the compute dtype
        if self._convert_input_args and not (
                len(args) == 1 and type(args[0]) is _EagerTensor and args[0].dtype.name == self.input_dtype
                and (not kwargs or kwargs.keys() <= {"training", "mask"})):
            args = tuple(tf.nest.map_structure(self._convert_arg, args))
            if kwargs:
                kwargs = {k: (tf.nest.map_structure(self._convert_arg, v) if k != "training" else v)
                          for k, v in kwargs.items()}
        if not self._allow_non_tensor_positional_args and not (len(args) == 1 and type(args[0]) is _EagerTensor):
            for arg in tf.nest.flatten(args):
                if arg is not None and not _is_tensor_or_symbolic(arg):
                    raise ValueError("Only input tensors may be passed as positional arguments. The following "
                                     f"argument value should be passed as a keyword argument: {arg} (of type "
                                     f"{type(arg)})")
        first = args[0] if args else (next(iter(kwargs.values())) if kwargs else None)
        # 2. input checks, build
        if self._input_spec is not None:
            assert_input_compatibility(self._input_spec, first, self.name)
        if not d["built"]:
            self._build_for_call(first)
            if self._input_spec is not None:
                assert_input_compatibility(self._input_spec, first, self.name)
        # 3. the training argument
        info = d["_call_info"]
        ctx = _thread.ctx
        entry = ctx is None
        if entry:
            ctx = _CallContext(self)
            _thread.ctx = ctx
            self._clear_losses()
        try:
            training = kwargs.get("training") if kwargs else None
            if training is None:
                training = ctx.training
                if training is None:
                    training = info.training_default
            ctx.training = training
            if info.has_training:
                if training is not None:
                    kwargs["training"] = training
            elif kwargs and "training" in kwargs and not info.var_kwargs:
                del kwargs["training"]
            # 4. the call
            try:
                if d.get("_called_once", False):
                    outputs = self._call_in_scope(args, kwargs)
                else:
                    with self._open_name_scope():
                        outputs = self._call_in_scope(args, kwargs)
                    d["_called_once"] = True
                    if d.pop("_lock_pending", False):
                        self._lock_state()
            except Exception as e:
                raise _with_call_info(self, e, args, kwargs) from None
            if not d["built"]:
                object.__setattr__(self, "built", True)
            if self.activity_regularizer is not None:
                for output in tf.nest.flatten(outputs):
                    if tf.is_tensor(output):
                        loss = self.activity_regularizer(output)
                        if output.shape.rank:
                            loss = tf.math.divide_no_nan(loss, tf.cast(tf.shape(output)[0], loss.dtype))
                        self.add_loss(loss)
        finally:
            if entry:
                _thread.ctx = None
        return outputs

    def _call_in_scope(self, args: tuple, kwargs: dict) -> Any:
        policy = self._dtype_policy
        scope = _core._autocast[0]
        if scope is None and policy.compute_dtype == policy.variable_dtype:
            return self.call(*args, **kwargs)
        new_scope = None
        if scope is not None:
            if not self.autocast or not _core.is_float_dtype(policy.compute_dtype):
                new_scope = _core.AutocastScope(None)
            elif scope.dtype != policy.compute_dtype:
                new_scope = _core.AutocastScope(policy.compute_dtype)
        else:
            new_scope = _core.AutocastScope(policy.compute_dtype)
        if new_scope is None:
            return self.call(*args, **kwargs)
        with new_scope:
            return self.call(*args, **kwargs)

    def _build_for_call(self, first: Any) -> None:
        """Build before the first call: the layer's own `build` with the input shape, or (a layer
        without one) mark it built and lock it after this first call -- sub-layers build in their
        own first call, inside this layer's name scope."""
        with self._open_name_scope():
            if type(self).build is Layer.build:
                self._path = current_path()
                object.__setattr__(self, "built", True)
                self._build_shapes = tf.nest.map_structure(_shape_of, first) if first is not None else None
                self.__dict__["_lock_pending"] = True  # sub-layers made lazily in the first call are allowed
            else:
                shape = tf.nest.map_structure(_shape_of, first) if first is not None else None
                self._wrapped_build(shape)

    # -- symbolic calls (functional API) --------------------------------------------------------
    def compute_output_shape(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"Layer {type(self).__name__} should implement `def compute_output_shape("
                                  "self, input_shape)`.")

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        """KerasTensors for the outputs of a call on KerasTensors (see the module docstring)."""
        if type(self).compute_output_shape is not Layer.compute_output_shape:
            shapes = tf.nest.map_structure(lambda x: x.shape if isinstance(x, KerasTensor) else x, args)
            out = self.compute_output_shape(*shapes) if len(shapes) != 1 else self.compute_output_shape(shapes[0])
            return _shapes_to_keras_tensors(out, self.compute_dtype)
        if self._tracker.layers:
            # A layer made of layers (a subclassed model): run `call` on the KerasTensors themselves, so
            # the sub-layers are built and called symbolically (None batch), as Keras traces it.
            try:
                with self._open_name_scope():
                    out = self.call(*args, **kwargs)
                if all(isinstance(x, KerasTensor) for x in tf.nest.flatten(out)):
                    return out
            except Exception:  # tf ops on KerasTensors: fall back to running on zeros below
                pass
            finally:
                self._clear_losses()  # losses added while tracing are not kept (as in Keras)
        return _probe_output_spec(self, args, kwargs)

    def _compute_spec(self, args: tuple, kwargs: dict) -> Any:
        """The output KerasTensors of a call on KerasTensors (building the layer first)."""
        if self._convert_input_args:
            args = tuple(tf.nest.map_structure(self._convert_arg, args))
        first = args[0] if args else next(iter(kwargs.values()))
        if self._input_spec is not None:
            assert_input_compatibility(self._input_spec, first, self.name)
        if not self.built:
            self._build_for_call(first)
            self.__dict__.pop("_lock_pending", None)
            self._lock_state()
        return self.compute_output_spec(*args, **kwargs)

    def _symbolic_call(self, args: tuple, kwargs: dict) -> Any:
        try:
            outputs = self._compute_spec(args, kwargs)
        except Exception as e:  # (Keras wraps what the output-shape computation raises, as for a call)
            raise _with_call_info(self, e, args, kwargs, _SYMBOLIC_SIGNATURE) from None
        self.__dict__["_called"] = True
        if self._call_info.has_mask and "mask" not in kwargs:
            # Keras passes a call with one tensor argument its inputs' masks (None without masking)
            tensor_args = [a for a in (*args, *kwargs.values()) if _has_symbolic(a)]
            if len(tensor_args) == 1:
                kwargs = {**kwargs, "mask": tf.nest.map_structure(lambda _: None, tensor_args[0])}
        Node(self, call_args=args, call_kwargs=kwargs, outputs=outputs)
        return outputs

    # -- config, repr ---------------------------------------------------------------------------
    def get_config(self) -> dict:
        self._check_super_called()
        config = {"name": self.name}
        auto = self.__dict__.get("_auto_config")
        if auto is not None and getattr(type(self).get_config, "_is_default", False):
            # Keras's auto-config: a class without its own get_config reports its __init__ arguments
            config.update(auto)
            params = _init_parameters(type(self))
            if "name" not in params and not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
                config.pop("name", None)
        config.update({"trainable": self.trainable, "dtype": _dtype_policy.serialize(self._dtype_policy)})
        if self.activity_regularizer is not None:
            from tfshim.keras import regularizers

            serialize = getattr(regularizers, "serialize", None)
            config["activity_regularizer"] = (serialize(self.activity_regularizer) if serialize is not None
                                              else self.activity_regularizer)
        return config

    get_config._is_default = True  # type: ignore[attr-defined]

    @classmethod
    def from_config(cls, config: dict) -> Layer:
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = _dtype_policy.get(config["dtype"])
        return cls(**config)

    def get_build_config(self) -> dict | None:
        if self._build_shapes is not None:
            return {"input_shape": self._build_shapes}
        return None

    def build_from_config(self, config: dict | None) -> None:
        if config and "input_shape" in config:
            self.build(config["input_shape"])

    # -- symbolic introspection ------------------------------------------------------------------
    def _node_attribute(self, attr: str) -> Any:
        if not self._inbound_nodes:
            raise AttributeError(f"The layer {self.name} has never been called and thus has no defined {attr}.")
        if len(self._inbound_nodes) > 1:
            raise AttributeError(f"The layer {self.name} has multiple inbound nodes, hence the notion of \"layer "
                                 f"{attr}\" is ill-defined. Use `get_{attr}_at(node_index)` instead.")
        node = self._inbound_nodes[0]
        values = node.input_tensors if attr == "input" else node.outputs
        return values[0] if len(values) == 1 else values

    @property
    def input(self) -> Any:
        return self._node_attribute("input")

    @property
    def output(self) -> Any:
        return self._node_attribute("output")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    def __str__(self) -> str:
        return self.__repr__()


_INIT_PARAMS: dict = {}
_SIMPLE = (str, int, float, bool, type(None))


def _init_parameters(cls: type) -> Any:
    params = _INIT_PARAMS.get(cls)
    if params is None:
        params = _INIT_PARAMS[cls] = inspect.signature(cls.__init__).parameters
    return params


def _auto_config(cls: type, args: tuple, kwargs: dict) -> dict | None:
    """The `__init__` arguments (defaults included, `name` left out) when they are all simple
    values, as Keras's Operation.__new__ records them; None otherwise."""
    try:
        signature = inspect.signature(cls.__init__)
        bound = signature.bind(None, *args, **kwargs)
    except (TypeError, ValueError):
        return None
    bound.apply_defaults()
    values = dict(bound.arguments)
    values.pop(next(iter(signature.parameters)))
    for name, p in signature.parameters.items():
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            values.update(values.pop(name, {}))
        elif p.kind is inspect.Parameter.VAR_POSITIONAL and values.pop(name, ()):
            return None
    values.pop("name", None)
    try:
        if not all(isinstance(v, _SIMPLE) for v in tf.nest.flatten(values)):
            return None
    except (TypeError, ValueError):
        return None
    return values


def _format_argument(value: Any) -> str:
    if tf.is_tensor(value) and not isinstance(value, KerasTensor):
        return f"tf.Tensor(shape={value.shape}, dtype={_core.standardize_dtype(value.dtype)})"
    return repr(value)


# what Keras's symbolic calls report their arguments against (`args=(...)`, `kwargs=<class 'inspect._empty'>`)
_SYMBOLIC_SIGNATURE = inspect.Signature([inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
                                         inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])


def _with_call_info(layer: Layer, e: Exception, args: tuple, kwargs: dict,
                    signature: inspect.Signature | None = None) -> Exception:
    """Keras's error context for an exception raised in `call` (the innermost call only): the same
    class, with the message wrapped in 'Exception encountered when calling <Class>.call()' and the
    arguments the call received (against `signature`, by default the call's own)."""
    if getattr(e, "_keras_call_info_injected", False):
        return e
    signature = signature or layer._call_info.signature
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        return e
    lines = []
    for p in signature.parameters.values():
        if p.name in bound.arguments:
            value = tf.nest.map_structure(_format_argument, bound.arguments[p.name])
        else:
            value = p.default
        lines.append(f"  • {p.name}={value}")
    if not lines:
        return e
    is_op_error = isinstance(e, tf.errors.OpError)
    message = e.message if is_op_error else (e.args[0] if e.args else "")
    name = f"{type(layer).__name__}.call()"
    message = (f"Exception encountered when calling {name}.\n\n\x1b[1m{message}\x1b[0m\n\n"
               f"Arguments received by {name}:\n" + "\n".join(lines))
    try:
        new = type(e)(e.node_def, e.op, message, e.error_code) if is_op_error else type(e)(message)
    except TypeError:
        new = RuntimeError(message)
    new._keras_call_info_injected = True  # type: ignore[attr-defined]
    return new.with_traceback(e.__traceback__)


def _shapes_to_keras_tensors(shapes: Any, dtype: str) -> Any:
    def is_shape(s: Any) -> bool:  # (a list of ints is a shape too, as Keras's map_shape_structure reads it)
        return isinstance(s, (tuple, list, tf.TensorShape)) and all(d is None or isinstance(d, (int, np.integer))
                                                                    for d in s)

    if is_shape(shapes):
        return KerasTensor(_core.standardize_shape(shapes), dtype)
    if isinstance(shapes, dict):
        return {k: _shapes_to_keras_tensors(v, dtype) for k, v in shapes.items()}
    return type(shapes)(_shapes_to_keras_tensors(s, dtype) for s in shapes)


_PROBE_SIZES = (2, 3)


def _probe_output_spec(layer: Layer, args: tuple, kwargs: dict) -> Any:
    """Runs `layer.call` on zeros twice (unknown dimensions as 2 and as 3), and marks the output
    dimensions that differ as None. Losses added by the probe are dropped."""
    runs = []
    for size in _PROBE_SIZES:
        def concrete(x: Any, size: int = size) -> Any:
            if isinstance(x, KerasTensor):
                shape = tuple(size if d is None else d for d in x.shape)
                return tf.zeros(shape, dtype=x.dtype)
            return x

        c_args = tf.nest.map_structure(concrete, args)
        c_kwargs = tf.nest.map_structure(concrete, kwargs)
        saved_ctx = _thread.ctx
        _thread.ctx = None
        try:
            runs.append(layer(*c_args, **c_kwargs))
        finally:
            _thread.ctx = saved_ctx
            layer._clear_losses()

    def spec(a: Any, b: Any) -> Any:
        if not tf.is_tensor(a):
            return a
        shape = tuple(da if da == db else None for da, db in zip(_shape_of(a), _shape_of(b)))
        return KerasTensor(shape, _core.standardize_dtype(a.dtype))

    return tf.nest.map_structure(spec, runs[0], runs[1])
