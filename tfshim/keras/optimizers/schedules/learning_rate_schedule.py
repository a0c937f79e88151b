"""Keras 3.15's learning-rate schedules: pure functions of the step, computed with tfshim ops.

Each schedule repeats Keras's arithmetic op for op (same casts, same order of float32 operations),
so the rates agree with TensorFlow's bit for bit, not merely to a tolerance. Keras wraps each call in
`name_scope(self.name)`; eager names are invisible, so tfshim skips that.
"""

from __future__ import annotations

import math
from typing import Any

import tfshim as tf

_MODULE = "keras.optimizers.schedules"


class LearningRateSchedule:
    """`tf.keras.optimizers.schedules.LearningRateSchedule`: the base of every schedule.

    A subclass overrides `__call__(step)` (returning the rate at that step) and `get_config()`.
    """

    def __call__(self, step: Any) -> Any:
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' must override `__call__(self, step)`."
        )

    def get_config(self) -> dict:
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' must override `get_config()` in order "
            "to be serializable."
        )

    @classmethod
    def from_config(cls, config: dict) -> LearningRateSchedule:
        return cls(**config)


def _check_steps(name: str, steps: Any) -> None:
    if steps <= 0:
        raise ValueError(f"Argument `{name}` must be > 0. Received: {name}={steps}")


def _start(initial_learning_rate: Any, step: Any) -> tuple:
    """The initial rate as a tensor, its dtype, and the step cast to that dtype (Keras's preamble)."""
    lr0 = tf.convert_to_tensor(initial_learning_rate)
    dtype = lr0.dtype
    return lr0, dtype, tf.cast(step, dtype)


class _StepRatioDecay(LearningRateSchedule):
    """What ExponentialDecay and InverseTimeDecay share: their arguments, their config, and the
    progress `step / decay_steps` (floored when `staircase`)."""

    def __init__(self, initial_learning_rate: Any, decay_steps: Any, decay_rate: Any, staircase: bool,
                 name: str) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def _progress(self, step: Any) -> tuple:
        lr0, dtype, step = _start(self.initial_learning_rate, step)
        p = tf.divide(step, tf.cast(self.decay_steps, dtype))
        if self.staircase:
            p = tf.floor(p)
        return lr0, dtype, p

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


class ExponentialDecay(_StepRatioDecay):
    """`lr0 * decay_rate ** (step / decay_steps)`, the exponent floored when `staircase`."""

    def __init__(self, initial_learning_rate: Any, decay_steps: Any, decay_rate: Any, staircase: bool = False,
                 name: str = "ExponentialDecay") -> None:
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step: Any) -> Any:
        lr0, dtype, p = self._progress(step)
        return tf.multiply(lr0, tf.pow(tf.cast(self.decay_rate, dtype), p))


class PiecewiseConstantDecay(LearningRateSchedule):
    """`values[i]` on the i-th piece; a boundary belongs to the piece on its left (`step <= b`)."""

    def __init__(self, boundaries: Any, values: Any, name: str = "PiecewiseConstant") -> None:
        super().__init__()
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of values. Received: "
                f"boundaries={boundaries} of length {len(boundaries)}, and values={values} of length "
                f"{len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step: Any) -> Any:
        step = tf.convert_to_tensor(step)
        bounds = []
        for b in self.boundaries:
            b = tf.convert_to_tensor(b)
            bounds.append(b if b.dtype == step.dtype else tf.cast(b, step.dtype))
        values = [tf.convert_to_tensor(v) for v in self.values]
        dtype = values[0].dtype
        result = tf.zeros((), dtype)
        result = result + tf.cast(tf.less_equal(step, bounds[0]), dtype) * values[0]
        result = result + tf.cast(tf.greater(step, bounds[-1]), dtype) * values[-1]
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1]):
            inside = tf.logical_and(tf.greater(step, low), tf.less_equal(step, high))
            result = result + tf.cast(inside, dtype) * value
        return result

    def get_config(self) -> dict:
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """`(lr0 - end) * (1 - step/decay_steps) ** power + end`, the step clamped (or cycled)."""

    def __init__(self, initial_learning_rate: Any, decay_steps: Any, end_learning_rate: Any = 0.0001,
                 power: Any = 1.0, cycle: bool = False, name: str = "PolynomialDecay") -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_steps("decay_steps", decay_steps)

    def __call__(self, step: Any) -> Any:
        lr0, dtype, step = _start(self.initial_learning_rate, step)
        end = tf.cast(self.end_learning_rate, dtype)
        power = tf.cast(self.power, dtype)
        steps = tf.cast(self.decay_steps, dtype)
        if self.cycle:
            # the first multiple of decay_steps above the step (1 at step 0)
            multiplier = tf.where(tf.equal(step, 0), tf.ones((), dtype), tf.math.ceil(step / self.decay_steps))
            steps = tf.multiply(steps, multiplier)
        else:
            step = tf.minimum(step, steps)
        p = tf.divide(step, steps)
        return tf.add(tf.multiply(lr0 - end, tf.pow(1 - p, power)), end)

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power, "cycle": self.cycle,
                "name": self.name}


class InverseTimeDecay(_StepRatioDecay):
    """`lr0 / (1 + decay_rate * step / decay_steps)`, the ratio floored when `staircase`."""

    def __init__(self, initial_learning_rate: Any, decay_steps: Any, decay_rate: Any, staircase: bool = False,
                 name: str = "InverseTimeDecay") -> None:
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step: Any) -> Any:
        lr0, dtype, p = self._progress(step)
        denom = tf.add(tf.cast(1, dtype), tf.multiply(tf.cast(self.decay_rate, dtype), p))
        return tf.divide(lr0, denom)


class CosineDecay(LearningRateSchedule):
    """Cosine decay from `lr0` (or, after a linear warm-up, from `warmup_target`) down to `alpha*lr`."""

    def __init__(self, initial_learning_rate: Any, decay_steps: Any, alpha: Any = 0.0, name: str = "CosineDecay",
                 warmup_target: Any = None, warmup_steps: Any = 0) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_steps("decay_steps", decay_steps)

    def _decay(self, step: Any, decay_steps: Any, decay_from: Any, dtype: Any) -> Any:
        fraction = tf.divide(step, decay_steps)
        pi = tf.constant(math.pi, dtype=dtype)
        cosine = 0.5 * (1.0 + tf.cos(tf.multiply(pi, fraction)))
        decayed = (1 - self.alpha) * cosine + self.alpha
        return tf.multiply(decay_from, decayed)

    def __call__(self, step: Any) -> Any:
        lr0, dtype, step = _start(self.initial_learning_rate, step)
        decay_steps = tf.cast(self.decay_steps, dtype)
        if self.warmup_target is None:
            return self._decay(tf.minimum(step, decay_steps), decay_steps, lr0, dtype)
        target = tf.cast(self.warmup_target, dtype)
        warmup_steps = tf.cast(self.warmup_steps, dtype)
        step = tf.minimum(step, decay_steps + warmup_steps)
        if bool(step < warmup_steps):
            return (target - lr0) * (step / warmup_steps) + lr0
        return self._decay(step - warmup_steps, decay_steps, target, dtype)

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "alpha": self.alpha, "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    """SGDR: period i lasts `first_decay_steps * t_mul**i` steps, a cosine decay from `lr0 * m_mul**i`."""

    def __init__(self, initial_learning_rate: Any, first_decay_steps: Any, t_mul: Any = 2.0, m_mul: Any = 1.0,
                 alpha: Any = 0.0, name: str = "SGDRDecay") -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _check_steps("first_decay_steps", first_decay_steps)

    def __call__(self, step: Any) -> Any:
        lr0, dtype, step = _start(self.initial_learning_rate, step)
        first = tf.cast(self.first_decay_steps, dtype)
        alpha = tf.cast(self.alpha, dtype)
        t_mul = tf.cast(self._t_mul, dtype)
        m_mul = tf.cast(self._m_mul, dtype)
        fraction = step / first
        if bool(tf.equal(t_mul, 1.0)):
            i_restart = tf.floor(fraction)
            fraction = fraction - i_restart
        else:
            i_restart = tf.floor(tf.math.log(tf.cast(1.0 - fraction * (1.0 - t_mul), dtype)) / tf.math.log(t_mul))
            sum_r = tf.divide(1.0 - tf.pow(t_mul, i_restart), 1.0 - t_mul)
            fraction = tf.divide(tf.subtract(fraction, sum_r), tf.pow(t_mul, i_restart))
        m_fac = tf.pow(m_mul, i_restart)
        cosine = 0.5 * m_fac * (1.0 + tf.cos(tf.multiply(tf.constant(math.pi, dtype=dtype), fraction)))
        decayed = tf.add(tf.multiply(1 - alpha, cosine), alpha)
        return tf.multiply(lr0, decayed)

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "first_decay_steps": self.first_decay_steps,
                "t_mul": self._t_mul, "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


_BUILTIN = {cls.__name__: cls for cls in (ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,
                                          InverseTimeDecay, CosineDecay, CosineDecayRestarts)}


def serialize(learning_rate_schedule: LearningRateSchedule) -> dict:
    """The Keras serialization dict: `{'module', 'class_name', 'config', 'registered_name'}`."""
    return {"module": _MODULE, "class_name": type(learning_rate_schedule).__name__,
            "config": learning_rate_schedule.get_config(), "registered_name": None}


def deserialize(config: dict, custom_objects: dict | None = None) -> LearningRateSchedule:
    """Rebuilds a schedule from `serialize`'s dict (built-in classes or `custom_objects`)."""
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or _BUILTIN.get(name)
    if cls is None:
        raise TypeError(f"Could not locate class '{name}'. Make sure custom classes are decorated with "
                        "`@keras.saving.register_keras_serializable()`.")
    return cls.from_config(config["config"])
