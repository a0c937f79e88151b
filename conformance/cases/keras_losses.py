"""Spec section 14 (tf.keras.losses): every loss class's value and gradient w.r.t. `y_pred` under
each reduction, sample-weight shape and option (from_logits, label_smoothing, axis, delta,
ignore_class, focal alpha/gamma), at clipped points, in float64, with int labels; the function
forms under TF 2.21's names; names, configs, `get`; and the misuses' exception classes."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "keras_losses"
_RNG = np.random.default_rng(1407)


def _uniform(low: float, high: float, shape: tuple) -> np.ndarray:
    return _RNG.uniform(low, high, shape).astype(np.float32)


def _one_hot(labels: list, classes: int) -> np.ndarray:
    return np.eye(classes, dtype=np.float32)[labels]


def _rows(shape: tuple) -> np.ndarray:
    p = _RNG.uniform(0.05, 1.0, shape)
    return (p / p.sum(-1, keepdims=True)).astype(np.float32)


# Data per family: (y_true, y_pred) of shape (4, 3), with ties and clipped points where they matter.
_REG_T = _uniform(0.0, 2.0, (4, 3))
_REG_P = _uniform(0.1, 2.0, (4, 3))
_REG_P[0, 0] = _REG_T[0, 0]  # a tie: |e| and max() at their kinks
_REG_T[1, 1] = 0.0  # MAPE's epsilon divisor, MSLE's clip
_BIN_T = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]], np.float32)
_BIN_P = _uniform(0.02, 0.98, (4, 3))
_BIN_P[0, 0] = 1.0  # clipped to 1 - eps
_BIN_P[1, 0] = 0.0  # clipped to eps
_LOGITS = _uniform(-4.0, 4.0, (4, 3))
_CAT_T = _one_hot([0, 2, 1, 2], 3)
_CAT_P = _rows((4, 3))
_CAT_P[3] = [0.0, 0.0, 1.0]  # a row at the clip bounds
_SOFT_T = _rows((4, 3))
_SPARSE = np.array([0, 2, 1, 2], np.int32)
_HINGE_P = _uniform(-2.0, 2.0, (4, 3))
_SIGNED_T = 2.0 * _BIN_T - 1.0
_RANK3_A = _uniform(-1, 1, (2, 3, 4))
_RANK3_B = _uniform(-1, 1, (2, 3, 4))
_RANK3_T = (_uniform(0, 1, (2, 3, 4)) > 0.5).astype(np.float32)
_RANK3_P = _uniform(0.05, 0.95, (2, 3, 4))
_RANK3_W = _uniform(0, 1, (2, 3))

# class name -> (y_true, y_pred, constructor kwargs)
_LOSSES = {
    "MeanSquaredError": (_REG_T, _REG_P, {}),
    "MeanAbsoluteError": (_REG_T, _REG_P, {}),
    "MeanAbsolutePercentageError": (_REG_T, _REG_P, {}),
    "MeanSquaredLogarithmicError": (_REG_T, _REG_P, {}),
    "Huber": (_REG_T, _REG_P, {}),
    "LogCosh": (_REG_T, _REG_P, {}),
    "CosineSimilarity": (_REG_T, _REG_P, {}),
    "Poisson": (_REG_T, _REG_P, {}),
    "KLDivergence": (_SOFT_T, _CAT_P, {}),
    "BinaryCrossentropy": (_BIN_T, _BIN_P, {}),
    "BinaryFocalCrossentropy": (_BIN_T, _BIN_P, {}),
    "CategoricalCrossentropy": (_CAT_T, _CAT_P, {}),
    "CategoricalFocalCrossentropy": (_CAT_T, _CAT_P, {}),
    "SparseCategoricalCrossentropy": (_SPARSE, _CAT_P, {}),
    "Hinge": (_BIN_T, _HINGE_P, {}),
    "SquaredHinge": (_BIN_T, _HINGE_P, {}),
    "CategoricalHinge": (_CAT_T, _HINGE_P, {}),
}
_WEIGHTS = {
    "per sample (N,)": np.array([1.0, 0.5, 2.0, 0.0], np.float32),
    "(N,1)": np.array([[1.0], [0.5], [2.0], [0.0]], np.float32),
    "scalar": 2.5,
}


def _value_and_grad(tf: Any, loss: Any, y_true: Any, y_pred: Any, **kwargs: Any) -> list:
    p = tf.constant(y_pred)
    with tf.GradientTape() as t:
        t.watch(p)
        value = loss(y_true, p, **kwargs)
    return [value, t.gradient(value, p)]


def _default(cls: str) -> Any:
    y_true, y_pred, kw = _LOSSES[cls]

    def run(tf: Any) -> Any:
        loss = getattr(tf.keras.losses, cls)(**kw)
        return [loss.name, loss.reduction, loss.dtype, *_value_and_grad(tf, loss, y_true, y_pred)]

    return run


def _reduced(cls: str, reduction: Any) -> Any:
    y_true, y_pred, kw = _LOSSES[cls]

    def run(tf: Any) -> Any:
        loss = getattr(tf.keras.losses, cls)(reduction=reduction, **kw)
        return _value_and_grad(tf, loss, y_true, y_pred)

    return run


def _weighted(cls: str, weight: Any, reduction: str) -> Any:
    y_true, y_pred, kw = _LOSSES[cls]

    def run(tf: Any) -> Any:
        loss = getattr(tf.keras.losses, cls)(reduction=reduction, **kw)
        return _value_and_grad(tf, loss, y_true, y_pred, sample_weight=weight)

    return run


def _float64(cls: str) -> Any:
    y_true, y_pred, kw = _LOSSES[cls]

    def run(tf: Any) -> Any:
        loss = getattr(tf.keras.losses, cls)(**kw)
        p = tf.constant(y_pred.astype(np.float64))
        with tf.GradientTape() as t:
            t.watch(p)
            value = loss(tf.constant(y_true.astype(np.float64)), p)
        return [value, t.gradient(value, p)]

    return run


for _cls in _LOSSES:
    case(AREA, f"{_cls} default: name, reduction, value and gradient")(_default(_cls))
    for _red in ("sum", "none", None, "mean"):
        case(AREA, f"{_cls} reduction={_red!r}")(_reduced(_cls, _red))
    for _wname, _w in _WEIGHTS.items():
        case(AREA, f"{_cls} sample_weight {_wname}")(_weighted(_cls, _w, "sum_over_batch_size"))
    case(AREA, f"{_cls} mean_with_sample_weight (N,)")(
        _weighted(_cls, _WEIGHTS["per sample (N,)"], "mean_with_sample_weight"))
    case(AREA, f"{_cls} float64 inputs give floatx")(_float64(_cls))


# -- options ---------------------------------------------------------------------------------------
def _option(cls: str, y_true: Any, y_pred: Any, **kw: Any) -> Any:
    def run(tf: Any) -> Any:
        loss = getattr(tf.keras.losses, cls)(**kw)
        return [loss.get_config(), *_value_and_grad(tf, loss, y_true, y_pred)]

    return run


_OPTIONS = [
    ("BinaryCrossentropy", _BIN_T, _LOGITS, {"from_logits": True}),
    ("BinaryCrossentropy", _BIN_T, _BIN_P, {"label_smoothing": 0.2}),
    ("BinaryCrossentropy", _BIN_T, _LOGITS, {"from_logits": True, "label_smoothing": 0.1}),
    ("BinaryCrossentropy", _BIN_T, _BIN_P, {"axis": 0}),
    ("BinaryCrossentropy", _BIN_T, np.array([[100.0, -100.0, 100.0]] * 4, np.float32), {"from_logits": True}),
    ("BinaryFocalCrossentropy", _BIN_T, _LOGITS, {"from_logits": True}),
    ("BinaryFocalCrossentropy", _BIN_T, _BIN_P, {"apply_class_balancing": True, "alpha": 0.4}),
    ("BinaryFocalCrossentropy", _BIN_T, _BIN_P, {"gamma": 0.0}),
    ("BinaryFocalCrossentropy", _BIN_T, _BIN_P, {"gamma": 3.5, "label_smoothing": 0.3}),
    ("BinaryFocalCrossentropy", _BIN_T, _LOGITS, {"from_logits": True, "apply_class_balancing": True,
                                                   "axis": 0}),
    ("CategoricalCrossentropy", _CAT_T, _LOGITS, {"from_logits": True}),
    ("CategoricalCrossentropy", _CAT_T, _CAT_P, {"label_smoothing": 0.1}),
    ("CategoricalCrossentropy", _SOFT_T, _CAT_P, {}),
    ("CategoricalCrossentropy", _CAT_T, _CAT_P * 3.0, {}),
    ("CategoricalCrossentropy", _CAT_T.T.copy(), _CAT_P.T.copy(), {"axis": 0}),
    ("CategoricalCrossentropy", _CAT_T.T.copy(), _LOGITS.T.copy(), {"axis": 0, "from_logits": True}),
    ("CategoricalCrossentropy", _CAT_T, _LOGITS, {"from_logits": True, "label_smoothing": 0.25}),
    ("CategoricalFocalCrossentropy", _CAT_T, _LOGITS, {"from_logits": True}),
    ("CategoricalFocalCrossentropy", _CAT_T, _CAT_P, {"alpha": 0.5, "gamma": 1.0, "label_smoothing": 0.1}),
    ("CategoricalFocalCrossentropy", _CAT_T.T.copy(), _CAT_P.T.copy(), {"axis": 0}),
    ("SparseCategoricalCrossentropy", _SPARSE, _LOGITS, {"from_logits": True}),
    ("SparseCategoricalCrossentropy", _SPARSE.reshape(4, 1), _CAT_P, {}),
    ("SparseCategoricalCrossentropy", _SPARSE.astype(np.float32), _CAT_P, {}),
    ("SparseCategoricalCrossentropy", _SPARSE, _CAT_P, {"ignore_class": 2}),
    ("SparseCategoricalCrossentropy", _SPARSE, _LOGITS, {"ignore_class": 2, "from_logits": True}),
    ("SparseCategoricalCrossentropy", np.array([0, -1, 1, -1], np.int32), _CAT_P, {"ignore_class": -1}),
    ("SparseCategoricalCrossentropy", _SPARSE, _CAT_P, {"ignore_class": 2, "reduction": "sum"}),
    ("SparseCategoricalCrossentropy", _SPARSE, _CAT_P, {"ignore_class": 2, "reduction": "none"}),
    ("SparseCategoricalCrossentropy", np.array([2, 2, 2, 2], np.int32), _CAT_P, {"ignore_class": 2}),
    ("Huber", _REG_T, _REG_P, {"delta": 0.3}),
    ("Huber", _REG_T, _REG_P, {"delta": 5.0}),
    ("CosineSimilarity", _REG_T, _REG_P, {"axis": 0}),
    ("CosineSimilarity", np.zeros((4, 3), np.float32), _REG_P, {}),
    ("Hinge", _SIGNED_T, _HINGE_P, {}),
    ("Hinge", _REG_T, _HINGE_P, {}),
    ("SquaredHinge", _SIGNED_T, _HINGE_P, {}),
    ("CategoricalHinge", _SOFT_T, _HINGE_P, {}),
    ("KLDivergence", _CAT_T, _CAT_P, {}),
    ("Poisson", _REG_T, np.zeros((4, 3), np.float32), {}),
    ("MeanAbsolutePercentageError", np.zeros((4, 3), np.float32), _REG_P, {}),
]
for _i, (_cls, _t, _p, _kw) in enumerate(_OPTIONS):
    _desc = ", ".join(f"{k}={v}" for k, v in _kw.items()) or "other data"
    case(AREA, f"{_cls} option {_i}: {_desc}")(_option(_cls, _t, _p, **_kw))


# -- ranks and shapes ------------------------------------------------------------------------------
@case(AREA, "MSE (N,1) against (N,) does not broadcast to (N,N)")
def mse_rank_mismatch(tf: Any) -> Any:
    loss = tf.keras.losses.MeanSquaredError(reduction="none")
    t = np.array([[1.0], [2.0], [3.0]], np.float32)
    p = np.array([1.5, 2.0, 0.0], np.float32)
    return [loss(t, p), loss(p, t), tf.keras.losses.mse(t, p), tf.keras.losses.mse(p, t)]


@case(AREA, "MSE on rank 1 and rank 3")
def mse_ranks(tf: Any) -> Any:
    loss = tf.keras.losses.MeanSquaredError(reduction="none")
    a, b = _RANK3_A, _RANK3_B
    return [loss(a[0, 0], b[0, 0]), loss(a, b), tf.keras.losses.MeanSquaredError()(a, b)]


@case(AREA, "a (N,1) weight on (N,) values gives (N,1) under 'none'")
def weight_column_none(tf: Any) -> Any:
    loss = tf.keras.losses.MeanAbsoluteError(reduction="none")
    return loss(_REG_T, _REG_P, sample_weight=_WEIGHTS["(N,1)"])


@case(AREA, "per-element weights on a per-element loss (BCE axis over rank 3)")
def weight_rank3(tf: Any) -> Any:
    t, p, w = _RANK3_T, _RANK3_P, _RANK3_W
    loss = tf.keras.losses.BinaryCrossentropy(reduction="none")
    return [loss(t, p, sample_weight=w), tf.keras.losses.BinaryCrossentropy()(t, p, sample_weight=w)]


@case(AREA, "all-zero weights give 0 (divide_no_nan)")
def zero_weights(tf: Any) -> Any:
    w = np.zeros(4, np.float32)
    return [tf.keras.losses.MeanSquaredError()(_REG_T, _REG_P, sample_weight=w),
            tf.keras.losses.MeanSquaredError(reduction="mean_with_sample_weight")(_REG_T, _REG_P, sample_weight=w)]


@case(AREA, "mean_with_sample_weight divides by a scalar weight as passed")
def mean_with_scalar_weight(tf: Any) -> Any:
    loss = tf.keras.losses.MeanSquaredError(reduction="mean_with_sample_weight")
    return [loss(_REG_T, _REG_P, sample_weight=3.0), loss(_REG_T, _REG_P)]


@case(AREA, "a y_true-shaped weight for MSE raises")
def weight_wrong_shape(tf: Any) -> Any:
    loss = tf.keras.losses.MeanSquaredError()
    return attempt(loss, _REG_T, _REG_P, sample_weight=np.ones((4, 3), np.float32))


@case(AREA, "MSE on two 0-d values raises", compare_message=False)
def mse_scalars(tf: Any) -> Any:
    return attempt(tf.keras.losses.MeanSquaredError(), 1.0, 2.0)


@case(AREA, "empty batch")
def empty_batch(tf: Any) -> Any:
    e = np.zeros((0, 3), np.float32)
    return [tf.keras.losses.MeanSquaredError()(e, e), tf.keras.losses.MeanSquaredError(reduction="sum")(e, e),
            tf.keras.losses.BinaryCrossentropy()(e, e)]


@case(AREA, "scalar-shaped per-sample values are not reduced")
def scalar_values(tf: Any) -> Any:
    return [tf.keras.losses.MeanSquaredError()([1.0, 2.0], [0.0, 0.0]),
            tf.keras.losses.CategoricalCrossentropy()([0.0, 1.0], [0.3, 0.7])]


# -- dtypes ----------------------------------------------------------------------------------------
@case(AREA, "int labels and int predictions are cast to floatx by the classes")
def int_inputs(tf: Any) -> Any:
    out = []
    for cls in ("MeanSquaredError", "MeanAbsoluteError", "Hinge", "BinaryCrossentropy", "CategoricalHinge"):
        loss = getattr(tf.keras.losses, cls)()
        out.append(loss(np.array([[1, 0], [0, 1]], np.int64), np.array([[1, 1], [0, 0]], np.int32)))
    return out


@case(AREA, "dtype='float64' losses")
def float64_loss(tf: Any) -> Any:
    loss = tf.keras.losses.BinaryCrossentropy(dtype="float64")
    return [loss.dtype, *_value_and_grad(tf, loss, _BIN_T, _BIN_P)]


@case(AREA, "float64 loss gradient w.r.t. float32 predictions")
def float64_loss_f32_pred(tf: Any) -> Any:
    loss = tf.keras.losses.MeanSquaredError(dtype="float64")
    return _value_and_grad(tf, loss, _REG_T, _REG_P)


def _function(name: str, y_true: Any, y_pred: Any, **kw: Any) -> Any:
    def run(tf: Any) -> Any:
        fn = getattr(tf.keras.losses, name)
        p = tf.constant(y_pred.astype(np.float64))
        with tf.GradientTape() as t:
            t.watch(p)
            value = fn(y_true, p, **kw)
        return [fn.__name__, value, t.gradient(value, p)]

    return run


_FUNCTIONS = [
    ("MSE", _REG_T, _REG_P, {}), ("mse", _REG_T, _REG_P, {}), ("MAE", _REG_T, _REG_P, {}),
    ("mae", _REG_T, _REG_P, {}), ("MAPE", _REG_T, _REG_P, {}), ("mape", _REG_T, _REG_P, {}),
    ("MSLE", _REG_T, _REG_P, {}), ("msle", _REG_T, _REG_P, {}), ("KLD", _SOFT_T, _CAT_P, {}),
    ("kld", _SOFT_T, _CAT_P, {}), ("kullback_leibler_divergence", _SOFT_T, _CAT_P, {}),
    ("logcosh", _REG_T, _REG_P, {}), ("huber", _REG_T, _REG_P, {"delta": 0.5}),
    ("poisson", _REG_T, _REG_P, {}), ("hinge", _BIN_T, _HINGE_P, {}),
    ("squared_hinge", _BIN_T, _HINGE_P, {}), ("categorical_hinge", _CAT_T, _HINGE_P, {}),
    ("cosine_similarity", _REG_T, _REG_P, {"axis": 0}),
    ("binary_crossentropy", _BIN_T, _BIN_P, {}),
    ("binary_crossentropy", _BIN_T, _LOGITS, {"from_logits": True, "label_smoothing": 0.1}),
    ("binary_focal_crossentropy", _BIN_T, _BIN_P, {"gamma": 1.5}),
    ("categorical_crossentropy", _CAT_T, _CAT_P, {}),
    ("categorical_crossentropy", _CAT_T, _LOGITS, {"from_logits": True}),
    ("categorical_focal_crossentropy", _CAT_T, _CAT_P, {}),
    ("sparse_categorical_crossentropy", _SPARSE, _CAT_P, {}),
    ("sparse_categorical_crossentropy", _SPARSE, _LOGITS, {"from_logits": True, "ignore_class": 1}),
]
for _i, (_name, _t, _p, _kw) in enumerate(_FUNCTIONS):
    case(AREA, f"function {_name} #{_i} keeps float64, no batch reduction")(_function(_name, _t, _p, **_kw))


@case(AREA, "functions on int inputs")
def functions_int(tf: Any) -> Any:
    t = np.array([[1, 2], [3, 4]], np.int64)
    p = np.array([[1, 3], [2, 4]], np.int64)
    return [tf.keras.losses.mse(t, p), tf.keras.losses.mae(t, p), tf.keras.losses.logcosh(t, p.astype(np.float32))]


@case(AREA, "function names present and absent in TF 2.21")
def function_names(tf: Any) -> Any:
    names = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
             "mean_squared_logarithmic_error", "kl_divergence", "log_cosh", "huber_loss", "cosine_proximity",
             "mse", "MSE", "kld", "logcosh", "huber", "Reduction", "Loss", "get", "serialize", "deserialize",
             "LossFunctionWrapper"]
    return {n: hasattr(tf.keras.losses, n) for n in names}


# -- names, configs, get ---------------------------------------------------------------------------
@case(AREA, "default names and configs of every class")
def names_configs(tf: Any) -> Any:
    return {cls: [getattr(tf.keras.losses, cls)().name, getattr(tf.keras.losses, cls)().get_config()]
            for cls in _LOSSES}


@case(AREA, "get_config / from_config round trip")
def config_round_trip(tf: Any) -> Any:
    k = tf.keras
    bce = k.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.2, axis=0, reduction="sum", name="b")
    back = k.losses.BinaryCrossentropy.from_config(bce.get_config())
    hub = k.losses.Huber.from_config(k.losses.Huber(delta=3.0).get_config())
    scce = k.losses.SparseCategoricalCrossentropy(ignore_class=3, from_logits=True)
    return [back.get_config(), back(_BIN_T, _LOGITS), hub(_REG_T, _REG_P),
            k.losses.SparseCategoricalCrossentropy.from_config(scce.get_config()).get_config()]


@case(AREA, "losses.get")
def losses_get(tf: Any) -> Any:
    k = tf.keras
    out = []
    for ident in ("mse", "MSE", "mean_squared_error", "bce", "kld", "MeanSquaredError", "Huber",
                  "categorical_crossentropy", "log_cosh", "huber", "kl_divergence", "logcosh",
                  "SparseCategoricalCrossentropy", "nope", "auto"):
        obj = attempt(k.losses.get, ident)
        out.append(obj if isinstance(obj, Exception) else [type(obj).__name__, getattr(obj, "__name__", None),
                                                            getattr(obj, "name", None)])
    fn = k.losses.get(k.losses.mae)
    inst = k.losses.get({"class_name": "Huber", "config": {"delta": 2.0, "name": "h"}})
    out += [fn is k.losses.mae, k.losses.get(None), type(k.losses.get(k.losses.Poisson)).__name__,
            inst.name, inst(_REG_T, _REG_P), attempt(k.losses.get, 3)]
    return out


@case(AREA, "Reduction constants and 'auto'")
def reduction_constants(tf: Any) -> Any:
    r = tf.keras.losses.Reduction
    return [r.AUTO, r.NONE, r.SUM, r.SUM_OVER_BATCH_SIZE, list(r.all()), attempt(r.validate, "bogus")]


# Keras prints the allowed reductions as a Python set, whose order changes from run to run.
@case(AREA, "reduction 'auto' and unknown reductions raise", compare_message=False)
def reduction_auto(tf: Any) -> Any:
    return [attempt(tf.keras.losses.MeanSquaredError, reduction="auto"),
            attempt(tf.keras.losses.BinaryCrossentropy, reduction="avg")]


@case(AREA, "custom Loss subclass gets weighting and reduction")
def custom_loss(tf: Any) -> Any:
    k = tf.keras

    class Cubed(k.losses.Loss):
        def call(self, y_true, y_pred):
            return tf.reduce_mean((y_pred - y_true) ** 3, axis=-1)

    a = Cubed(name="cubed", reduction="sum")
    b = Cubed(name="cubed2")
    return [a.name, a.get_config(), *_value_and_grad(tf, a, _REG_T, _REG_P),
            b(_REG_T, _REG_P, sample_weight=_WEIGHTS["per sample (N,)"]),
            attempt(k.losses.Loss(name="base"), _REG_T, _REG_P).__class__.__name__]


# -- misuse ----------------------------------------------------------------------------------------
@case(AREA, "misuse: shapes, axes and arguments")
def misuse(tf: Any) -> Any:
    k = tf.keras
    return [
        attempt(k.losses.binary_crossentropy, np.zeros((3,), np.float32), np.zeros((3, 1), np.float32)),
        attempt(k.losses.binary_crossentropy, np.zeros((2, 3), np.float32), np.zeros((2, 4), np.float32)),
        attempt(k.losses.categorical_crossentropy, np.zeros((2, 3), np.float32), np.zeros((2, 4), np.float32)),
        attempt(k.losses.categorical_crossentropy, _CAT_T, _CAT_P, axis=True),
        attempt(k.losses.sparse_categorical_crossentropy, _SPARSE, _CAT_P, axis=0),
        attempt(k.losses.SparseCategoricalCrossentropy(), np.array([0, 1], np.int32), _CAT_P),
        attempt(k.losses.CategoricalCrossentropy(), _CAT_T, _CAT_P[:, :2]),
    ]


@case(AREA, "SCCE label out of range", compare_message=False)
def scce_out_of_range(tf: Any) -> Any:
    return attempt(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                   np.array([0, 5, 1, 2], np.int32), _LOGITS)


@case(AREA, "epsilon is read at call time")
def epsilon_at_call(tf: Any) -> Any:
    k = tf.keras
    old = k.backend.epsilon()
    try:
        k.backend.set_epsilon(1e-2)
        value = k.losses.BinaryCrossentropy()([[1.0]], [[1.0]])
    finally:
        k.backend.set_epsilon(old)
    return [value, k.losses.BinaryCrossentropy()([[1.0]], [[1.0]])]


@case(AREA, "second derivative of BCE and CCE w.r.t. predictions")
def second_order(tf: Any) -> Any:
    out = []
    for loss, t, p in ((tf.keras.losses.BinaryCrossentropy(), _BIN_T, _BIN_P),
                       (tf.keras.losses.CategoricalCrossentropy(from_logits=True), _CAT_T, _LOGITS),
                       (tf.keras.losses.Huber(), _REG_T, _REG_P)):
        x = tf.constant(p)
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                v = loss(t, x)
            g = inner.gradient(v, x)
        out += [g, outer.gradient(g, x)]
    return out


@case(AREA, "gradient w.r.t. y_true")
def grad_y_true(tf: Any) -> Any:
    out = []
    for cls, t, p in (("MeanSquaredError", _REG_T, _REG_P), ("KLDivergence", _SOFT_T, _CAT_P),
                      ("CategoricalCrossentropy", _SOFT_T, _CAT_P), ("Hinge", _SIGNED_T, _HINGE_P)):
        yt = tf.constant(t)
        with tf.GradientTape() as tape:
            tape.watch(yt)
            v = getattr(tf.keras.losses, cls)()(yt, p)
        out.append(tape.gradient(v, yt))
    return out


@case(AREA, "logits shortcut: outputs of Keras's sigmoid and softmax")
def logits_shortcut(tf: Any) -> Any:
    k = tf.keras
    logit = tf.constant([[40.0]])
    logits = tf.constant([[50.0, 0.0, 0.0]])
    with tf.GradientTape() as tape:
        tape.watch(logit)
        bce = k.losses.BinaryCrossentropy()(np.zeros((1, 1), np.float32), k.activations.sigmoid(logit))
    cce = k.losses.CategoricalCrossentropy()(np.array([[0.0, 1.0, 0.0]]), k.activations.softmax(logits))
    scce = k.losses.SparseCategoricalCrossentropy()(np.array([1]), k.activations.softmax(logits))
    plain = k.losses.BinaryCrossentropy()(np.zeros((1, 1), np.float32), tf.sigmoid(logit))
    return [bce, tape.gradient(bce, logit), cce, scce, plain]


@case(AREA, "Python lists must pair up with the other input's structure", compare_message=False)
def list_structures(tf: Any) -> Any:
    loss = tf.keras.losses.MeanSquaredError()
    return [attempt(loss, [[0.0]], tf.constant([[1.0]])), attempt(loss, tf.constant([[1.0]]), [[0.0]]),
            attempt(loss, [1.0, 2.0], np.array([1.0, 3.0])), attempt(loss, [1.0, 2.0], (1.0, 3.0)),
            attempt(loss, [1.0, 2.0], [1.0, 3.0, 4.0]), attempt(loss, [[1.0, 2.0]], [1.0, 3.0]),
            loss([1, 2], [1.0, 3.0]), loss(np.array([1.0, 2.0]), tf.constant([1.0, 3.0])),
            tf.keras.losses.mse([1.0, 2.0], tf.constant([1.0, 3.0]))]


@case(AREA, "logits shortcut through Dense(activation='sigmoid'/'softmax') and the metrics")
def logits_shortcut_dense(tf: Any) -> Any:
    k = tf.keras
    x = np.array([[1.0, 2.0]], np.float32)
    sig = k.layers.Dense(1, activation="sigmoid", kernel_initializer=k.initializers.Constant(20.0))
    soft = k.layers.Dense(3, activation="softmax", kernel_initializer=k.initializers.Constant(
        np.array([[30.0, 0.0, 0.0], [10.0, 0.0, 0.0]], np.float32)))
    with tf.GradientTape() as tape:
        bce = k.losses.BinaryCrossentropy()(np.zeros((1, 1), np.float32), sig(x))
    metric = k.metrics.CategoricalCrossentropy(name="m")
    metric.update_state(np.array([[0.0, 1.0, 0.0]], np.float32), soft(x))
    return [bce, tape.gradient(bce, sig.kernel), metric.result(),
            k.losses.SparseCategoricalCrossentropy()(np.array([2]), soft(x))]


@case(AREA, "Dice and Tversky: axes, reductions, sample weights, dtypes, configs, get")
def dice_tversky(tf: Any) -> Any:
    L = tf.keras.losses  # noqa: N806 - Keras's usual alias
    y4 = np.array([[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]], np.float32)
    p4 = np.array([[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]], np.float32)
    yt = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], np.float32)
    yp = np.array([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4], [0.05, 0.05, 0.9]], np.float32)
    sw = np.array([1.0, 0.5, 2.0], np.float32)
    values = [L.dice(y4, p4, axis=(1, 2, 3)), L.dice(y4, p4), L.Dice(axis=(1, 2, 3))(y4, p4),
              L.Dice(axis=(1, 2, 3), reduction=None)(y4, p4, sample_weight=np.array([1.0, 3.0])),
              L.Dice()(yt, yp, sample_weight=sw), L.Dice(reduction="sum")(yt, yp, sample_weight=sw),
              L.Dice(axis=-1, reduction="none")(yt, yp), L.Dice(axis=-1)(yt.astype("float64"), yp.astype("float64")),
              L.dice(yt.astype("int32"), yp.astype("float16")), L.dice([[1, 0]], [[0.5, 0.5]]),
              L.tversky(y4, p4, alpha=0.2, beta=0.8, axis=(1, 2, 3)), L.Tversky(0.2, 0.8, axis=(1, 2, 3))(y4, p4),
              L.Tversky(axis=1)(y4, p4), L.Tversky(0.3, 0.7, reduction="mean_with_sample_weight")(yt, yp, sw)]
    configs = [L.Dice(axis=(1, 2)).get_config(), L.Tversky(0.1, 0.9).get_config(),
               L.Dice.from_config(L.Dice(axis=[1]).get_config()).get_config(), L.serialize(L.Dice()),
               type(L.get("dice")).__name__, type(L.get("Dice")).__name__, L.get("tversky").__name__,
               type(L.get("Tversky")).__name__]
    return [values, configs]
