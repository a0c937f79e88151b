"""`tf.keras.optimizers.Optimizer`: Keras 3.15's optimizer mechanics on tfshim ops.

What one `apply_gradients` step does, in Keras's order: look the variables up (building the optimizer
on the first call), drop `None` gradients (with Keras's `UserWarning`), unscale by
`loss_scale_factor`, clip, decay weights, run every variable's update, update the EMA, apply
constraints, and add one to `iterations`.

The hot path is lean: the optimizer keeps, per trained variable, its backing `tf.Variable` and its
slots' backing `tf.Variable`s in plain lists indexed like the trained variables, looks a variable up
with one dict probe by `id`, and computes the per-step constants (the learning rate cast to the
variable dtype, bias corrections) once per dtype instead of once per variable; the values are the
ones Keras computes per variable, op for op.

Differs from TensorFlow: `get_config()` returns a callable learning rate as the callable itself (Keras
writes a serialization dict); there is no `tf.distribute` support.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import tfshim as tf
from tfshim.keras.backend.config import floatx
from tfshim.keras.backend.global_state import auto_name
from tfshim.keras.backend.name_scope import name_scope
from tfshim.keras.backend.variables import Variable as KerasVariable
from tfshim.keras.optimizers import _sparse
from tfshim.keras.optimizers.schedules import learning_rate_schedule as _schedules

_LR_MESSAGE = ("Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a callable "
               "(that takes in the current iteration value and returns the corresponding learning rate value). "
               "Received instead: learning_rate={}")


_ONE = tf.constant(1, tf.int64)  # the iterations increment, converted once


def _constant(value: float) -> Callable:
    """Keras's `initializers.Constant(value)`: `cast(value, dtype) * ones(shape, dtype)`."""

    def _fill(shape: Any, dtype: Any = None) -> Any:
        return tf.cast(value, dtype) * tf.ones(shape, dtype)

    return _fill


def _backing(variable: Any) -> Any:
    """The `tf.Variable` an update writes into: a Keras variable's `.value`, a tf.Variable itself."""
    return variable.value if isinstance(variable, KerasVariable) else variable


def _cast(gradient: Any, dtype: Any) -> Any:
    """`cast(gradient, dtype)`, keeping an `IndexedSlices` sparse (as TensorFlow's cast does)."""
    if isinstance(gradient, tf.IndexedSlices):
        return tf.IndexedSlices(tf.cast(gradient.values, dtype), gradient.indices, gradient.dense_shape)
    return tf.cast(gradient, dtype)


def _owner(cls: type, attr: str) -> type | None:
    for klass in cls.__mro__:
        if attr in klass.__dict__:
            return klass
    return None


class Optimizer:
    """The base of every Keras optimizer (`keras.Optimizer`).

    A custom optimizer overrides `build(variables)` (creating its slots with
    `add_variable_from_reference` / `add_optimizer_variables`), `update_step(gradient, variable,
    learning_rate)` and `get_config()`, as in Keras. The built-in optimizers implement the faster
    `_update(index, gradient, variable, constants)` / `_constants(dtype, learning_rate)` pair instead,
    with `update_step` kept as the public per-variable entry point.
    """

    def __init__(self, learning_rate: Any, weight_decay: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        self._lock = False
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.", stacklevel=2)
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if name is None:
            name = auto_name(self.__class__.__name__)
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        if gradient_accumulation_steps and not gradient_accumulation_steps >= 2:
            raise ValueError("`gradient_accumulation_steps` must be an integer >= 2. Received: "
                             f"gradient_accumulation_steps={gradient_accumulation_steps}")
        if use_ema:
            if ema_momentum > 1 or ema_momentum < 0:
                raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}")
            if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                            or ema_overwrite_frequency < 1):
                raise ValueError("`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                                 f"ema_overwrite_frequency={ema_overwrite_frequency}")
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                             f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}")
        self.built = False
        self._variables: list = []
        self._trainable_variables: list = []
        self._trainable_variables_indices: dict = {}
        self._targets: list = []  # per trained variable: the tf.Variable written into
        step_owner = _owner(type(self), "update_step")
        self._fast_update = step_owner is Optimizer or step_owner is _owner(type(self), "_update")
        with name_scope(self.name, caller=self):
            iterations = KerasVariable(0, name="iteration", dtype="int64", trainable=False,
                                       aggregation="only_first_replica")
        self._track_variable(iterations)
        self._iterations = iterations
        self._iterations_tf = iterations.value
        if isinstance(learning_rate, _schedules.LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if not isinstance(learning_rate, float):
                raise ValueError(_LR_MESSAGE.format(learning_rate))
            with name_scope(self.name, caller=self):
                learning_rate = KerasVariable(learning_rate, name="learning_rate", dtype=floatx(), trainable=False,
                                              aggregation="only_first_replica")
            self._track_variable(learning_rate)
            self._learning_rate = learning_rate

    # -- attribute tracking (Keras tracks every Keras variable set on the optimizer) ---------------
    def __setattr__(self, name: str, value: Any) -> None:
        if name != "_lock":
            self._check_super_called()
            if isinstance(value, KerasVariable):
                self._track_variable(value)
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], KerasVariable):
                for item in value:
                    if isinstance(item, KerasVariable):
                        self._track_variable(item)
        object.__setattr__(self, name, value)

    def _check_super_called(self) -> None:
        if "_lock" not in self.__dict__:
            raise RuntimeError(f"In optimizer '{self.__class__.__name__}', you forgot to call `super().__init__()` "
                               "as the first statement in the `__init__()` method. Go add it!")

    def _track_variable(self, variable: Any) -> None:
        if "_variables" not in self.__dict__:
            return
        for known in self._variables:
            if known is variable:
                return
        self._variables.append(variable)

    def _untrack_variable(self, variable: Any) -> None:
        self._variables[:] = [v for v in self._variables if v is not variable]

    # -- public state ----------------------------------------------------------------------------
    @property
    def iterations(self) -> Any:
        """The int64 Keras variable `<name>/iteration` (with gradient accumulation: real steps // k)."""
        if self.gradient_accumulation_steps:
            return tf.math.floordiv(self._iterations_tf.value(), self.gradient_accumulation_steps)
        return self._iterations

    @property
    def variables(self) -> list:
        return self._variables[:]

    @property
    def learning_rate(self) -> Any:
        return self._get_current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate: Any) -> None:
        previous = self._learning_rate if isinstance(self._learning_rate, KerasVariable) else None
        if isinstance(learning_rate, _schedules.LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if isinstance(self._learning_rate, _schedules.LearningRateSchedule):
                raise TypeError("This optimizer was created with a `LearningRateSchedule` object as its "
                                "`learning_rate` constructor argument, hence its learning rate is not settable. "
                                "If you need the learning rate to be settable, you should instantiate the "
                                "optimizer with a float `learning_rate` argument.")
            self._learning_rate.assign(learning_rate)
        if previous is not None and not isinstance(self._learning_rate, KerasVariable):
            self._untrack_variable(previous)

    def _get_current_learning_rate(self) -> Any:
        lr = self._learning_rate
        if isinstance(lr, _schedules.LearningRateSchedule):
            return lr(self._iterations)
        if isinstance(lr, KerasVariable):
            return lr
        if callable(lr):
            return lr()
        return lr

    def _step_learning_rate(self) -> Any:
        """The rate for this step as a tensor (a float rate reads its variable once)."""
        lr = self._learning_rate
        if isinstance(lr, KerasVariable):
            return lr.value.value()
        if isinstance(lr, _schedules.LearningRateSchedule):
            return lr(self._iterations_tf.value())
        return lr()

    # -- building --------------------------------------------------------------------------------
    def build(self, variables: Any) -> None:
        """Records the variables this optimizer trains (subclasses then create their slots)."""
        variables = list(variables)
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(variables, "average")
            self._ema_targets = [None if a is None else a.value for a in self._model_variables_moving_average]
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = self.add_optimizer_variables(variables, "gradient_accumulator")
        index = self._trainable_variables_indices
        targets = []
        for i, variable in enumerate(variables):
            target = _backing(variable)
            index[id(target)] = i
            index[id(variable)] = i
            targets.append(target)
        # object.__setattr__: the trained variables are not the optimizer's own (Keras's build does
        # not track them either)
        object.__setattr__(self, "_targets", targets)
        object.__setattr__(self, "_trainable_variables", variables[:])
        self._has_overwrite = any(getattr(v, "overwrite_with_gradient", False) for v in variables)
        self.built = True

    def _get_variable_index(self, variable: Any) -> int:
        return self._trainable_variables_indices[id(variable)]

    def add_variable(self, shape: Any, initializer: Any = "zeros", dtype: Any = None, aggregation: str = "none",
                     layout: Any = None, name: str | None = None) -> KerasVariable:
        """A non-trainable Keras variable `<optimizer name>/<name>`, tracked in `variables`."""
        self._check_super_called()
        if isinstance(initializer, str):
            from tfshim.keras import initializers

            initializer = initializers.get(initializer)
        with name_scope(self.name, caller=self):
            variable = KerasVariable(initializer, shape=shape, dtype=dtype, trainable=False,
                                     aggregation=aggregation, name=name)
        self._track_variable(variable)
        return variable

    def add_variable_from_reference(self, reference_variable: Any, name: str | None = None,
                                    initializer: Any = "zeros") -> KerasVariable:
        """A slot shaped and typed like `reference_variable`, named `<ref path with _>_<name>`."""
        name = name or "var"
        if hasattr(reference_variable, "path"):
            name = f"{reference_variable.path.replace('/', '_')}_{name}"
        else:
            name = f"{str(reference_variable.name).replace('/', '_').replace(':', '_')}_{name}"
        return self.add_variable(shape=tuple(reference_variable.shape), initializer=initializer,
                                 dtype=reference_variable.dtype, name=name)

    def add_optimizer_variables(self, trainable_variables: Any, name: Any, initializer: Any = "zeros") -> Any:
        """Slots for every variable, one list per name, created interleaved per variable as Keras does.

        A variable with `overwrite_with_gradient` gets `None` in every list.
        """
        names = [name] if isinstance(name, str) else list(name)
        if isinstance(name, str):
            inits = [initializer]
        elif isinstance(initializer, (list, tuple)):
            inits = list(initializer)
        else:
            inits = [initializer] * len(names)
        if len(names) != len(inits):
            raise ValueError("The number of provided names must match the number of provided initializers.  "
                             f"Received name='{name}', initializer='{initializer}'")
        lists: tuple = tuple([] for _ in names)
        for variable in trainable_variables:
            if getattr(variable, "overwrite_with_gradient", False):
                for slots in lists:
                    slots.append(None)
                continue
            for slots, slot_name, init in zip(lists, names, inits):
                slots.append(self.add_variable_from_reference(variable, name=slot_name, initializer=init))
        return lists[0] if isinstance(name, str) else lists

    # -- applying --------------------------------------------------------------------------------
    def apply_gradients(self, grads_and_vars: Iterable) -> Any:
        """Applies `(gradient, variable)` pairs; returns the `iterations` variable."""
        grads, trainable_variables = zip(*grads_and_vars)
        self.apply(grads, trainable_variables)
        return self._iterations

    def apply(self, grads: Any, trainable_variables: Any = None) -> None:
        """Updates the variables from `grads` (1:1 with `trainable_variables`, or with the variables
        the optimizer was built on when they are omitted)."""
        if len(grads) == 0:
            return
        index = self._trainable_variables_indices
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built on "
                                 "a list of variables. Call `optimizer.build(trainable_variables)` first. ")
            if len(grads) != len(self._trainable_variables):
                raise ValueError("When passing `grads` as a list of gradient tensors, the gradients must match "
                                 "`optimizer.variables` one-to-on. Received a list of "
                                 f"{len(grads)} gradients, but the optimizer is tracking "
                                 f"{len(self._trainable_variables)} trainable variables.")
            indices = list(range(len(grads)))
        else:
            if not self.built:
                with name_scope(self.name, caller=self):
                    self.build(list(trainable_variables))
                self.built = True
            try:
                indices = [index[id(v)] for v in trainable_variables]
            except KeyError:
                for v in trainable_variables:
                    if id(v) not in index:
                        raise ValueError(f"Unknown variable: {v}. This optimizer can only be called for the variables "
                                         "it was originally built with. When working with a new set of variables, you "
                                         "should recreate a new optimizer instance.") from None
                raise
        grads = list(grads)
        for g in grads:
            if g is None:
                grads, indices = self._filter_empty_gradients(grads, indices)
                break
        if self._has_overwrite:
            grads, indices = self._overwrite_with_gradients(grads, indices)
        if grads:
            scale = self.loss_scale_factor
            if scale is not None:
                grads = [g / scale for g in grads]
            if self.gradient_accumulation_steps:
                self._accumulate_and_update(grads, indices)
            else:
                self._clip_decay_update(grads, indices)
            if self.use_ema:
                self._update_model_variables_moving_average()
            targets = self._targets
            for i in indices:
                variable = self._trainable_variables[i]
                constraint = variable.constraint
                if constraint is not None:
                    target = targets[i]
                    target.assign(constraint(variable), read_value=False)
        self._iterations_tf.assign_add(_ONE, read_value=False)

    def _clip_decay_update(self, grads: list, indices: list) -> None:
        if self.clipnorm or self.global_clipnorm or self.clipvalue:
            grads = self._clip_gradients(grads)
        if self.weight_decay is not None:
            self._apply_weight_decay(indices)
        self._backend_update_step(grads, indices, self._step_learning_rate())

    def _backend_update_step(self, grads: list, indices: list, learning_rate: Any) -> None:
        """Every variable's update; built-ins run `_update` with constants computed once per dtype."""
        targets = self._targets
        if not self._fast_update:
            variables = self._trainable_variables
            for g, i in zip(grads, indices):
                self.update_step(g, variables[i], learning_rate)
            return
        constants: dict = {}
        update = self._update
        for g, i in zip(grads, indices):
            target = targets[i]
            dtype = target.dtype
            c = constants.get(dtype)
            if c is None:
                c = constants[dtype] = self._constants(dtype, learning_rate)
            update(i, _cast(g, dtype), target, c)

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
        """One variable's update (the method a custom optimizer overrides)."""
        if type(self)._update is Optimizer._update:
            raise NotImplementedError
        i = self._get_variable_index(variable)
        target = self._targets[i]
        self._update(i, _cast(gradient, target.dtype), target, self._constants(target.dtype, learning_rate))

    def _constants(self, dtype: Any, learning_rate: Any) -> Any:
        """Per-step values shared by every variable of `dtype` (at least the cast learning rate)."""
        return tf.cast(learning_rate, dtype)

    def _update(self, index: int, gradient: Any, variable: Any, constants: Any) -> None:
        """The built-in update of trained variable `index` (`variable` is its backing tf.Variable)."""
        self.update_step(gradient, self._trainable_variables[index], constants)

    def _local_step(self, dtype: Any) -> Any:
        """`cast(iterations + 1, dtype)`: the step number t of the update being computed."""
        if self.gradient_accumulation_steps:
            return tf.cast(self.iterations + 1, dtype)
        # the int64 sum in NumPy, then one conversion: the same value as TF's cast(iterations + 1)
        # without two int64 tensor ops on the hot path
        return tf.constant(self._iterations_tf.numpy() + 1, dtype=dtype)

    # -- the steps around the update -------------------------------------------------------------
    def _filter_empty_gradients(self, grads: list, indices: list) -> tuple:
        kept_grads, kept_indices, missing = [], [], []
        variables = self._trainable_variables
        for g, i in zip(grads, indices):
            if g is None:
                v = variables[i]
                missing.append(v.path if hasattr(v, "path") else v.name)
            else:
                kept_grads.append(g)
                kept_indices.append(i)
        if not kept_grads:
            raise ValueError("No gradients provided for any variable.")
        if not self.__dict__.get("_quiet_missing_gradients"):  # (set by fit's steps after the first)
            warnings.warn(f"Gradients do not exist for variables {missing} when minimizing the loss. If using "
                          "`model.compile()`, did you forget to provide a `loss` argument?", stacklevel=3)
        return kept_grads, kept_indices

    def _overwrite_with_gradients(self, grads: list, indices: list) -> tuple:
        """Variables flagged `overwrite_with_gradient` take their gradient as their new value."""
        kept_grads, kept_indices = [], []
        variables = self._trainable_variables
        for g, i in zip(grads, indices):
            if getattr(variables[i], "overwrite_with_gradient", False):
                if self.gradient_accumulation_steps:
                    acc = self._accumulated_gradients[i]
                    update_now = bool((self._iterations_tf.value() + 1) % self.gradient_accumulation_steps == 0)
                    new_g = tf.maximum(g, acc.value.value())
                    if update_now:
                        self._targets[i].assign(new_g, read_value=False)
                        acc.value.assign(tf.zeros(tuple(acc.shape), acc.value.dtype), read_value=False)
                    else:
                        acc.value.assign(new_g, read_value=False)
                else:
                    self._targets[i].assign(g, read_value=False)
            else:
                kept_grads.append(g)
                kept_indices.append(i)
        return kept_grads, kept_indices

    def _clip_gradients(self, grads: list) -> list:
        if self.clipnorm and self.clipnorm > 0:
            return [tf.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            v = self.clipvalue
            return [tf.clip_by_value(g, -v, v) for g in grads]
        return grads

    def exclude_from_weight_decay(self, var_list: Any = None, var_names: Any = None) -> None:
        """Exempts variables (by identity, or by a regex search of their `name`) from weight decay.

        As in Keras 3.15 this is not refused after `build` (Keras's guard reads an attribute that
        is never set).
        """
        self._exclude_ids = {id(_backing(v)) for v in var_list} if var_list else set()
        self._exclude_pattern = re.compile("|".join(set(var_names))) if var_names else None
        self._decay_cache = {}

    def _use_weight_decay(self, index: int) -> bool:
        cache = self.__dict__.get("_decay_cache")
        if cache is None:
            cache = self._decay_cache = {}
        use = cache.get(index)
        if use is None:
            target = self._targets[index]
            use = True
            if id(target) in self.__dict__.get("_exclude_ids", ()):
                use = False
            pattern = self.__dict__.get("_exclude_pattern")
            if use and pattern is not None and pattern.search(target.name) is not None:
                use = False
            cache[index] = use
        return use

    def _apply_weight_decay(self, indices: list) -> None:
        """`var -= var * wd * lr` (the current rate, read per variable as Keras reads it)."""
        targets = self._targets
        for i in indices:
            if self._use_weight_decay(i):
                target = targets[i]
                dtype = target.dtype
                lr = tf.cast(self.learning_rate, dtype)
                wd = tf.cast(self.weight_decay, dtype)
                target.assign_sub(target.value() * wd * lr, read_value=False)

    def _accumulate_and_update(self, grads: list, indices: list) -> None:
        steps = self.gradient_accumulation_steps
        accumulators = self._accumulated_gradients
        acc = [accumulators[i] for i in indices]
        if bool((self._iterations_tf.value() + 1) % steps == 0):
            grads = [(g + a.value.value()) / steps for g, a in zip(grads, acc)]
            self._clip_decay_update(grads, indices)
            for a in accumulators:
                if a is not None:
                    a.value.assign(tf.zeros(tuple(a.shape), a.value.dtype), read_value=False)
        else:
            for g, a in zip(grads, acc):
                a.value.assign(g + a.value.value(), read_value=False)

    def _update_model_variables_moving_average(self) -> None:
        iterations = self.iterations
        not_first = tf.not_equal(iterations, 0)
        for target, average in zip(self._targets, self._ema_targets):
            if average is None:
                continue
            momentum = tf.multiply(tf.cast(not_first, target.dtype), self.ema_momentum)
            average.assign(tf.add(tf.multiply(momentum, average.value()),
                                  tf.multiply(tf.subtract(1, momentum), target.value())), read_value=False)
        frequency = self.ema_overwrite_frequency
        if frequency and bool((iterations + 1) % frequency == 0):
            self._overwrite_model_variables_with_average_value(self._trainable_variables)

    def _overwrite_model_variables_with_average_value(self, trainable_variables: list) -> None:
        if len(trainable_variables) != len(self._model_variables_moving_average):
            raise ValueError(f"The length of model variables ({len(trainable_variables)}) to override does not match "
                             "the length of model variables stored in the optimizer "
                             f"({len(self._model_variables_moving_average)}). Please check if the optimizer was "
                             "called on your model.")
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            if average is not None:
                _backing(var).assign(average.value.value(), read_value=False)

    def finalize_variable_values(self, var_list: Any) -> None:
        """With `use_ema`, overwrites the variables with their moving averages."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(list(var_list))

    def scale_loss(self, loss: Any) -> Any:
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    def stateless_apply(self, optimizer_variables: Any, grads: Any, trainable_variables: Any) -> Any:
        raise ValueError("stateless_apply is not supported with the TensorFlow backend (as it is incompatible "
                         "with tf.distribute).")

    # -- assignment helpers Keras exposes to custom optimizers -------------------------------------
    def assign(self, variable: Any, value: Any) -> None:
        target = _backing(variable)
        value = tf.cast(value, target.dtype)
        if isinstance(value, tf.IndexedSlices):
            target.scatter_update(value)
        else:
            target.assign(value, read_value=False)

    def assign_add(self, variable: Any, value: Any) -> None:
        target = _backing(variable)
        value = tf.cast(value, target.dtype)
        if isinstance(value, tf.IndexedSlices):
            target.scatter_add(value)
        else:
            target.assign_add(value, read_value=False)

    def assign_sub(self, variable: Any, value: Any) -> None:
        target = _backing(variable)
        value = tf.cast(value, target.dtype)
        if isinstance(value, tf.IndexedSlices):
            target.scatter_sub(value)
        else:
            target.assign_sub(value, read_value=False)

    # -- weights and config ----------------------------------------------------------------------
    def set_weights(self, weights: Any) -> None:
        if not self.built:
            raise ValueError("You are calling `set_weights()` on an optimizer that has not yet been built. Please "
                             "call `optimizer.build(trainable_variables)` to create the optimizer weights before "
                             "calling `set_weights()`.")
        for variable, weight in zip(self._variables, weights):
            if tuple(variable.shape) != tuple(weight.shape):
                raise ValueError(f"Optimizer variable {id(_backing(variable))} has shape {variable.shape} not "
                                 f"compatible with provided weight shape {tuple(weight.shape)}.")
            variable.assign(weight)

    def save_own_variables(self, store: dict) -> None:
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store: dict) -> None:
        if len(store.keys()) != len(self.variables):
            msg = (f"Skipping variable loading for optimizer '{self.name}', because it has {len(self.variables)} "
                   f"variables whereas the saved optimizer has {len(store.keys())} variables. ")
            if len(self.variables) == 0:
                msg += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(msg, stacklevel=2)
            return
        for i, variable in enumerate(self.variables):
            variable.assign(store[str(i)])

    def get_config(self) -> dict:
        lr = self._learning_rate
        if isinstance(lr, _schedules.LearningRateSchedule):
            learning_rate: Any = _schedules.serialize(lr)
        elif isinstance(lr, KerasVariable):
            learning_rate = float(lr.numpy())
        elif tf.is_tensor(lr):
            learning_rate = float(lr)
        else:
            learning_rate = lr
        return {"name": self.name, "learning_rate": learning_rate, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency, "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Optimizer:
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _schedules.deserialize(config["learning_rate"], custom_objects=custom_objects)
        return cls(**config)


def global_norm(value_list: list) -> Any:
    """`sqrt(sum(stack([sum(g**2) for g])))`, over the non-None gradients (an `IndexedSlices`
    contributes its per-occurrence squares, as Keras's sparse `square` gives)."""
    squared = [tf.reduce_sum(_sparse.dense(_sparse.square(v))) for v in value_list if v is not None]
    return tf.sqrt(tf.reduce_sum(tf.stack(squared)))


def clip_by_global_norm(value_list: list, clip_norm: float) -> list:
    """Keras's global-norm clipping: scale by `c * min(1/norm, 1/c)` (NaN for a non-finite norm);
    `IndexedSlices` come back dense, as TensorFlow's `slices * scale` does."""
    use_norm = global_norm(value_list)
    scale = clip_norm * tf.minimum(1.0 / use_norm, 1.0 / clip_norm)
    scale = scale + (use_norm - use_norm)
    return [_sparse.dense(v) * scale if v is not None else v for v in value_list]
