"""Spec sections 12 (tf.keras.optimizers) and 13 (learning-rate schedules): multi-step trajectories
from fixed weights for every optimizer and option (momentum/nesterov, amsgrad, centered, weight
decay, the three clippings, schedules and callables as the rate, a rate changed mid-run, None
gradients), the optimizer's variables (names, paths, order, dtypes), `iterations`, configs, `get`,
the schedules' values at many steps, and the misuses' exception classes."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "keras_optimizers"
_RNG = np.random.default_rng(2113)

# A small least-squares problem: loss = mean((x @ w + b - y)^2), from fixed weights.
_X = _RNG.uniform(-1.0, 1.0, (5, 3)).astype(np.float32)
_Y = _RNG.uniform(-1.0, 1.0, (5, 2)).astype(np.float32)
_W0 = _RNG.uniform(-0.5, 0.5, (3, 2)).astype(np.float32)
_B0 = np.array([0.1, -0.2], np.float32)
# Fixed gradients per step (away from zero, so sign-based Lion is stable), for a (2, 3) variable.
_V0 = _RNG.uniform(-1.0, 1.0, (2, 3)).astype(np.float32)
_GRADS = [_RNG.uniform(0.2, 1.5, (2, 3)).astype(np.float32) * _RNG.choice([-1.0, 1.0], (2, 3)).astype(np.float32)
          for _ in range(6)]
_STEPS = 6


def _quadratic(tf: Any, opt: Any, steps: int = _STEPS) -> list:
    """Trains w, b on the least-squares problem; returns the weights after each step and the slots."""
    w = tf.Variable(_W0, name="w")
    b = tf.Variable(_B0, name="b")
    out = []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(_X, w) + b - _Y))
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
        out.append([w.numpy(), b.numpy()])
    return [out, [v.numpy() for v in opt.variables]]


def _fixed(tf: Any, opt: Any, grads: list = _GRADS) -> list:
    """Applies the fixed gradient sequence to one variable; its value after each step and the slots."""
    v = tf.Variable(_V0, name="v")
    out = []
    for g in grads:
        opt.apply_gradients([(tf.constant(g), v)])
        out.append(v.numpy())
    return [out, [x.numpy() for x in opt.variables]]


def _both(label: str, make: Any) -> None:
    """Registers a quadratic and a fixed-gradient trajectory case for one optimizer configuration."""

    @case(AREA, f"{label}: least-squares trajectory")
    def quadratic(tf: Any) -> Any:
        return _quadratic(tf, make(tf.keras.optimizers))

    @case(AREA, f"{label}: fixed-gradient trajectory")
    def fixed(tf: Any) -> Any:
        return _fixed(tf, make(tf.keras.optimizers))


# -- every optimizer and option combination -----------------------------------------------------------
_CONFIGS = {
    "SGD default": lambda k: k.SGD(name="o"),
    "SGD lr 0.1": lambda k: k.SGD(0.1, name="o"),
    "SGD momentum": lambda k: k.SGD(0.1, momentum=0.9, name="o"),
    "SGD nesterov": lambda k: k.SGD(0.1, momentum=0.9, nesterov=True, name="o"),
    "SGD momentum 0.5 weight_decay": lambda k: k.SGD(0.1, momentum=0.5, weight_decay=0.1, name="o"),
    "Adam default": lambda k: k.Adam(name="o"),
    "Adam lr 0.1": lambda k: k.Adam(0.1, name="o"),
    "Adam betas epsilon": lambda k: k.Adam(0.05, beta_1=0.5, beta_2=0.9, epsilon=0.1, name="o"),
    "Adam amsgrad": lambda k: k.Adam(0.1, amsgrad=True, name="o"),
    "Adam weight_decay": lambda k: k.Adam(0.1, weight_decay=0.2, name="o"),
    "AdamW default": lambda k: k.AdamW(name="o"),
    "AdamW lr 0.1 wd 0.1": lambda k: k.AdamW(0.1, weight_decay=0.1, name="o"),
    "AdamW amsgrad": lambda k: k.AdamW(0.1, weight_decay=0.05, amsgrad=True, name="o"),
    "RMSprop default": lambda k: k.RMSprop(name="o"),
    "RMSprop lr 0.05": lambda k: k.RMSprop(0.05, name="o"),
    "RMSprop momentum": lambda k: k.RMSprop(0.05, momentum=0.9, name="o"),
    "RMSprop centered": lambda k: k.RMSprop(0.05, centered=True, name="o"),
    "RMSprop centered momentum rho": lambda k: k.RMSprop(0.05, rho=0.8, momentum=0.5, centered=True, name="o"),
    "Adagrad default": lambda k: k.Adagrad(name="o"),
    "Adagrad lr 0.5 init 0.5": lambda k: k.Adagrad(0.5, initial_accumulator_value=0.5, name="o"),
    "Adadelta default": lambda k: k.Adadelta(name="o"),
    "Adadelta lr 1 rho 0.9": lambda k: k.Adadelta(1.0, rho=0.9, name="o"),
    "Adamax default": lambda k: k.Adamax(name="o"),
    "Adamax lr 0.1": lambda k: k.Adamax(0.1, beta_2=0.9, name="o"),
    "Nadam default": lambda k: k.Nadam(name="o"),
    "Nadam lr 0.1": lambda k: k.Nadam(0.1, beta_1=0.8, name="o"),
    "Lion default": lambda k: k.Lion(name="o"),
    "Lion lr 0.05": lambda k: k.Lion(0.05, beta_1=0.5, beta_2=0.9, name="o"),
    "Ftrl default": lambda k: k.Ftrl(name="o"),
    "Ftrl lr 0.5": lambda k: k.Ftrl(0.5, name="o"),
    "Ftrl l1 l2 beta": lambda k: k.Ftrl(0.5, l1_regularization_strength=0.01, l2_regularization_strength=0.1,
                                        beta=0.5, name="o"),
    "Ftrl shrinkage power -1": lambda k: k.Ftrl(0.5, learning_rate_power=-1.0,
                                                l2_shrinkage_regularization_strength=0.1,
                                                initial_accumulator_value=0.3, name="o"),
    "Ftrl power 0": lambda k: k.Ftrl(0.3, learning_rate_power=0.0, name="o"),
    # clipping
    "SGD clipnorm": lambda k: k.SGD(0.1, clipnorm=0.5, name="o"),
    "SGD clipvalue": lambda k: k.SGD(0.1, clipvalue=0.3, name="o"),
    "SGD global_clipnorm": lambda k: k.SGD(0.1, global_clipnorm=0.5, name="o"),
    "Adam clipnorm": lambda k: k.Adam(0.1, clipnorm=0.2, name="o"),
    "Adam clipvalue": lambda k: k.Adam(0.1, clipvalue=0.05, name="o"),
    "Adam global_clipnorm": lambda k: k.Adam(0.1, global_clipnorm=0.3, name="o"),
    "RMSprop global_clipnorm momentum": lambda k: k.RMSprop(0.05, momentum=0.5, global_clipnorm=1.0, name="o"),
    "Adagrad clipvalue": lambda k: k.Adagrad(0.5, clipvalue=0.5, name="o"),
    "AdamW global_clipnorm": lambda k: k.AdamW(0.1, global_clipnorm=0.3, name="o"),
    "SGD weight_decay clipnorm": lambda k: k.SGD(0.1, weight_decay=0.3, clipnorm=1.0, name="o"),
    "Lion weight_decay": lambda k: k.Lion(0.05, weight_decay=0.5, name="o"),
    "RMSprop weight_decay": lambda k: k.RMSprop(0.05, weight_decay=0.5, name="o"),
    "Adam loss_scale_factor": lambda k: k.Adam(0.1, loss_scale_factor=4.0, name="o"),
    # schedules as the learning rate
    "SGD ExponentialDecay": lambda k: k.SGD(k.schedules.ExponentialDecay(0.2, 2, 0.5), name="o"),
    "SGD ExponentialDecay staircase": lambda k: k.SGD(k.schedules.ExponentialDecay(0.2, 2, 0.5, staircase=True),
                                                      name="o"),
    "Adam PiecewiseConstantDecay": lambda k: k.Adam(k.schedules.PiecewiseConstantDecay([1, 3], [0.1, 0.05, 0.01]),
                                                    name="o"),
    "SGD PolynomialDecay": lambda k: k.SGD(k.schedules.PolynomialDecay(0.2, 4, 0.01, power=2.0), name="o"),
    "SGD PolynomialDecay cycle": lambda k: k.SGD(k.schedules.PolynomialDecay(0.2, 2, 0.01, cycle=True), name="o"),
    "RMSprop InverseTimeDecay": lambda k: k.RMSprop(k.schedules.InverseTimeDecay(0.05, 1, 0.5), name="o"),
    "Adam CosineDecay": lambda k: k.Adam(k.schedules.CosineDecay(0.1, 4, alpha=0.1), name="o"),
    "Adam CosineDecay warmup": lambda k: k.Adam(k.schedules.CosineDecay(0.01, 3, warmup_target=0.1,
                                                                        warmup_steps=2), name="o"),
    "SGD CosineDecayRestarts": lambda k: k.SGD(k.schedules.CosineDecayRestarts(0.2, 2), name="o"),
    "SGD momentum CosineDecayRestarts t_mul 1": lambda k: k.SGD(
        k.schedules.CosineDecayRestarts(0.2, 2, t_mul=1.0, m_mul=0.5, alpha=0.1), momentum=0.9, name="o"),
    "AdamW ExponentialDecay": lambda k: k.AdamW(k.schedules.ExponentialDecay(0.1, 1, 0.7), weight_decay=0.1,
                                                name="o"),
}
for _label, _make in _CONFIGS.items():
    _both(_label, _make)


# -- the learning rate: a callable, changed mid-run ---------------------------------------------------
@case(AREA, "callable learning rate reading a tf.Variable changed mid-run")
def callable_lr(tf: Any) -> Any:
    lr = tf.Variable(0.1)
    opt = tf.keras.optimizers.Adam(lambda: lr, name="o")
    v = tf.Variable(_V0)
    out = []
    for i, g in enumerate(_GRADS):
        if i == 3:
            lr.assign(0.01)
        opt.apply_gradients([(tf.constant(g), v)])
        out.append(v.numpy())
    return [out, opt.learning_rate, [x.path for x in opt.variables]]


@case(AREA, "learning_rate set to a float mid-run")
def lr_set_mid_run(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, momentum=0.5, name="o")
    v = tf.Variable(_V0)
    out = []
    for i, g in enumerate(_GRADS):
        if i == 2:
            opt.learning_rate = 0.02
        if i == 4:
            opt.learning_rate = 1  # an int is assigned into the variable
        opt.apply_gradients([(tf.constant(g), v)])
        out.append(v.numpy())
    return [out, opt.learning_rate.numpy(), len(opt.variables)]


@case(AREA, "learning_rate variable assign mid-run")
def lr_assign_mid_run(tf: Any) -> Any:
    opt = tf.keras.optimizers.RMSprop(0.05, name="o")
    v = tf.Variable(_V0)
    out = []
    for i, g in enumerate(_GRADS):
        if i == 3:
            opt.learning_rate.assign(0.2)
        opt.apply_gradients([(tf.constant(g), v)])
        out.append(v.numpy())
    return out


@case(AREA, "learning_rate replaced by a schedule mid-run")
def lr_to_schedule(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    v = tf.Variable(_V0)
    out = []
    for i, g in enumerate(_GRADS):
        if i == 2:
            opt.learning_rate = tf.keras.optimizers.schedules.ExponentialDecay(0.5, 1, 0.5)
        opt.apply_gradients([(tf.constant(g), v)])
        out.append(v.numpy())
    return [out, [x.path for x in opt.variables], opt.learning_rate, attempt(setattr, opt, "learning_rate", 0.1)]


@case(AREA, "learning_rate property per kind")
def lr_kinds(tf: Any) -> Any:
    o = tf.keras.optimizers
    sched = o.schedules.ExponentialDecay(0.1, 10, 0.5)
    a = o.SGD(0.1, name="a")
    b = o.SGD(sched, name="b")
    c = o.SGD(lambda: 0.25, name="c")
    d = o.SGD(np.float64(0.3), name="d")
    b.iterations.assign(4)
    return [type(a.learning_rate).__name__, a.learning_rate.numpy(), b.learning_rate, c.learning_rate,
            d.learning_rate.numpy(), [x.path for x in b.variables], [x.path for x in c.variables]]


@case(AREA, "schedule-built optimizer refuses a float rate")
def schedule_setter(tf: Any) -> Any:
    o = tf.keras.optimizers
    opt = o.SGD(o.schedules.ExponentialDecay(0.1, 10, 0.5), name="o")
    r1 = attempt(setattr, opt, "learning_rate", 0.3)
    opt.learning_rate = lambda: 0.3
    return [r1, opt.learning_rate]


@case(AREA, "custom LearningRateSchedule subclass")
def custom_schedule(tf: Any) -> Any:
    class Halving(tf.keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step: Any) -> Any:
            return 0.5 / tf.cast(step + 1, tf.float32)

    opt = tf.keras.optimizers.SGD(Halving(), name="o")
    v = tf.Variable(_V0)
    out = []
    for g in _GRADS[:4]:
        opt.apply_gradients([(tf.constant(g), v)])
        out.append(v.numpy())
    return [out, opt.learning_rate]


# -- None gradients, iterations, apply/build ----------------------------------------------------------
@case(AREA, "None gradients: skipped variables keep their value and slots")
def none_grads(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    a = tf.Variable([1.0, 2.0], name="a")
    b = tf.Variable([3.0], name="b")
    out = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for i in range(4):
            gb = None if i % 2 else tf.constant([0.5])
            opt.apply_gradients([(tf.constant([1.0, -1.0]), a), (gb, b)])
            out.append([a.numpy(), b.numpy(), opt.iterations.numpy()])
    messages = [str(w.message) for w in caught]
    return [out, [x.numpy() for x in opt.variables], messages, [w.category.__name__ for w in caught]]


@case(AREA, "None gradient for a Keras variable is named by its path")
def none_grad_keras_variable(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    kv = tf.keras.Variable([1.0, 2.0], name="kv")
    other = tf.Variable(1.0, name="other")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        opt.apply_gradients([(None, kv), (tf.constant(2.0), other), (None, tf.Variable(0.0, name="z"))])
    return [[str(w.message) for w in caught], kv.numpy(), other.numpy()]


@case(AREA, "only None gradients raises")
def only_none(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    v = tf.Variable(1.0)
    return [attempt(opt.apply_gradients, [(None, v)]), opt.iterations.numpy(), opt.built]


@case(AREA, "empty gradient list raises")
def empty_list(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    return [attempt(opt.apply_gradients, []), opt.iterations.numpy()]


@case(AREA, "apply_gradients returns the iterations variable")
def returns_iterations(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    v = tf.Variable(1.0)
    r = opt.apply_gradients([(tf.constant(1.0), v)])
    r2 = opt.apply_gradients([(tf.constant(1.0), v)])
    return [type(r).__name__, r is opt.iterations, r.numpy(), r2.numpy(), r.path, r.dtype, v.numpy()]


@case(AREA, "iterations: int64 Keras variable, assignable, drives bias correction")
def iterations_assign(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    v = tf.Variable([1.0, 2.0])
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    opt.iterations.assign(10)
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    it = opt.iterations
    return [v.numpy(), it.numpy(), type(it.numpy()).__name__, it.dtype, it.trainable, it.shape, it.name]


@case(AREA, "iterations advance even when some gradients are None")
def iterations_with_none(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(3):
            opt.apply_gradients([(None, a), (tf.constant(1.0), b)])
    return [opt.iterations.numpy(), a.numpy(), b.numpy()]


@case(AREA, "build then apply without variables")
def build_then_apply(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    a = tf.Variable([1.0, 2.0], name="a")
    b = tf.Variable(3.0, name="b")
    opt.build([a, b])
    paths = [x.path for x in opt.variables]
    r = opt.apply([tf.constant([1.0, -1.0]), tf.constant(0.5)])
    bad = attempt(opt.apply, [tf.constant([1.0, -1.0])])
    return [paths, r, a.numpy(), b.numpy(), opt.iterations.numpy(), bad, opt.built]


@case(AREA, "apply without variables before build raises")
def apply_unbuilt(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    return attempt(opt.apply, [tf.constant(1.0)])


@case(AREA, "build twice keeps the first variables")
def build_twice(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, momentum=0.5, name="o")
    a = tf.Variable([1.0], name="a")
    c = tf.Variable([2.0], name="c")
    opt.build((a,))
    opt.build([c])
    return [[x.path for x in opt.variables], opt.built, attempt(opt.apply_gradients, [(tf.constant([1.0]), c)])]


@case(AREA, "unknown variable after build raises")
def unknown_variable(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    a = tf.Variable(1.0, name="a")
    opt.apply_gradients([(tf.constant(1.0), a)])
    return [attempt(opt.apply_gradients, [(tf.constant(1.0), tf.Variable(1.0, name="stranger"))]),
            opt.iterations.numpy()]


@case(AREA, "a subset of the built variables, in another order")
def subset_order(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    a = tf.Variable([1.0, 2.0], name="a")
    b = tf.Variable([3.0], name="b")
    opt.apply_gradients([(tf.constant([1.0, 1.0]), a), (tf.constant([1.0]), b)])
    opt.apply_gradients([(tf.constant([-2.0]), b)])
    opt.apply_gradients([(tf.constant([0.5]), b), (tf.constant([0.5, 3.0]), a)])
    return [a.numpy(), b.numpy(), [x.numpy() for x in opt.variables]]


@case(AREA, "apply_gradients accepts a generator, NumPy and list gradients")
def gradient_kinds(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, momentum=0.9, name="o")
    v = tf.Variable([1.0, 2.0])
    opt.apply_gradients((g, v) for g in [tf.constant([1.0, 1.0])])
    opt.apply_gradients([(np.array([1.0, 2.0]), v)])
    opt.apply_gradients([([0.5, -0.5], v)])
    opt.apply_gradients([(np.array([1.0, 2.0], np.float32), v)])
    return [v.numpy(), opt.iterations.numpy()]


@case(AREA, "float64 gradient for a float32 variable is cast")
def grad_cast(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    v = tf.Variable([1.0, 2.0])
    for g in _GRADS[:3]:
        opt.apply_gradients([(tf.constant(g[0, :2], tf.float64), v)])
    return [v, [x.dtype for x in opt.variables]]


@case(AREA, "float64 variable gets float64 slots")
def float64_variable(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    v = tf.Variable(_V0.astype(np.float64))
    for g in _GRADS:
        opt.apply_gradients([(tf.constant(g, tf.float32), v)])
    return [v, [(x.path, x.dtype) for x in opt.variables], [x.numpy() for x in opt.variables]]


@case(AREA, "float64 and float32 variables in one optimizer (Nadam)")
def mixed_dtypes(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    opt = tf.keras.optimizers.Nadam(0.1, name="o")
    a = tf.Variable(_V0.astype(np.float64), name="a")
    b = tf.Variable(_V0[0], name="b")
    for g in _GRADS:
        opt.apply_gradients([(tf.constant(g, tf.float64), a), (tf.constant(g[1]), b)])
    return [a, b, [(x.path, x.dtype) for x in opt.variables]]


@case(AREA, "int variable: SGD casts the rate to int (no change)")
def int_variable(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    v = tf.Variable([1, 2])
    r = attempt(opt.apply_gradients, [(tf.constant([1, 1]), v)])
    return [v.numpy(), opt.iterations.numpy(), type(r).__name__]


@case(AREA, "gradient of the wrong shape raises InvalidArgumentError")
def wrong_shape(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    v = tf.Variable([1.0, 2.0])
    return [attempt(opt.apply_gradients, [(tf.constant([1.0, 1.0, 3.0]), v)]), v.numpy()]


@case(AREA, "gradient of the wrong shape raises with Adam too", compare_message=False)
def wrong_shape_adam(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    v = tf.Variable([1.0, 2.0])
    return type(attempt(opt.apply_gradients, [(tf.constant([1.0, 1.0, 3.0]), v)])).__name__


@case(AREA, "variable constraint applied after the update")
def constraint(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.5, name="o")
    c = tf.Variable([-1.0, 2.0, 0.2], constraint=lambda x: tf.maximum(x, 0.0))
    opt.apply_gradients([(tf.constant([1.0, 1.0, 1.0]), c)])
    r1 = c.numpy()
    opt.apply_gradients([(tf.constant([0.0, 0.0, 0.0]), c)])
    return [r1, c.numpy()]


@case(AREA, "Keras variables train like tf.Variables")
def keras_variables(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, name="o")
    kv = tf.keras.Variable(_V0, name="kv")
    out = []
    for g in _GRADS:
        opt.apply_gradients([(tf.constant(g), kv)])
        out.append(kv.numpy())
    return [out, [x.path for x in opt.variables]]


@case(AREA, "Keras variable and its backing tf.Variable are the same key")
def keras_backing_key(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    kv = tf.keras.Variable([1.0, 2.0], name="kv")
    opt.apply_gradients([(tf.constant([1.0, 1.0]), kv)])
    opt.apply_gradients([(tf.constant([1.0, 1.0]), kv.value)])
    return [kv.numpy(), opt.iterations.numpy()]


@case(AREA, "Module trainable_variables train with an optimizer")
def module_variables(tf: Any) -> Any:
    class Lin(tf.Module):
        def __init__(self) -> None:
            super().__init__(name="lin")
            self.w = tf.Variable(_W0, name="w")
            self.b = tf.Variable(_B0, name="b")

    m = Lin()
    opt = tf.keras.optimizers.RMSprop(0.05, momentum=0.5, name="o")
    for _ in range(4):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(_X, m.w) + m.b - _Y))
        grads = tape.gradient(loss, m.trainable_variables)
        opt.apply_gradients(zip(grads, m.trainable_variables))
    return [m.w.numpy(), m.b.numpy(), [x.path for x in opt.variables]]


# -- weight decay -------------------------------------------------------------------------------------
@case(AREA, "AdamW with zero gradients only decays")
def adamw_zero_grad(tf: Any) -> Any:
    opt = tf.keras.optimizers.AdamW(0.1, weight_decay=0.5, name="o")
    v = tf.Variable([1.0, -2.0])
    out = []
    for _ in range(3):
        opt.apply_gradients([(tf.constant([0.0, 0.0]), v)])
        out.append(v.numpy())
    return out


@case(AREA, "exclude_from_weight_decay by name and by variable")
def exclude_decay(tf: Any) -> Any:
    opt = tf.keras.optimizers.AdamW(0.1, weight_decay=0.5, name="o")
    bias = tf.Variable([1.0], name="bias")
    kern = tf.Variable([1.0], name="kern")
    other = tf.Variable([1.0], name="other")
    opt.exclude_from_weight_decay(var_list=[other], var_names=["bias"])
    zero = tf.constant([0.0])
    opt.apply_gradients([(zero, bias), (zero, kern), (zero, other)])
    return [bias.numpy(), kern.numpy(), other.numpy()]


@case(AREA, "exclude_from_weight_decay after build is accepted")
def exclude_after_build(tf: Any) -> Any:
    opt = tf.keras.optimizers.AdamW(0.1, weight_decay=0.5, name="o")
    v = tf.Variable([1.0], name="kern")
    opt.apply_gradients([(tf.constant([0.0]), v)])
    r = attempt(opt.exclude_from_weight_decay, var_names=["kern"])
    opt.apply_gradients([(tf.constant([0.0]), v)])
    return [r, v.numpy()]


@case(AREA, "weight decay with a schedule uses the rate at this step")
def decay_with_schedule(tf: Any) -> Any:
    o = tf.keras.optimizers
    opt = o.SGD(o.schedules.PiecewiseConstantDecay([1], [0.5, 0.1]), weight_decay=0.2, name="o")
    v = tf.Variable([1.0, 2.0])
    out = []
    for _ in range(3):
        opt.apply_gradients([(tf.constant([0.0, 1.0]), v)])
        out.append(v.numpy())
    return out


# -- EMA and gradient accumulation --------------------------------------------------------------------
@case(AREA, "use_ema: averages, overwrite frequency and finalize")
def ema(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, use_ema=True, ema_momentum=0.5, ema_overwrite_frequency=3, name="o")
    v = tf.Variable(_V0, name="v")
    out = []
    for g in _GRADS[:5]:
        opt.apply_gradients([(tf.constant(g), v)])
        out.append([v.numpy(), [x.numpy() for x in opt.variables]])
    opt.finalize_variable_values([v])
    return [out, v.numpy(), [x.path for x in opt.variables]]


@case(AREA, "gradient_accumulation_steps: updates every k steps with the mean gradient")
def grad_accumulation(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(0.1, gradient_accumulation_steps=2, name="o")
    v = tf.Variable(_V0, name="v")
    out = []
    for g in _GRADS:
        opt.apply_gradients([(tf.constant(g), v)])
        out.append([v.numpy(), opt.iterations.numpy(), opt._iterations.numpy()])
    return [out, [x.path for x in opt.variables]]


# -- the optimizer's variables: names, paths, order, count ---------------------------------------------
def _variable_table(opt: Any) -> list:
    return [[x.path, x.name, x.dtype, tuple(x.shape), x.trainable, x.value.name, type(x).__name__]
            for x in opt.variables]


@case(AREA, "variables: Adam on Keras and plain variables")
def adam_variables(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    opt = tf.keras.optimizers.Adam()
    kv = tf.keras.Variable(np.ones((3, 2), np.float32), name="kernel")
    w = tf.Variable(np.ones((2,), np.float32), name="bias")
    u = tf.Variable(1.0)
    before = _variable_table(opt)
    opt.build([kv, w, u])
    return [opt.name, before, _variable_table(opt), len(opt.variables), opt.built]


_SLOT_LAYOUTS = {
    "SGD": lambda k: k.SGD(),
    "SGD momentum": lambda k: k.SGD(momentum=0.9),
    "Adam amsgrad": lambda k: k.Adam(amsgrad=True),
    "AdamW": lambda k: k.AdamW(),
    "RMSprop": lambda k: k.RMSprop(),
    "RMSprop momentum centered": lambda k: k.RMSprop(momentum=0.5, centered=True),
    "Adagrad": lambda k: k.Adagrad(),
    "Adadelta": lambda k: k.Adadelta(),
    "Adamax": lambda k: k.Adamax(),
    "Nadam": lambda k: k.Nadam(),
    "Lion": lambda k: k.Lion(),
    "Ftrl": lambda k: k.Ftrl(),
    "Adam use_ema accumulation": lambda k: k.Adam(use_ema=True, gradient_accumulation_steps=3),
}


def _layout_case(label: str, make: Any) -> None:
    @case(AREA, f"variables: {label} slot names and order")
    def layout(tf: Any) -> Any:
        tf.keras.backend.clear_session()
        opt = make(tf.keras.optimizers)
        a = tf.Variable(np.ones((2, 2), np.float32), name="dense/kernel")
        b = tf.Variable(np.zeros((2,), np.float32), name="bias")
        opt.apply_gradients([(tf.ones((2, 2)), a), (tf.ones((2,)), b)])
        return [opt.name, _variable_table(opt), [x.numpy() for x in opt.variables]]


for _label, _make in _SLOT_LAYOUTS.items():
    _layout_case(_label, _make)


@case(AREA, "Nadam built directly: the product variable outside the optimizer scope")
def nadam_direct_build(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    w = tf.Variable([1.0, 2.0], name="w")
    n1 = tf.keras.optimizers.Nadam()
    n1.apply_gradients([(tf.constant([1.0, 1.0]), w)])
    n2 = tf.keras.optimizers.Nadam()
    n2.build([w])
    n3 = tf.keras.optimizers.Nadam()
    n3.build([])
    return [_variable_table(n1), _variable_table(n2), _variable_table(n3)]


@case(AREA, "optimizer names are made unique")
def unique_names(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    o = tf.keras.optimizers
    names = [o.SGD().name, o.SGD().name, o.RMSprop().name, o.RMSprop().name, o.AdamW().name, o.Adam().name,
             o.Adagrad().name, o.Adadelta().name, o.Adamax().name, o.Nadam().name, o.Lion().name, o.Ftrl().name,
             o.Adam(name="mine").name, o.Adam().name]
    tf.keras.backend.clear_session()
    return [names, o.SGD().name]


@case(AREA, "learning_rate variable value and dtype")
def lr_variable(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    lr = opt.learning_rate
    return [lr.numpy(), lr.dtype, lr.path, lr.trainable, type(lr).__name__]


# -- defaults and configs -----------------------------------------------------------------------------
@case(AREA, "get_config of every optimizer with defaults")
def default_configs(tf: Any) -> Any:
    o = tf.keras.optimizers
    out = {}
    for cls in (o.SGD, o.Adam, o.AdamW, o.RMSprop, o.Adagrad, o.Adadelta, o.Adamax, o.Nadam, o.Lion, o.Ftrl):
        config = cls(name="x").get_config()
        out[cls.__name__] = config
    return out


@case(AREA, "get_config with options, and from_config round trip")
def config_round_trip(tf: Any) -> Any:
    o = tf.keras.optimizers
    opt = o.SGD(0.05, momentum=0.5, nesterov=True, clipnorm=1.0, weight_decay=0.01, name="s")
    config = opt.get_config()
    again = o.SGD.from_config(config)
    v = tf.Variable([1.0, 2.0])
    again.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    return [config, again.get_config(), v.numpy(), type(again).__name__]


@case(AREA, "get_config with a schedule, and from_config rebuilds it")
def config_schedule(tf: Any) -> Any:
    o = tf.keras.optimizers
    opt = o.Adam(o.schedules.CosineDecay(0.1, 5, warmup_target=0.2, warmup_steps=2), name="a")
    config = opt.get_config()
    written = dict(config)
    again = o.Adam.from_config(config)
    return [written, type(config["learning_rate"]).__name__, type(again.learning_rate).__name__,
            again.learning_rate, again.name]


@case(AREA, "serialize and deserialize")
def serialize(tf: Any) -> Any:
    o = tf.keras.optimizers
    s = o.serialize(o.RMSprop(0.5, centered=True, name="r"))
    back = o.deserialize(s)
    lower = o.deserialize({"class_name": "adam", "config": {"learning_rate": 0.5}})
    return [s, type(back).__name__, back.get_config(), type(lower).__name__, lower.learning_rate.numpy()]


@case(AREA, "get by name, dict and instance")
def get_names(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    o = tf.keras.optimizers
    out = []
    for name in ("adam", "Adam", "sgd", "SGD", "rmsprop", "RMSprop", "adamw", "adagrad", "adadelta", "adamax",
                 "nadam", "lion", "ftrl"):
        opt = o.get(name)
        out.append([type(opt).__name__, opt.name])
    inst = o.SGD(name="mine")
    from_dict = o.get({"class_name": "SGD", "config": {"learning_rate": 0.5, "momentum": 0.5}})
    return [out, o.get(inst) is inst, o.get(None), type(from_dict).__name__, from_dict.momentum,
            from_dict.learning_rate.numpy()]


@case(AREA, "get with an unknown name or a non-optimizer raises")
def get_errors(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [attempt(o.get, "nope"), attempt(o.get, 3), attempt(o.get, 0.1)]


# -- misuse -------------------------------------------------------------------------------------------
@case(AREA, "learning rate types: int, np.float32, tensor, str, bool, None, tf.Variable raise")
def lr_types(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [attempt(o.SGD, 2), attempt(o.SGD, np.float32(0.5)), attempt(o.SGD, tf.constant(0.5)),
            attempt(o.SGD, "x"), attempt(o.SGD, True), attempt(o.Adam, None),
            type(attempt(o.Adam, tf.Variable(0.5))).__name__]


@case(AREA, "unknown keyword and Keras 2 lr= raise")
def unknown_kwargs(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [attempt(o.SGD, lr=0.1), attempt(o.Adam, foo=1), attempt(o.RMSprop, 0.1, bar=2, baz=3)]


@case(AREA, "decay= only warns")
def decay_warns(tf: Any) -> Any:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        opt = tf.keras.optimizers.SGD(decay=0.1, name="o")
    return [[str(w.message) for w in caught], [w.category.__name__ for w in caught], opt.get_config()]


@case(AREA, "SGD momentum outside [0, 1] or not a float raises")
def sgd_momentum_errors(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [attempt(o.SGD, momentum=1.5), attempt(o.SGD, momentum=-0.1), attempt(o.SGD, momentum=1),
            o.SGD(momentum=1.0, name="ok").momentum]


@case(AREA, "two clipping options raise")
def two_clips(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [attempt(o.SGD, clipnorm=1.0, clipvalue=1.0), attempt(o.Adam, clipnorm=1.0, global_clipnorm=2.0),
            attempt(o.Adam, clipvalue=1.0, global_clipnorm=2.0)]


@case(AREA, "constructor argument checks: AdamW, Lion, Ftrl, EMA, accumulation")
def ctor_checks(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [attempt(o.AdamW, weight_decay=None), attempt(o.Lion, beta_1=0), attempt(o.Lion, beta_1=1.5),
            attempt(o.Ftrl, learning_rate_power=0.5), attempt(o.Ftrl, initial_accumulator_value=-1.0),
            attempt(o.Ftrl, l1_regularization_strength=-1.0), attempt(o.Ftrl, l2_regularization_strength=-1.0),
            attempt(o.Ftrl, l2_shrinkage_regularization_strength=-1.0), attempt(o.SGD, use_ema=True,
                                                                                  ema_momentum=1.5),
            attempt(o.SGD, use_ema=True, ema_overwrite_frequency=0.5),
            attempt(o.SGD, gradient_accumulation_steps=1)]


@case(AREA, "Keras 2 names are gone: minimize, lr, get_updates, weights")
def gone_names(tf: Any) -> Any:
    opt = tf.keras.optimizers.Adam(name="o")
    return [attempt(getattr, opt, "minimize"), attempt(getattr, opt, "lr"), attempt(getattr, opt, "get_updates"),
            attempt(getattr, opt, "weights"), hasattr(opt, "apply")]


@case(AREA, "legacy optimizers raise ImportError")
def legacy(tf: Any) -> Any:
    lg = tf.keras.optimizers.legacy
    return [attempt(lg.Adam), attempt(lg.SGD, 0.1), attempt(lg.RMSprop), attempt(lg.Adagrad), attempt(lg.Ftrl),
            attempt(lg.Optimizer)]


@case(AREA, "the base Optimizer has no update rule")
def base_optimizer(tf: Any) -> Any:
    opt = tf.keras.optimizers.Optimizer(0.1, name="base")
    v = tf.Variable([1.0])
    return [type(attempt(opt.apply_gradients, [(tf.constant([1.0]), v)])).__name__, opt.name,
            [x.path for x in opt.variables]]


@case(AREA, "a custom optimizer overriding update_step")
def custom_optimizer(tf: Any) -> Any:
    class Doubling(tf.keras.optimizers.Optimizer):
        def __init__(self) -> None:
            super().__init__(learning_rate=0.1, name="dbl")

        def build(self, variables: Any) -> None:
            super().build(variables)
            self.counts = self.add_optimizer_variables(variables, "count")

        def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
            count = self.counts[self._get_variable_index(variable)]
            self.assign_add(count, tf.ones_like(gradient))
            self.assign_sub(variable, gradient * tf.cast(learning_rate, variable.dtype) * count)

    opt = Doubling()
    v = tf.Variable([1.0, 2.0], name="v")
    for _ in range(3):
        opt.apply_gradients([(tf.constant([1.0, 0.5]), v)])
    return [v.numpy(), [x.path for x in opt.variables], [x.numpy() for x in opt.variables]]


@case(AREA, "a subclass of Adam overriding update_step is used")
def adam_subclass(tf: Any) -> Any:
    class Halved(tf.keras.optimizers.Adam):
        def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
            super().update_step(gradient * 0.5, variable, learning_rate)

    opt = Halved(0.1, name="h")
    v = tf.Variable([1.0, 2.0])
    for g in ([1.0, -1.0], [2.0, 0.5]):
        opt.apply_gradients([(tf.constant(g), v)])
    return [v.numpy(), [x.numpy() for x in opt.variables]]


@case(AREA, "set_weights on an unbuilt and a built optimizer")
def set_weights(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, momentum=0.5, name="o")
    v = tf.Variable([1.0, 2.0])
    r1 = attempt(opt.set_weights, [np.int64(0)])
    opt.build([v])
    opt.set_weights([np.int64(3), np.float32(0.5), np.array([1.0, -1.0], np.float32)])
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    return [r1, v.numpy(), [x.numpy() for x in opt.variables]]


@case(AREA, "stateless_apply is refused on TensorFlow")
def stateless(tf: Any) -> Any:
    opt = tf.keras.optimizers.SGD(0.1, name="o")
    return attempt(opt.stateless_apply, [], [], [])


# -- schedules: values at many steps --------------------------------------------------------------------
_STEPS_PROBE = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 15, 20, 33]


def _schedule_values(schedule: Any, tf: Any) -> list:
    return [schedule(s) for s in _STEPS_PROBE] + [schedule(tf.constant(4, tf.int64)), schedule(tf.constant(4)),
                                                 schedule(np.int64(7)), schedule(2.5)]


_SCHEDULES = {
    "ExponentialDecay": lambda s: s.ExponentialDecay(0.1, 4, 0.5),
    "ExponentialDecay staircase": lambda s: s.ExponentialDecay(0.1, 4, 0.5, staircase=True),
    "ExponentialDecay growth": lambda s: s.ExponentialDecay(0.01, 3, 1.5),
    "PiecewiseConstantDecay": lambda s: s.PiecewiseConstantDecay([3, 6], [1.0, 0.4, 0.1]),
    "PiecewiseConstantDecay one boundary": lambda s: s.PiecewiseConstantDecay([5], [0.5, 0.05]),
    "PiecewiseConstantDecay int values": lambda s: s.PiecewiseConstantDecay([3, 6, 9], [1, 4, 10, 20]),
    "PolynomialDecay": lambda s: s.PolynomialDecay(0.1, 10),
    "PolynomialDecay power end": lambda s: s.PolynomialDecay(0.1, 10, end_learning_rate=0.01, power=0.5),
    "PolynomialDecay cycle": lambda s: s.PolynomialDecay(0.1, 4, end_learning_rate=0.01, power=2.0, cycle=True),
    "InverseTimeDecay": lambda s: s.InverseTimeDecay(0.1, 2, 0.5),
    "InverseTimeDecay staircase": lambda s: s.InverseTimeDecay(0.1, 3, 0.5, staircase=True),
    "CosineDecay": lambda s: s.CosineDecay(0.1, 10),
    "CosineDecay alpha": lambda s: s.CosineDecay(0.1, 10, alpha=0.2),
    "CosineDecay warmup": lambda s: s.CosineDecay(0.0, 8, warmup_target=0.1, warmup_steps=4),
    "CosineDecay warmup alpha": lambda s: s.CosineDecay(0.01, 5, alpha=0.1, warmup_target=0.2, warmup_steps=3),
    "CosineDecay warmup zero steps": lambda s: s.CosineDecay(0.01, 5, warmup_target=0.2),
    "CosineDecayRestarts": lambda s: s.CosineDecayRestarts(0.1, 5),
    "CosineDecayRestarts t_mul 1 m_mul": lambda s: s.CosineDecayRestarts(0.1, 3, t_mul=1.0, m_mul=0.5),
    "CosineDecayRestarts t_mul 1.5 alpha": lambda s: s.CosineDecayRestarts(0.1, 2, t_mul=1.5, m_mul=0.8,
                                                                           alpha=0.1),
}


def _schedule_case(label: str, make: Any) -> None:
    @case(AREA, f"schedule {label}: values at many steps")
    def values(tf: Any) -> Any:
        schedule = make(tf.keras.optimizers.schedules)
        return [_schedule_values(schedule, tf), schedule.get_config(), schedule.name]


for _label, _make in _SCHEDULES.items():
    _schedule_case(_label, _make)


@case(AREA, "schedule float64 initial rate keeps float64")
def schedule_float64(tf: Any) -> Any:
    s = tf.keras.optimizers.schedules
    return [s.ExponentialDecay(tf.constant(0.1, tf.float64), 4, 0.5)(3),
            s.CosineDecay(np.float64(0.1), 10)(3), s.PolynomialDecay(tf.constant(0.1, tf.float64), 10)(3)]


@case(AREA, "schedules: decay_steps <= 0 and boundary count raise")
def schedule_errors(tf: Any) -> Any:
    s = tf.keras.optimizers.schedules
    return [attempt(s.ExponentialDecay, 0.1, 0, 0.5), attempt(s.PolynomialDecay, 0.1, -1),
            attempt(s.InverseTimeDecay, 0.1, 0, 0.5), attempt(s.CosineDecay, 0.1, 0),
            attempt(s.CosineDecayRestarts, 0.1, 0), attempt(s.PiecewiseConstantDecay, [1, 2], [0.1, 0.2]),
            attempt(s.PiecewiseConstantDecay, [1], [0.1, 0.2, 0.3])]


@case(AREA, "schedules: serialize, deserialize and the base class")
def schedule_serialize(tf: Any) -> Any:
    s = tf.keras.optimizers.schedules
    ser = s.serialize(s.InverseTimeDecay(0.1, 2, 0.5, staircase=True))
    back = s.deserialize(ser)
    cos = s.deserialize({"class_name": "CosineDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 5}})
    base = s.LearningRateSchedule()
    return [ser, type(back).__name__, back(5), cos.get_config(), attempt(base, 1), attempt(base.get_config)]


@case(AREA, "schedule evaluated at iterations before the increment")
def schedule_at_iterations(tf: Any) -> Any:
    o = tf.keras.optimizers
    sched = o.schedules.PiecewiseConstantDecay([0, 1], [1.0, 0.5, 0.25])
    opt = o.SGD(sched, name="o")
    v = tf.Variable(0.0)
    out = []
    for _ in range(4):
        out.append(opt.learning_rate)
        opt.apply_gradients([(tf.constant(1.0), v)])
        out.append(v.numpy())
    return out


# -- sparse (IndexedSlices) gradients, as an Embedding's gather gives them --------------------------------
def _sparse_run(tf: Any, opt: Any) -> list:
    table = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10.0, name="table")
    ids = tf.constant([0, 2, 0])  # row 0 twice
    out = []
    for step in range(3):
        with tf.GradientTape() as tape:
            rows = tf.gather(table, ids)
            loss = tf.reduce_sum(rows * np.float32(step + 1)) + tf.reduce_sum(tf.square(rows))
        grad = tape.gradient(loss, table)
        opt.apply_gradients([(grad, table)])
        out.append(table.numpy())
    return [type(grad).__name__, out]


@case(AREA, "sparse gradient: SGD changes only looked-up rows")
def sparse_sgd(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.SGD(0.1, name="o"))


@case(AREA, "sparse gradient: SGD with momentum is dense")
def sparse_sgd_momentum(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.SGD(0.1, momentum=0.9, name="o"))


@case(AREA, "sparse gradient: Adam sums per-occurrence squares")
def sparse_adam(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Adam(0.1, name="o"))


@case(AREA, "sparse gradient: Adagrad per occurrence")
def sparse_adagrad(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Adagrad(0.1, name="o"))


@case(AREA, "sparse gradient: clipnorm keeps rows")
def sparse_clipnorm(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.SGD(0.1, clipnorm=0.5, name="o"))


@case(AREA, "sparse gradient: RMSprop")
def sparse_rmsprop(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.RMSprop(0.1, name="o"))


@case(AREA, "sparse gradient: RMSprop centered momentum")
def sparse_rmsprop_centered(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.RMSprop(0.1, momentum=0.5, centered=True, name="o"))


@case(AREA, "sparse gradient: Adadelta")
def sparse_adadelta(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Adadelta(1.0, name="o"))


@case(AREA, "sparse gradient: Adamax")
def sparse_adamax(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Adamax(0.1, name="o"))


@case(AREA, "sparse gradient: Nadam")
def sparse_nadam(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Nadam(0.1, name="o"))


@case(AREA, "sparse gradient: Lion")
def sparse_lion(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Lion(0.1, name="o"))


@case(AREA, "sparse gradient: Ftrl")
def sparse_ftrl(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.Ftrl(0.1, l1_regularization_strength=0.01, name="o"))


@case(AREA, "sparse gradient: AdamW amsgrad")
def sparse_adamw(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.AdamW(0.1, amsgrad=True, name="o"))


@case(AREA, "sparse gradient: SGD nesterov")
def sparse_nesterov(tf: Any) -> Any:
    return _sparse_run(tf, tf.keras.optimizers.SGD(0.1, momentum=0.5, nesterov=True, name="o"))


@case(AREA, "sparse gradient: SGD global_clipnorm and clipvalue")
def sparse_clips(tf: Any) -> Any:
    o = tf.keras.optimizers
    return [_sparse_run(tf, o.SGD(0.1, global_clipnorm=0.5, name="o")),
            _sparse_run(tf, o.Adam(0.1, clipvalue=0.5, name="p"))]


# -- Keras layers: slot paths from layer paths, an MLP trained from fixed weights ----------------------
def _mlp(tf: Any, name: str = "mlp") -> Any:
    K = tf.keras  # noqa: N806 - Keras's usual alias
    init = K.initializers
    model = K.Sequential([
        K.layers.Dense(4, activation="relu", name="hidden", kernel_initializer=init.Constant(_W0[:, :1].mean()),
                       bias_initializer=init.Constant(0.05)),
        K.layers.Dense(2, name="out", kernel_initializer=init.Constant(-0.2), bias_initializer="zeros"),
    ], name=name)
    model(_X)
    rng = np.random.default_rng(7)
    model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype(np.float32) for w in model.get_weights()])
    return model


def _train_mlp(tf: Any, opt: Any, steps: int = 5) -> list:
    model = _mlp(tf)
    out = []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(_X) - _Y))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        out.append([loss, [w.numpy() for w in model.trainable_variables]])
    return [out, [[x.path, x.numpy()] for x in opt.variables]]


_MLP_OPTIMIZERS = {
    "Adam": lambda k: k.Adam(0.05, name="adam"),
    "SGD momentum": lambda k: k.SGD(0.1, momentum=0.9, name="sgd"),
    "RMSprop centered": lambda k: k.RMSprop(0.01, centered=True, name="rms"),
    "AdamW": lambda k: k.AdamW(0.05, weight_decay=0.1, name="adamw"),
    "Nadam": lambda k: k.Nadam(0.05, name="nadam"),
    "Adagrad": lambda k: k.Adagrad(0.2, name="adagrad"),
}


def _mlp_case(label: str, make: Any) -> None:
    @case(AREA, f"Sequential MLP trained with {label}: losses, weights, slot paths")
    def mlp(tf: Any) -> Any:
        tf.keras.backend.clear_session()
        return _train_mlp(tf, make(tf.keras.optimizers))


for _label, _make in _MLP_OPTIMIZERS.items():
    _mlp_case(_label, _make)


@case(AREA, "Dense slots are named after the layer path")
def dense_slot_paths(tf: Any) -> Any:
    tf.keras.backend.clear_session()
    d = tf.keras.layers.Dense(2, name="fc")
    d.build((3,))
    opt = tf.keras.optimizers.Adam()
    opt.build(d.trainable_variables)
    return _variable_table(opt)


@case(AREA, "Dense kernel_constraint NonNeg applied by the optimizer")
def dense_constraint(tf: Any) -> Any:
    K = tf.keras  # noqa: N806 - Keras's usual alias
    d = K.layers.Dense(2, name="c", kernel_constraint=K.constraints.NonNeg(),
                       kernel_initializer=K.initializers.Constant(0.1))
    d(_X)
    opt = K.optimizers.SGD(0.5, name="o")
    grads = [tf.ones_like(d.kernel), tf.zeros_like(d.bias)]
    opt.apply_gradients(zip(grads, d.trainable_variables))
    return [d.kernel.numpy(), d.bias.numpy()]


@case(AREA, "frozen layer weights still train when passed (Keras trainable flag only)")
def frozen_layer(tf: Any) -> Any:
    K = tf.keras  # noqa: N806 - Keras's usual alias
    d = K.layers.Dense(1, name="f", kernel_initializer=K.initializers.Constant(0.5))
    d(_X)
    weights = list(d.trainable_variables)
    d.trainable = False
    opt = K.optimizers.SGD(0.1, name="o")
    opt.apply_gradients(zip([tf.ones_like(w) for w in weights], weights))
    return [w.numpy() for w in weights]


@case(AREA, "Embedding gradient through the optimizer (sparse rows)")
def embedding_sparse(tf: Any) -> Any:
    K = tf.keras  # noqa: N806 - Keras's usual alias
    emb = K.layers.Embedding(5, 2, name="emb", embeddings_initializer=K.initializers.Constant(0.3))
    ids = np.array([[0, 3, 0], [1, 3, 3]])
    out = []
    for opt in (K.optimizers.SGD(0.1, name="s"), K.optimizers.Adam(0.1, name="a"),
                K.optimizers.Adagrad(0.1, name="g")):
        emb.embeddings.assign(np.full((5, 2), 0.3, np.float32))
        for step in range(2):
            with tf.GradientTape() as tape:
                y = emb(ids)
                loss = tf.reduce_sum(y * y) + tf.reduce_sum(y) * float(step + 1)
            grad = tape.gradient(loss, emb.trainable_variables)
            opt.apply_gradients(zip(grad, emb.trainable_variables))
        out.append([type(grad[0]).__name__, emb.embeddings.numpy()])
    return out


@case(AREA, "sparse gradient: repeated rows with opposite signs (Adamax, RMSprop, Lion, Ftrl)")
def sparse_opposite_signs(tf: Any) -> Any:
    o = tf.keras.optimizers
    g = tf.IndexedSlices(tf.constant([[1.0, -2.0], [-3.0, 0.5], [2.0, 2.0]]), tf.constant([1, 1, 3]),
                         tf.constant([4, 2]))
    out = []
    for opt in (o.Adamax(0.1, name="a"), o.RMSprop(0.1, name="r"), o.Lion(0.1, name="l"), o.Ftrl(0.1, name="f"),
                o.Adadelta(1.0, name="d"), o.Nadam(0.1, name="n")):
        v = tf.Variable(np.ones((4, 2), np.float32))
        opt.apply_gradients([(g, v)])
        opt.apply_gradients([(g, v)])
        out.append([v.numpy(), [x.numpy() for x in opt.variables]])
    return out


@case(AREA, "float16 variables: SGD momentum, Adam, RMSprop", rtol=1e-3, atol=1e-3)
def float16_variables(tf: Any) -> Any:
    o = tf.keras.optimizers
    out = []
    for opt in (o.SGD(0.1, momentum=0.9, name="s"), o.Adam(0.1, name="a"), o.RMSprop(0.05, name="r")):
        v = tf.Variable(_V0.astype(np.float16))
        for g in _GRADS[:3]:
            opt.apply_gradients([(tf.constant(g), v)])
        out.append([v, [(x.dtype, x.numpy()) for x in opt.variables]])
    return out


@case(AREA, "set_floatx float64: the rate variable is float64")
def floatx64(tf: Any) -> Any:
    K = tf.keras  # noqa: N806 - Keras's usual alias
    K.backend.set_floatx("float64")
    try:
        opt = K.optimizers.Adam(0.1, name="o")
        v = tf.Variable([1.0, 2.0])
        opt.apply_gradients([(tf.constant([1.0, -1.0]), v)])
        return [opt.learning_rate.dtype, opt.learning_rate.numpy(), v.numpy(), [x.dtype for x in opt.variables]]
    finally:
        K.backend.set_floatx("float32")


@case(AREA, "namespace: the optimizers, schedules and tf.keras.Optimizer")
def namespace(tf: Any) -> Any:
    o = tf.keras.optimizers
    names = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Lion", "Ftrl", "Adafactor",
             "Optimizer", "get", "serialize", "deserialize", "schedules", "legacy"]
    schedules = ["ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay", "CosineDecay",
                 "CosineDecayRestarts", "LearningRateSchedule", "serialize", "deserialize"]
    return [[hasattr(o, n) for n in names], [hasattr(o.schedules, n) for n in schedules],
            tf.keras.Optimizer is o.Optimizer, hasattr(o, "experimental"),
            all(issubclass(getattr(o, n), o.Optimizer) for n in names[:11]), issubclass(o.AdamW, o.Adam)]


# -- Adafactor: factored second moments, int32 placeholders for rank < 2 ------------------------------
for _label, _make in {
    "Adafactor default": lambda k: k.Adafactor(name="o"),
    "Adafactor lr 0.1 clip_threshold 0.5": lambda k: k.Adafactor(0.1, clip_threshold=0.5, name="o"),
    "Adafactor relative_step False": lambda k: k.Adafactor(2.0, relative_step=False, name="o"),
    "Adafactor ExponentialDecay": lambda k: k.Adafactor(k.schedules.ExponentialDecay(2.0, 2, 0.5), name="o"),
}.items():
    _both(_label, _make)


@case(AREA, "Adafactor: rank 0/1/3 variables, slot names and dtypes, float16 and float64, config")
def adafactor_ranks(tf: Any) -> Any:
    out = []
    for dtype in ["float32", "float16", "float64"]:
        opt = tf.keras.optimizers.Adafactor(0.5, name="af")
        a = tf.Variable(_V0.astype(dtype), name="k")
        b = tf.Variable(np.array([1.0, 2.0], dtype), name="b")
        c = tf.Variable(np.ones((2, 2, 3), dtype), name="c")
        s = tf.Variable(np.array(3.0, dtype), name="s")
        for i, g in enumerate(_GRADS[:3]):
            opt.apply_gradients([(tf.constant(g.astype(dtype)), a), (tf.constant(g[0, :2].astype(dtype)), b),
                                 (tf.constant(np.arange(12.0).reshape(2, 2, 3).astype(dtype) * (i - 1)), c),
                                 (tf.constant(np.array(0.7, dtype)), s)])
        out.append([[a, b, c, s], [(x.path, x.dtype, x.numpy()) for x in opt.variables]])
    opt = tf.keras.optimizers.Adafactor(name="af")
    return [out, opt.get_config(), type(tf.keras.optimizers.get("adafactor")).__name__]


# -- Lamb: Adam's step scaled by the trust ratio ------------------------------------------------------
for _label, _make in {
    "Lamb default": lambda k: k.Lamb(name="o"),
    "Lamb lr 0.1 beta_1 0.5 epsilon weight_decay": lambda k: k.Lamb(0.1, beta_1=0.5, epsilon=0.01, weight_decay=0.1,
                                                                    name="o"),
    "Lamb CosineDecay global_clipnorm": lambda k: k.Lamb(k.schedules.CosineDecay(0.1, 3), global_clipnorm=1.0,
                                                         name="o"),
}.items():
    _both(_label, _make)


@case(AREA, "Lamb: zero weights and zero updates keep ratio 1, float16, config, not in get")
def lamb_edges(tf: Any) -> Any:
    opt = tf.keras.optimizers.Lamb(0.1, name="lamb")
    z = tf.Variable(np.zeros((2, 2), np.float32))
    opt.apply_gradients([(tf.constant(np.ones((2, 2), np.float32)), z)])
    opt.apply_gradients([(tf.zeros((2, 2)), z)])
    half = tf.keras.optimizers.Lamb(0.1, name="lamb16")
    h = tf.Variable(_V0.astype(np.float16))
    for g in _GRADS[:3]:
        half.apply_gradients([(tf.constant(g.astype(np.float16)), h)])
    return [z, [(x.path, x.numpy()) for x in opt.variables], h, [(x.dtype, x.numpy()) for x in half.variables],
            opt.get_config(), attempt(tf.keras.optimizers.get, "lamb"), hasattr(tf.keras.optimizers, "Lamb")]
