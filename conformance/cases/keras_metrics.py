"""Spec section 15 (tf.keras.metrics): every metric's result over several `update_state` calls
with and without sample weights, after `reset_state`, and through `__call__`; thresholds, top-k
and class ids; the variables (paths, names, dtypes, shapes, values); names, configs, `get`; the
metric functions; and misuses."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "keras_metrics"
_RNG = np.random.default_rng(2215)


def _u(low: float, high: float, shape: tuple) -> np.ndarray:
    return _RNG.uniform(low, high, shape).astype(np.float32)


def _rows(shape: tuple) -> np.ndarray:
    p = _RNG.uniform(0.05, 1.0, shape)
    return (p / p.sum(-1, keepdims=True)).astype(np.float32)


# Two batches per family, (y_true, y_pred), and weights for each.
_REG = [(_u(0, 2, (4, 3)), _u(0.1, 2, (4, 3))), (_u(0, 2, (2, 3)), _u(0.1, 2, (2, 3)))]
_BIN = [((_u(0, 1, (4, 3)) > 0.5).astype(np.float32), _u(0, 1, (4, 3))),
        ((_u(0, 1, (2, 3)) > 0.5).astype(np.float32), _u(0, 1, (2, 3)))]
_BIN[0][1][0, 0] = 0.5  # exactly at the threshold: counts as negative
_CAT = [(np.eye(5, dtype=np.float32)[[0, 2, 4, 1]], _rows((4, 5))),
        (np.eye(5, dtype=np.float32)[[3, 3]], _rows((2, 5)))]
_SPARSE = [(np.array([0, 2, 4, 1], np.int32), _CAT[0][1]), (np.array([[3], [3]], np.int32), _CAT[1][1])]
_SIGNED = [(2 * _BIN[0][0] - 1, _u(-2, 2, (4, 3))), (2 * _BIN[1][0] - 1, _u(-2, 2, (2, 3)))]
_LOGIT = [(_BIN[0][0], _u(-4, 4, (4, 3))), (_BIN[1][0], _u(-4, 4, (2, 3)))]
_W = [np.array([1.0, 0.5, 2.0, 0.0], np.float32), np.array([3.0, 1.0], np.float32)]
_W_SCORE = [(_u(0, 1, (8,)) > 0.5).astype(np.float32), _u(0, 1, (8,))]
_W_SCORE[1][:3] = [0.0, 1.0, 0.5]
_RANK3 = _u(0, 1, (2, 3, 4))
_LOGITS5 = [_u(-3, 3, (4, 5)), _u(-3, 3, (2, 5))]

# class name -> (batches, constructor kwargs)
_WRAPPED = {
    "MeanSquaredError": (_REG, {}), "MeanAbsoluteError": (_REG, {}),
    "MeanAbsolutePercentageError": (_REG, {}), "MeanSquaredLogarithmicError": (_REG, {}),
    "RootMeanSquaredError": (_REG, {}), "CosineSimilarity": (_REG, {}), "LogCoshError": (_REG, {}),
    "Accuracy": ([(np.array([1, 2, 3, 4], np.float32), np.array([1, 2, 0, 4], np.float32)),
                  (np.array([0, 0], np.float32), np.array([0, 1], np.float32))], {}),
    "BinaryAccuracy": (_BIN, {}), "CategoricalAccuracy": (_CAT, {}),
    "SparseCategoricalAccuracy": (_SPARSE, {}), "TopKCategoricalAccuracy": (_CAT, {"k": 2}),
    "SparseTopKCategoricalAccuracy": (_SPARSE, {"k": 2}),
    "BinaryCrossentropy": (_BIN, {}), "CategoricalCrossentropy": (_CAT, {}),
    "SparseCategoricalCrossentropy": (_SPARSE, {}), "KLDivergence": ([(_CAT[0][1], _rows((4, 5))),
                                                                       (_CAT[1][1], _rows((2, 5)))], {}),
    "Poisson": (_REG, {}), "Hinge": (_SIGNED, {}), "SquaredHinge": (_SIGNED, {}),
    "CategoricalHinge": (_CAT, {}),
}
_THRESHOLD = {
    "TruePositives": {}, "FalsePositives": {}, "TrueNegatives": {}, "FalseNegatives": {},
    "Precision": {}, "Recall": {}, "AUC": {},
}


def _result(metric: Any) -> Any:
    # TF returns the Keras variable itself from a multi-threshold confusion count's result().
    r = metric.result()
    return ["Variable", r.numpy()] if type(r).__name__ == "Variable" else r


def _variables(metric: Any) -> list:
    return [[v.path, v.name, v.dtype, list(v.shape), v.trainable, v.numpy()] for v in metric.variables]


def _run(cls: str, batches: list, kwargs: dict, weighted: bool) -> Any:
    def run(tf: Any) -> Any:
        m = getattr(tf.keras.metrics, cls)(name="m", **kwargs)
        out = [m.name, m.dtype, repr(m), _variables(m), _result(m)]
        for i, (t, p) in enumerate(batches):
            r = m.update_state(t, p, sample_weight=_W[i] if weighted else None)
            out += [r, _result(m)]
        out.append(_variables(m))
        m.reset_state()
        out += [_result(m), _variables(m)]
        t, p = batches[0]
        out.append(m(t, p))
        return out

    return run


for _cls, (_batches, _kw) in _WRAPPED.items():
    case(AREA, f"{_cls}: two updates, reset, call")(_run(_cls, _batches, _kw, False))
    case(AREA, f"{_cls}: two weighted updates")(_run(_cls, _batches, _kw, True))
for _cls, _kw in _THRESHOLD.items():
    case(AREA, f"{_cls}: two updates, reset, call")(_run(_cls, _BIN, _kw, False))
    case(AREA, f"{_cls}: two weighted updates")(_run(_cls, _BIN, _kw, True))


def _options(cls: str, batches: list, **kwargs: Any) -> Any:
    def run(tf: Any) -> Any:
        m = getattr(tf.keras.metrics, cls)(name="m", **kwargs)
        out = [m.get_config()]
        for i, (t, p) in enumerate(batches):
            m.update_state(t, p, sample_weight=_W[i])
            out.append(_result(m))
        out.append(_variables(m))
        return out

    return run


_OPTIONS = [
    ("BinaryAccuracy", _BIN, {"threshold": 0.7}), ("BinaryAccuracy", _BIN, {"threshold": 0.0}),
    ("TopKCategoricalAccuracy", _CAT, {}), ("TopKCategoricalAccuracy", _CAT, {"k": 1}),
    ("SparseTopKCategoricalAccuracy", _SPARSE, {}), ("SparseTopKCategoricalAccuracy", _SPARSE, {"k": 3}),
    ("BinaryCrossentropy", _LOGIT, {"from_logits": True}), ("BinaryCrossentropy", _BIN, {"label_smoothing": 0.2}),
    ("CategoricalCrossentropy", _CAT, {"label_smoothing": 0.1}),
    ("CategoricalCrossentropy", [(_CAT[0][0], _LOGITS5[0]), (_CAT[1][0], _LOGITS5[1])],
     {"from_logits": True}),
    ("SparseCategoricalCrossentropy", _SPARSE, {"ignore_class": 3}),
    ("SparseCategoricalCrossentropy", [(_SPARSE[0][0], _LOGITS5[0]), (_SPARSE[1][0], _LOGITS5[1])],
     {"from_logits": True}),
    ("TruePositives", _BIN, {"thresholds": [0.2, 0.5, 0.8]}), ("FalsePositives", _BIN, {"thresholds": 0.3}),
    ("TrueNegatives", _BIN, {"thresholds": [0.0, 0.5, 1.0]}), ("FalseNegatives", _BIN, {"thresholds": [0.1, 0.9]}),
    ("Precision", _BIN, {"thresholds": [0.2, 0.5, 0.8]}), ("Recall", _BIN, {"thresholds": [0.2, 0.5, 0.8]}),
    ("Precision", _CAT, {"top_k": 2}), ("Recall", _CAT, {"top_k": 1}),
    ("Precision", _CAT, {"class_id": 3}), ("Recall", _CAT, {"class_id": 0}),
    ("Precision", _CAT, {"top_k": 2, "class_id": 2}), ("Precision", _BIN, {"thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]}),
    ("Recall", _BIN, {"thresholds": [0.0, 0.5, 1.0]}),
    ("AUC", _BIN, {"num_thresholds": 5}), ("AUC", _BIN, {"curve": "PR"}),
    ("AUC", _BIN, {"summation_method": "minoring"}), ("AUC", _BIN, {"summation_method": "majoring"}),
    ("AUC", _BIN, {"curve": "PR", "summation_method": "majoring"}), ("AUC", _BIN, {"curve": "PRGAIN"}),
    ("AUC", _BIN, {"thresholds": [0.3, 0.6, 0.1]}), ("AUC", _BIN, {"thresholds": [0.25, 0.5, 0.75]}),
    ("AUC", _LOGIT, {"from_logits": True}), ("AUC", _BIN, {"num_thresholds": 2}),
    ("AUC", _BIN, {"multi_label": True}), ("AUC", _BIN, {"multi_label": True, "curve": "PR"}),
    ("AUC", _BIN, {"multi_label": True, "num_labels": 3, "label_weights": [1.0, 0.0, 2.0]}),
    ("AUC", _BIN, {"label_weights": [1.0, 0.5, 2.0]}), ("AUC", _BIN, {"multi_label": True, "thresholds": [0.3, 0.6]}),
    ("AUC", _BIN, {"label_weights": [1.0, 0.5, 2.0], "thresholds": [0.3, 0.6]}),
    ("AUC", _BIN, {"multi_label": True, "curve": "PR", "summation_method": "minoring", "num_thresholds": 9}),
    ("SensitivityAtSpecificity", _BIN, {"specificity": 0.5}), ("SensitivityAtSpecificity", _BIN, {"specificity": 1.0}),
    ("SpecificityAtSensitivity", _BIN, {"sensitivity": 0.7, "num_thresholds": 7}),
    ("PrecisionAtRecall", _BIN, {"recall": 0.6}), ("RecallAtPrecision", _BIN, {"precision": 0.8}),
    ("RecallAtPrecision", _CAT, {"precision": 0.5, "class_id": 2}),
    ("PrecisionAtRecall", _BIN, {"recall": 0.3, "num_thresholds": 1}),
]
for _i, (_cls, _batches, _kw) in enumerate(_OPTIONS):
    _desc = ", ".join(f"{k}={v}" for k, v in _kw.items()) or "defaults"
    case(AREA, f"{_cls} option {_i}: {_desc}")(_options(_cls, _batches, **_kw))


# -- Mean and Sum ----------------------------------------------------------------------------------
@case(AREA, "Mean: per-sample weights on rank-2 values, ints, scalars")
def mean_weighting(tf: Any) -> Any:
    m = tf.keras.metrics.Mean(name="avg")
    m.update_state(np.array([[2, 4, 6], [1, 1, 1]]), sample_weight=[3, 1])
    first = [_result(m), _variables(m)]
    m.update_state(5.0)
    m.update_state([1.0, 2.0, 3.0])
    m.update_state(np.ones((2, 2, 2), np.float64), sample_weight=np.array([[1.0, 2.0], [0.0, 1.0]]))
    return [*first, _result(m), _variables(m)]


@case(AREA, "Mean: weights shaped like the values and broadcast weights")
def mean_weight_shapes(tf: Any) -> Any:
    out = []
    for w in (np.array([[1, 0, 2], [0.5, 0.5, 0.5]], np.float32), np.array([[2.0], [1.0]], np.float32), 2.0):
        m = tf.keras.metrics.Mean(name="avg")
        m.update_state(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], np.float32), sample_weight=w)
        out += [_result(m), _variables(m)]
    return out


@case(AREA, "Mean: zero weights give 0, and empty state is 0")
def mean_empty(tf: Any) -> Any:
    m = tf.keras.metrics.Mean()
    r0 = _result(m)
    m.update_state([1.0, 2.0], sample_weight=[0.0, 0.0])
    return [r0, _result(m), m.name]


@case(AREA, "Sum: weighted and unweighted")
def sum_metric(tf: Any) -> Any:
    s = tf.keras.metrics.Sum(name="s")
    s.update_state([[1.0, 2.0], [3.0, 4.0]], sample_weight=[1.0, 2.0])
    a = s.result()
    s.update_state(7)
    b = s(np.array([1.0, 1.0]))
    return [a, b, _variables(s), s.get_config()]


@case(AREA, "dtype='float64' metrics")
def float64_metrics(tf: Any) -> Any:
    out = []
    for cls in ("Mean", "MeanSquaredError", "BinaryAccuracy", "AUC", "Precision"):
        m = getattr(tf.keras.metrics, cls)(name="m", dtype="float64")
        if cls == "Mean":
            m.update_state([1.0, 2.5])
        else:
            m.update_state(*_BIN[0])
        out += [m.dtype, _result(m), [v.dtype for v in m.variables]]
    return out


@case(AREA, "MeanMetricWrapper around a loss function and a lambda")
def mean_metric_wrapper(tf: Any) -> Any:
    k = tf.keras
    m = k.metrics.MeanMetricWrapper(k.losses.mse, name="w")
    m.update_state(*_REG[0], sample_weight=_W[0])
    m.update_state(*_REG[1])

    def gap(y_true: Any, y_pred: Any) -> Any:
        return tf.reduce_max(tf.abs(y_true - y_pred), axis=-1)

    g = k.metrics.MeanMetricWrapper(gap, name="gap", dtype="float64")
    g.update_state(*_REG[0])
    return [_result(m), _variables(m), g.result(), g.dtype]


@case(AREA, "custom Metric with add_variable; base reset_state")
def custom_metric(tf: Any) -> Any:
    k = tf.keras

    class Counter(k.metrics.Metric):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.seen = self.add_variable((2,), "zeros", name="seen")
            self.hits = self.add_weight(shape=(), initializer="zeros", name="hits", dtype="int32")

        def update_state(self, x: Any) -> None:
            self.seen.assign_add(tf.cast(x, "float32"))
            self.hits.assign_add(1)

        def result(self) -> Any:
            return self.seen * 2.0

    c = Counter(name="counter")
    c.update_state([1, 2])
    r = c([3.0, 4.0])
    before = _variables(c)
    c.reset_state()
    return [r, before, _variables(c), c.result(), repr(c), str(c), c.get_config()]


# -- names, get, namespace -------------------------------------------------------------------------
@case(AREA, "default names: unique for AUC/Precision/Recall/confusion counts, not for the rest")
def default_names(tf: Any) -> Any:
    k = tf.keras
    k.backend.clear_session()
    names = []
    for cls in ("Mean", "Mean", "Sum", "Accuracy", "MeanSquaredError", "MeanSquaredError", "AUC", "AUC",
                "Precision", "Precision", "Recall", "TruePositives", "TruePositives", "FalseNegatives",
                "RootMeanSquaredError", "LogCoshError", "SparseTopKCategoricalAccuracy", "KLDivergence"):
        names.append(getattr(k.metrics, cls)().name)
    names.append(k.metrics.MeanMetricWrapper(k.losses.mae).name)
    names.append([v.path for v in k.metrics.AUC().variables])
    k.backend.clear_session()
    return names


@case(AREA, "configs of the built-ins")
def configs(tf: Any) -> Any:
    out = {}
    for cls in (*_WRAPPED, *_THRESHOLD, "Mean", "Sum"):
        out[cls] = getattr(tf.keras.metrics, cls)(name="m").get_config()
    return out


@case(AREA, "from_config round trip")
def from_config(tf: Any) -> Any:
    k = tf.keras
    out = []
    for m in (k.metrics.BinaryAccuracy(threshold=0.3, name="b"), k.metrics.AUC(num_thresholds=7, curve="PR", name="a"),
              k.metrics.Precision(thresholds=[0.2, 0.4], name="p"), k.metrics.TopKCategoricalAccuracy(k=3, name="t"),
              k.metrics.SparseCategoricalCrossentropy(ignore_class=1, name="s")):
        back = type(m).from_config(m.get_config())
        out.append(back.get_config())
    return out


@case(AREA, "metrics.get")
def metrics_get(tf: Any) -> Any:
    k = tf.keras
    k.backend.clear_session()
    out = []
    for ident in ("accuracy", "Accuracy", "mse", "MSE", "mae", "bce", "auc", "AUC", "precision",
                  "categorical_crossentropy", "sparse_categorical_accuracy", "root_mean_squared_error",
                  "mean_squared_error", "log_cosh_error", "logcosh", "top_k_categorical_accuracy", "nope"):
        obj = attempt(k.metrics.get, ident)
        out.append(obj if isinstance(obj, Exception) else [type(obj).__name__, getattr(obj, "name", None)])
    fn = k.metrics.get(k.metrics.binary_accuracy)
    out += [fn is k.metrics.binary_accuracy, k.metrics.get(None), type(k.metrics.get(k.metrics.AUC)).__name__,
            k.metrics.get({"class_name": "BinaryAccuracy", "config": {"threshold": 0.9, "name": "b9"}}).get_config(),
            attempt(k.metrics.get, 3)]
    k.backend.clear_session()
    return out


@case(AREA, "namespace: present and absent names")
def namespace(tf: Any) -> Any:
    names = ["accuracy", "mean_squared_error", "mse", "MSE", "mae", "MAE", "kld", "KLD", "logcosh", "huber",
             "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", "top_k_categorical_accuracy",
             "sparse_top_k_categorical_accuracy", "binary_crossentropy", "hinge", "poisson", "cosine_similarity",
             "MeanTensor", "SumOverBatchSize", "Metric", "MeanMetricWrapper", "get", "serialize", "deserialize",
             "binary_focal_crossentropy", "categorical_focal_crossentropy", "kullback_leibler_divergence"]
    return {n: hasattr(tf.keras.metrics, n) for n in names}


@case(AREA, "metric functions are the loss functions")
def shared_functions(tf: Any) -> Any:
    k = tf.keras
    return [k.metrics.mse is k.losses.mse, k.metrics.binary_crossentropy is k.losses.binary_crossentropy,
            k.metrics.kld is k.losses.kld, k.metrics.hinge is k.losses.hinge]


# -- the metric functions --------------------------------------------------------------------------
@case(AREA, "accuracy functions: shapes and dtypes, no batch reduction")
def accuracy_functions(tf: Any) -> Any:
    m = tf.keras.metrics
    t, p = _CAT[0]
    b_t, b_p = _BIN[0]
    return [m.binary_accuracy(b_t, b_p), m.binary_accuracy(b_t, b_p, threshold=0.2),
            m.binary_accuracy(b_t.astype(np.float64), b_p.astype(np.float64)),
            m.binary_accuracy(b_t[:, :1], b_p[:, 0]),
            m.categorical_accuracy(t, p), m.categorical_accuracy(t.astype(np.float64), p.astype(np.float64)),
            m.sparse_categorical_accuracy(_SPARSE[0][0], p), m.sparse_categorical_accuracy(_SPARSE[1][0], _CAT[1][1]),
            m.sparse_categorical_accuracy(_SPARSE[0][0].astype(np.float32), p),
            m.top_k_categorical_accuracy(t, p), m.top_k_categorical_accuracy(t, p, k=1),
            m.sparse_top_k_categorical_accuracy(_SPARSE[0][0], p, k=2),
            m.sparse_top_k_categorical_accuracy(_SPARSE[1][0], _CAT[1][1], k=1)]


@case(AREA, "top-k with ties and non-finite scores")
def top_k_ties(tf: Any) -> Any:
    m = tf.keras.metrics
    p = np.array([[0.5, 0.5, 0.0], [0.2, 0.2, 0.2], [np.nan, 0.9, 0.1], [0.1, np.inf, 0.3]], np.float32)
    labels = np.array([1, 2, 1, 2], np.int32)
    return [m.sparse_top_k_categorical_accuracy(labels, p, k=1), m.sparse_top_k_categorical_accuracy(labels, p, k=2),
            m.top_k_categorical_accuracy(np.eye(3, dtype=np.float32)[labels], p, k=1)]


@case(AREA, "categorical and sparse accuracy on rank-3 and ties")
def accuracy_rank3(tf: Any) -> Any:
    m = tf.keras.metrics
    p = _RANK3
    labels = np.array([[0, 1, 2], [3, 3, 0]], np.int32)
    ties = np.array([[0.5, 0.5, 0.0], [0.0, -0.0, 0.0]], np.float32)
    return [m.sparse_categorical_accuracy(labels, p), m.categorical_accuracy(np.eye(4, dtype=np.float32)[labels], p),
            m.sparse_top_k_categorical_accuracy(labels, p, k=2),
            m.top_k_categorical_accuracy(np.eye(4, dtype=np.float32)[labels], p, k=2),
            m.sparse_categorical_accuracy(np.array([1, 0], np.int32), ties),
            m.categorical_accuracy(np.eye(3, dtype=np.float32)[[1, 1]], ties)]


@case(AREA, "SparseTopKCategoricalAccuracy from_sorted_ids")
def sorted_ids(tf: Any) -> Any:
    m = tf.keras.metrics.SparseTopKCategoricalAccuracy(k=2, from_sorted_ids=True, name="s")
    m.update_state(np.array([3, 1, 0]), np.array([[3, 0, 1], [0, 2, 1], [2, 1, 0]]))
    return [_result(m), m.get_config()]


# -- thresholds: scores at the bucket edges -------------------------------------------------------
@case(AREA, "AUC and confusion counts on scores at 0, 1 and the threshold")
def edge_scores(tf: Any) -> Any:
    t, p = _W_SCORE
    out = []
    k = tf.keras
    for m in (k.metrics.AUC(name="a"), k.metrics.AUC(num_thresholds=3, name="a3"),
              k.metrics.TruePositives(name="t"), k.metrics.FalsePositives(thresholds=[0.0, 1.0], name="f"),
              k.metrics.Precision(thresholds=[0.0, 0.5, 1.0], name="p"),
              k.metrics.Recall(thresholds=[0.0, 0.5, 1.0], name="r")):
        m.update_state(t, p)
        out += [_result(m), _variables(m)]
    return out


@case(AREA, "AUC with scores outside [0, 1] and int labels")
def auc_outside(tf: Any) -> Any:
    m = tf.keras.metrics.AUC(name="a")
    m.update_state(np.array([0, 1, 1, 0, 1]), np.array([-0.5, 1.5, 0.7, 0.2, 0.9], np.float32))
    r = tf.keras.metrics.Recall(name="r")
    r.update_state(np.array([0, 1, 1, 0, 1]), np.array([-0.5, 1.5, 0.7, 0.2, 0.9], np.float32))
    return [_result(m), r.result(), _variables(r)]


@case(AREA, "AUC enums and thresholds")
def auc_enums(tf: Any) -> Any:
    a = tf.keras.metrics.AUC(num_thresholds=4, name="a")
    b = tf.keras.metrics.AUC(curve="pr", summation_method="Minoring", name="b")
    return [a.curve.name, a.curve.value, a.summation_method.name, a.summation_method.value, a.thresholds,
            b.curve.name, b.summation_method.name, a.num_thresholds,
            tf.keras.metrics.AUC(thresholds=[0.5, 0.2], name="c").thresholds]


@case(AREA, "weighted confusion counts with (N,1) labels and weights")
def confusion_column(tf: Any) -> Any:
    t = np.array([[1], [0], [1], [1]], np.float32)
    p = np.array([[0.9], [0.6], [0.4], [0.7]], np.float32)
    out = []
    for w in (np.array([1.0, 2.0, 3.0, 4.0], np.float32), np.array([[1.0], [2.0], [3.0], [4.0]], np.float32), 2.0):
        m = tf.keras.metrics.Precision(name="p")
        m.update_state(t, p, sample_weight=w)
        a = tf.keras.metrics.AUC(name="a")
        a.update_state(t, p, sample_weight=w)
        out += [_result(m), a.result()]
    return out


# -- misuse ----------------------------------------------------------------------------------------
@case(AREA, "misuse: reset_states, bad thresholds, curve, num_thresholds, no super().__init__")
def misuse(tf: Any) -> Any:
    k = tf.keras

    class Forgot(k.metrics.Metric):
        def __init__(self) -> None:
            pass

        def update_state(self, x: Any) -> None:
            pass

        def result(self) -> Any:
            return 0.0

    return [type(attempt(getattr, k.metrics.Mean(), "reset_states")).__name__,
            hasattr(k.metrics.Mean(), "weights"), hasattr(k.metrics.Mean(), "trainable_weights"),
            attempt(k.metrics.Precision, thresholds=[0.5, 1.5]),
            attempt(k.metrics.TruePositives, thresholds=-0.1),
            attempt(k.metrics.AUC, curve="XY"), attempt(k.metrics.AUC, summation_method="left"),
            attempt(k.metrics.AUC, num_thresholds=1),
            attempt(Forgot()),
            attempt(k.metrics.Metric().update_state).__class__.__name__,
            attempt(k.metrics.Precision(class_id=1).update_state, np.array([1.0, 0.0]), np.array([0.3, 0.8]))]


@case(AREA, "misuse: mismatched shapes", compare_message=False)
def misuse_shapes(tf: Any) -> Any:
    k = tf.keras
    cos = k.metrics.CosineSimilarity(axis=0, name="c")
    return [attempt(cos.update_state, *_REG[0], sample_weight=_W[0]), cos(*_REG[0]),
            attempt(k.metrics.MeanSquaredError().update_state, np.ones((3, 2)), np.ones((4, 2))),
            attempt(k.metrics.Mean().update_state, np.ones((3, 2)), sample_weight=np.ones((4,)))]


@case(AREA, "variables assigned as attributes and nested metrics are tracked")
def tracking(tf: Any) -> Any:
    k = tf.keras

    class Holder(k.metrics.Metric):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.v = k.Variable(np.zeros(2, np.float32), name="vv")
            self.inner = k.metrics.Mean(name="inner")
            self.t = self.add_variable((), "zeros", name="t")

        def update_state(self, x: Any) -> None:
            self.inner.update_state(x)
            self.t.assign_add(1.0)

        def result(self) -> Any:
            return self.inner.result() * self.t

    h = Holder(name="holder")
    h.update_state([1.0, 3.0])
    out = [[v.path for v in h.variables], h.result()]
    h.reset_state()
    return [*out, h.result(), _variables(h)]


@case(AREA, "AUC multi_label: variables built on the first update, misuse")
def auc_multi_label(tf: Any) -> Any:
    k = tf.keras
    a = k.metrics.AUC(multi_label=True, name="a")
    before = _variables(a)
    a.reset_state()
    a.update_state(*_BIN[0])
    return [before, [v.shape.as_list() for v in a.variables], _result(a),
            attempt(k.metrics.AUC, num_labels=2),
            attempt(k.metrics.AUC(multi_label=True, name="b").update_state, np.zeros(3), np.zeros(3))]


@case(AREA, "sensitivity/specificity-at metrics: names, unweighted, misuse")
def at_metrics(tf: Any) -> Any:
    k = tf.keras
    k.backend.clear_session()
    out = []
    for cls, arg in (("SensitivityAtSpecificity", 0.4), ("SpecificityAtSensitivity", 0.4),
                     ("PrecisionAtRecall", 0.4), ("RecallAtPrecision", 0.4)):
        m = getattr(k.metrics, cls)(arg)
        m.update_state(*_W_SCORE)
        out += [m.name, _result(m), [v.path for v in m.variables], attempt(getattr(k.metrics, cls), 1.5),
                attempt(getattr(k.metrics, cls), 0.5, num_thresholds=0)]
    k.backend.clear_session()
    return out


_FSCORE_T = [np.eye(3, dtype=np.float32)[[0, 1, 2, 1]], np.eye(3, dtype=np.float32)[[2, 2]]]
_FSCORE_P = [_u(0, 1, (4, 3)), _u(0, 1, (2, 3))]


def _fscore(cls: str, **kwargs: Any) -> Any:
    def run(tf: Any) -> Any:
        m = getattr(tf.keras.metrics, cls)(**kwargs)
        out = [m.name, m.get_config(), _variables(m)]
        for i in range(2):
            m.update_state(_FSCORE_T[i], _FSCORE_P[i], sample_weight=_W[i] if i else None)
            out.append(_result(m))
        out.append(_variables(m))
        m.reset_state()
        return [*out, _result(m)]

    return run


for _i, (_cls, _kw) in enumerate([
        ("F1Score", {}), ("F1Score", {"average": "micro"}), ("F1Score", {"average": "macro"}),
        ("F1Score", {"average": "weighted", "threshold": 0.4}), ("FBetaScore", {"beta": 2.0}),
        ("FBetaScore", {"beta": 0.5, "average": "macro", "threshold": 0.5, "name": "fb"})]):
    case(AREA, f"{_cls} #{_i}: {_kw}")(_fscore(_cls, **_kw))


def _r2(**kwargs: Any) -> Any:
    def run(tf: Any) -> Any:
        m = tf.keras.metrics.R2Score(**kwargs)
        out = [m.name, m.get_config(), _variables(m)]
        for i, (t, p) in enumerate(_REG):
            m.update_state(t, p, sample_weight=_W[i] if i else None)
            out.append(_result(m))
        out.append(_variables(m))
        m.reset_state()
        return out

    return run


for _i, _kw in enumerate([{}, {"class_aggregation": "variance_weighted_average"}, {"class_aggregation": None},
                          {"num_regressors": 2}, {"num_regressors": 5}, {"num_regressors": 40}]):
    case(AREA, f"R2Score #{_i}: {_kw}")(_r2(**_kw))


@case(AREA, "F-score and R2 misuse")
def fscore_r2_misuse(tf: Any) -> Any:
    k = tf.keras
    return [attempt(k.metrics.F1Score, average="avg"), attempt(k.metrics.FBetaScore, beta=2),
            attempt(k.metrics.FBetaScore, beta=-1.0), attempt(k.metrics.F1Score, threshold=1),
            attempt(k.metrics.F1Score, threshold=1.5), attempt(k.metrics.F1Score().update_state, [1.0], [0.5]),
            attempt(k.metrics.R2Score, class_aggregation="mean"), attempt(k.metrics.R2Score, num_regressors=-1),
            attempt(k.metrics.R2Score().update_state, np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))]


@case(AREA, "R2Score and F1Score with dtype='float64'")
def r2_f1_float64(tf: Any) -> Any:
    k = tf.keras
    r2 = k.metrics.R2Score(dtype="float64")
    r2.update_state(_REG[0][0].astype(np.float64), _REG[0][1].astype(np.float64))
    f1 = k.metrics.F1Score(dtype="float64")
    f1.update_state(_FSCORE_T[0], _FSCORE_P[0])
    return [r2.result(), _variables(r2), f1.result(), _variables(f1)]


@case(AREA, "dtype policies: mixed_float16 metrics and losses")
def dtype_policies(tf: Any) -> Any:
    k = tf.keras
    m = k.metrics.Mean(name="m", dtype="mixed_float16")
    m.update_state([1.0, 2.0])
    a = k.metrics.AUC(name="a", dtype=k.DTypePolicy("mixed_bfloat16"))
    loss = k.losses.MeanSquaredError(dtype="mixed_float16")
    return [m.dtype, _variables(m), _result(m), a.dtype, [v.dtype for v in a.variables], loss.dtype,
            loss([1.0, 2.0], [1.5, 2.0]), k.losses.BinaryCrossentropy(dtype=tf.float64).dtype]


@case(AREA, "IoU family: confusion matrices, ignore_class, out-of-range ids, one-hot, thresholds, configs")
def iou_family(tf: Any) -> Any:
    M = tf.keras.metrics  # noqa: N806 - Keras's usual alias
    out = []
    m = M.MeanIoU(num_classes=4, ignore_class=0)
    out.append([m.update_state([[0, 1], [2, 3]], [[1, 1], [3, 3]]), m.result()])
    m = M.MeanIoU(num_classes=3, dtype="float32")
    m.update_state([0, 1, 2, 2], [0, 2, 2, 1], sample_weight=[0.5, 1.0, 2.0, 0.25])
    out.append([m.result(), m.total_cm, m.get_config()])
    m = M.IoU(3, [0, 2], name="iou")
    m.update_state([0, 1, 2, 5, -1], [0, 1, 7, 2, 0])
    out.append([m.result(), m.total_cm, M.IoU(3, [1], name="empty").result()])
    m = M.OneHotIoU(3, [0, 1], sparse_y_pred=True, name="oh")
    m.update_state([[0, 0, 1], [0, 1, 0]], [2, 0])
    out.append(m.result())
    m = M.OneHotMeanIoU(3, ignore_class=1, name="ohm")
    m.update_state(np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0]]),
                   np.array([[0.1, 0.2, 0.7], [0.5, 0.4, 0.1], [0.9, 0.0, 0.1]]))
    out.append([m.result(), m.get_config(), [(v.path, v.dtype) for v in m.variables]])
    m = M.BinaryIoU(target_class_ids=[1], threshold=0.3, name="b")
    m.update_state([0, 1, 1, 0], [0.2, 0.3, 0.5, 0.9], sample_weight=[1, 2, 3, 4])
    out.append([m.result(), m.get_config(), m.dtype, M.BinaryIoU(name="b2").get_config()])
    m = M.MeanIoU(2, name="m")
    m.update_state([0.7, 1.2], [0.0, 1.9])
    out.append([m([0, 1], [1, 1]), m.total_cm])
    m.reset_state()
    out.append([m.result(), m.total_cm])
    out.append([M.IoU.from_config(M.IoU(3, [1, 2], name="q").get_config()).get_config(),
                type(M.get("mean_io_u")).__name__, type(M.get("BinaryIoU")).__name__,
                M.serialize(M.MeanIoU(2, name="mi"))])
    out.append([attempt(M.IoU, 3, [3]), attempt(lambda: M.MeanIoU(3).update_state([0, 1], [0, 1, 2])),
                attempt(lambda: M.MeanIoU(3).update_state([0, 1], [0, 1], sample_weight=[1, 2, 3]))])
    return out


@case(AREA, "Pearson and concordance correlation: functions, axes, dtypes, weighted classes, configs")
def correlations(tf: Any) -> Any:
    M = tf.keras.metrics  # noqa: N806 - Keras's usual alias
    yt = np.array([[0.0, 1.0, 2.0, 4.0], [1.0, 0.0, 3.0, 2.0], [2.0, 2.0, 2.0, 1.0]], np.float32)
    yp = np.array([[0.1, 0.9, 2.5, 3.0], [0.5, 0.2, 2.0, 2.5], [1.0, 3.0, 2.0, 0.0]], np.float32)
    out = []
    for fn in [M.pearson_correlation, M.concordance_correlation]:
        out.append([fn(yt, yp), fn(yt, yp, axis=0), fn(yt[0], yp[0]), fn(yt.astype("float64"), yp.astype("float64")),
                    fn(yt.astype("int32"), yp), fn(yt, yp.astype("float16")), fn(yt[:, :1], yp[:, :1]),
                    fn([1, 2, 3], [1.0, 2.0, 2.0])])
    for cls in [M.PearsonCorrelation, M.ConcordanceCorrelation]:
        m = cls()
        m.update_state(yt, yp)
        first = m.result()
        m.update_state(yt, yp * 2, sample_weight=[1.0, 0.0, 2.0])
        m64 = cls(axis=0, name="x", dtype="float64")
        m64.update_state(yt, yp)
        out.append([first, m.result(), m64.result(), m.get_config(), m64.get_config(),
                    [(v.path, v.dtype) for v in m.variables], cls.from_config(m64.get_config()).get_config(),
                    type(M.get(cls.__name__)).__name__, M.serialize(m)])
    return out
