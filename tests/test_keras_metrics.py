"""tf.keras.metrics: accumulated results over drawn batches and weights against NumPy, reset,
the variables (Keras variables, paths, non-trainable), thresholds, top-k and AUC against a NumPy
statement of the confusion counts and the trapezoid rule. TensorFlow's exact outputs are recorded
in conformance/cases/keras_metrics.py."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tfshim as tf

K = tf.keras
_SEEDS = st.integers(0, 2**16)
_BATCHES = st.lists(st.integers(1, 5), min_size=1, max_size=3)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


@given(sizes=_BATCHES, seed=_SEEDS, weighted=st.booleans())
def test_mean_and_sum_accumulate(sizes: list, seed: int, weighted: bool) -> None:
    rng = _rng(seed)
    mean, total = K.metrics.Mean(dtype="float64"), K.metrics.Sum(dtype="float64")
    values, weights = [], []
    for n in sizes:
        v = rng.normal(size=(n, 3))
        w = rng.uniform(0, 2, (n,)) if weighted else np.ones(n)
        mean.update_state(v, sample_weight=w if weighted else None)
        total.update_state(v, sample_weight=w if weighted else None)
        values.append(v.mean(-1))
        weights.append(w)
    v, w = np.concatenate(values), np.concatenate(weights)
    np.testing.assert_allclose(mean.result().numpy(), (v * w).sum() / w.sum(), rtol=1e-10)
    np.testing.assert_allclose(total.result().numpy(), (v * w).sum() * 3, rtol=1e-10)
    mean.reset_state()
    assert mean.result().numpy() == 0.0


@given(sizes=_BATCHES, seed=_SEEDS)
def test_regression_metrics(sizes: list, seed: int) -> None:
    rng = _rng(seed)
    metrics = {cls: getattr(K.metrics, cls)(dtype="float64") for cls in
               ("MeanSquaredError", "MeanAbsoluteError", "RootMeanSquaredError", "LogCoshError")}
    ts, ps, ws = [], [], []
    for n in sizes:
        t, p, w = rng.normal(size=(n, 2)), rng.normal(size=(n, 2)), rng.uniform(0.1, 1, (n,))
        for m in metrics.values():
            m.update_state(t, p, sample_weight=w)
        ts.append(t)
        ps.append(p)
        ws.append(w)
    t, p, w = np.concatenate(ts), np.concatenate(ps), np.concatenate(ws)

    def weighted(x: np.ndarray) -> float:
        return float((x * w).sum() / w.sum())

    np.testing.assert_allclose(metrics["MeanSquaredError"].result().numpy(), weighted(((t - p) ** 2).mean(-1)))
    np.testing.assert_allclose(metrics["MeanAbsoluteError"].result().numpy(), weighted(np.abs(t - p).mean(-1)))
    np.testing.assert_allclose(metrics["RootMeanSquaredError"].result().numpy(),
                               np.sqrt(weighted(((t - p) ** 2).mean(-1))))
    np.testing.assert_allclose(metrics["LogCoshError"].result().numpy(),
                               weighted(np.log(np.cosh(p - t)).mean(-1)), rtol=1e-6)


@given(n=st.integers(1, 6), c=st.integers(2, 5), seed=_SEEDS, k=st.integers(1, 3))
def test_accuracy_metrics(n: int, c: int, seed: int, k: int) -> None:
    rng = _rng(seed)
    p = rng.uniform(0, 1, (n, c)).astype(np.float32)
    labels = rng.integers(0, c, (n,))
    onehot = np.eye(c, dtype=np.float32)[labels]
    acc = K.metrics.CategoricalAccuracy()
    acc.update_state(onehot, p)
    np.testing.assert_allclose(acc.result().numpy(), np.mean(p.argmax(-1) == labels), rtol=1e-6)
    sparse = K.metrics.SparseCategoricalAccuracy()
    sparse.update_state(labels[:, None], p)
    np.testing.assert_allclose(sparse.result().numpy(), np.mean(p.argmax(-1) == labels), rtol=1e-6)
    higher = (p > p[np.arange(n), labels][:, None]).sum(-1)
    top = K.metrics.SparseTopKCategoricalAccuracy(k=k)
    top.update_state(labels, p)
    np.testing.assert_allclose(top.result().numpy(), np.mean(higher < k), rtol=1e-6)
    top_cat = K.metrics.TopKCategoricalAccuracy(k=k)
    top_cat.update_state(onehot, p)
    np.testing.assert_allclose(top_cat.result().numpy(), np.mean(higher < k), rtol=1e-6)
    binary = K.metrics.BinaryAccuracy(threshold=0.4)
    binary.update_state(onehot, p)
    np.testing.assert_allclose(binary.result().numpy(), np.mean((p > 0.4) == onehot), rtol=1e-6)


def _np_counts(t: np.ndarray, p: np.ndarray, w: np.ndarray, thresholds: list) -> dict:
    pos = p[None, :] > np.asarray(thresholds)[:, None]
    t = t.astype(bool)[None, :]
    return {"tp": ((pos & t) * w).sum(1), "fp": ((pos & ~t) * w).sum(1),
            "tn": ((~pos & ~t) * w).sum(1), "fn": ((~pos & t) * w).sum(1)}


@given(n=st.integers(1, 12), seed=_SEEDS, thresholds=st.sampled_from([None, [0.3], [0.1, 0.5, 0.9], [0.0, 1.0]]))
def test_confusion_counts_precision_recall(n: int, seed: int, thresholds: Any) -> None:
    rng = _rng(seed)
    t = (rng.uniform(0, 1, n) > 0.5).astype(np.float32)
    p = rng.uniform(0, 1, n).astype(np.float32)
    w = rng.uniform(0, 2, n).astype(np.float32)
    counts = _np_counts(t, p, w, thresholds or [0.5])
    for cls, key in (("TruePositives", "tp"), ("FalsePositives", "fp"), ("TrueNegatives", "tn"),
                     ("FalseNegatives", "fn")):
        m = getattr(K.metrics, cls)(thresholds=thresholds)
        m.update_state(t, p, sample_weight=w)
        np.testing.assert_allclose(np.asarray(m.result()).reshape(-1), counts[key], rtol=1e-5, atol=1e-6)
    precision, recall = K.metrics.Precision(thresholds=thresholds), K.metrics.Recall(thresholds=thresholds)
    precision.update_state(t, p, sample_weight=w)
    recall.update_state(t, p, sample_weight=w)
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    with np.errstate(invalid="ignore", divide="ignore"):
        np.testing.assert_allclose(np.asarray(precision.result()).reshape(-1),
                                   np.nan_to_num(tp / (tp + fp)), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(np.asarray(recall.result()).reshape(-1),
                                   np.nan_to_num(tp / (tp + fn)), rtol=1e-5, atol=1e-6)


@given(n=st.integers(2, 20), seed=_SEEDS, num_thresholds=st.sampled_from([3, 7, 200]),
       batches=st.integers(1, 3))
def test_auc_roc_against_trapezoid(n: int, seed: int, num_thresholds: int, batches: int) -> None:
    rng = _rng(seed)
    auc = K.metrics.AUC(num_thresholds=num_thresholds)  # counts are float32 whatever dtype=, as in Keras
    ts, ps = [], []
    for _ in range(batches):
        t = (rng.uniform(0, 1, n) > 0.5).astype(np.float64)
        p = rng.uniform(0, 1, n)
        auc.update_state(t, p)
        ts.append(t)
        ps.append(p)
    t, p = np.concatenate(ts), np.concatenate(ps)
    thresholds = [-1e-7] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1 + 1e-7]
    c = _np_counts(t, p, np.ones_like(t), thresholds)
    with np.errstate(invalid="ignore", divide="ignore"):
        tpr = np.nan_to_num(c["tp"] / (c["tp"] + c["fn"]))
        fpr = np.nan_to_num(c["fp"] / (c["fp"] + c["tn"]))
    expected = ((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2).sum()
    np.testing.assert_allclose(auc.result().numpy(), expected, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(auc.true_positives.numpy(), c["tp"])


def test_variables_are_non_trainable_keras_variables() -> None:
    m = K.metrics.Mean(name="avg")
    assert [v.path for v in m.variables] == ["avg/total", "avg/count"]
    assert all(isinstance(v, K.Variable) and not v.trainable for v in m.variables)
    assert [v.path for v in K.metrics.Precision(name="p").variables] == ["p/true_positives", "p/false_positives"]
    assert K.metrics.AUC(num_thresholds=9).true_positives.shape == (9,)
    assert not hasattr(m, "reset_states")
    assert m.update_state([1.0]) is None and m.reset_state() is None
    assert repr(m) == "<Mean name=avg>"


def test_call_returns_result_over_all_updates() -> None:
    m = K.metrics.Mean()
    m([1.0, 2.0])
    np.testing.assert_allclose(m([6.0]).numpy(), 3.0)


def test_custom_metric_and_get() -> None:
    class Count(K.metrics.Metric):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.n = self.add_variable((), "zeros", name="n")

        def update_state(self, x: Any) -> None:
            self.n.assign_add(tf.cast(tf.size(x), "float32"))

        def result(self) -> Any:
            return tf.convert_to_tensor(self.n)

    c = Count(name="count")
    c.update_state([1, 2, 3])
    assert c.result().numpy() == 3.0 and c.variables[0].path == "count/n"
    c.reset_state()
    assert c.result().numpy() == 0.0
    assert isinstance(K.metrics.get("accuracy"), K.metrics.Accuracy)
    assert isinstance(K.metrics.get("categorical_crossentropy"), K.metrics.CategoricalCrossentropy)
    assert K.metrics.get("mse").name == "mean_squared_error"
    with pytest.raises(ValueError, match="Could not interpret metric identifier"):
        K.metrics.get("nope")


def test_sparse_crossentropy_metric_ignore_class() -> None:
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.4, 0.3]], np.float64)
    labels = np.array([0, 2, 1])
    per = -np.log(p[np.arange(3), labels])
    m = K.metrics.SparseCategoricalCrossentropy(ignore_class=2, dtype="float64")
    m.update_state(labels, p)
    np.testing.assert_allclose(m.result().numpy(), (per[0] + per[2]) / 3)  # ignored rows count as 0
    w = K.metrics.SparseCategoricalCrossentropy(ignore_class=2, dtype="float64")
    w.update_state(labels, p, sample_weight=[1.0, 1.0, 1.0])
    np.testing.assert_allclose(w.result().numpy(), (per[0] + per[2]) / 2)  # the mask joins the weights


def test_attribute_variables_and_nested_metrics_are_tracked() -> None:
    class Holder(K.metrics.Metric):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.v = K.Variable(np.zeros(2, np.float32), name="vv")
            self.inner = K.metrics.Mean(name="inner")
            self.t = self.add_variable((), "zeros", name="t")

        def update_state(self, x: Any) -> None:
            self.inner.update_state(x)

        def result(self) -> Any:
            return self.inner.result()

    h = Holder(name="holder")
    assert [v.path for v in h.variables] == ["vv", "holder/t", "inner/total", "inner/count"]
    h.update_state([2.0])
    h.reset_state()
    assert h.inner.count.numpy() == 0.0


@given(n=st.integers(2, 10), labels=st.integers(1, 3), seed=_SEEDS, num_thresholds=st.sampled_from([4, 200]))
def test_multi_label_auc_is_the_mean_of_per_label_aucs(n: int, labels: int, seed: int, num_thresholds: int) -> None:
    rng = _rng(seed)
    t = (rng.uniform(0, 1, (n, labels)) > 0.5).astype(np.float32)
    p = rng.uniform(0, 1, (n, labels)).astype(np.float32)
    multi = K.metrics.AUC(multi_label=True, num_thresholds=num_thresholds)
    multi.update_state(t, p)
    per_label = []
    for j in range(labels):
        single = K.metrics.AUC(num_thresholds=num_thresholds)
        single.update_state(t[:, j], p[:, j])
        per_label.append(single.result().numpy())
    np.testing.assert_allclose(multi.result().numpy(), np.mean(per_label), rtol=1e-5, atol=1e-6)
    weights = rng.uniform(0.1, 1, labels).astype(np.float32)
    weighted = K.metrics.AUC(multi_label=True, num_labels=labels, label_weights=weights,
                             num_thresholds=num_thresholds)
    weighted.update_state(t, p)
    np.testing.assert_allclose(weighted.result().numpy(), np.dot(per_label, weights) / weights.sum(),
                               rtol=1e-5, atol=1e-6)


@given(n=st.integers(2, 15), seed=_SEEDS, target=st.sampled_from([0.0, 0.3, 0.8, 1.0]))
def test_at_metrics_pick_the_best_feasible_threshold(n: int, seed: int, target: float) -> None:
    rng = _rng(seed)
    t = (rng.uniform(0, 1, n) > 0.5).astype(np.float32)
    p = rng.uniform(0, 1, n).astype(np.float32)
    thresholds = [0.0] + [(i + 1) / 9 for i in range(8)] + [1.0]
    c = _np_counts(t, p, np.ones(n, np.float32), thresholds)
    with np.errstate(invalid="ignore", divide="ignore"):
        sens = np.nan_to_num(c["tp"] / (c["tp"] + c["fn"]))
        spec = np.nan_to_num(c["tn"] / (c["tn"] + c["fp"]))
        prec = np.nan_to_num(c["tp"] / (c["tp"] + c["fp"]))

    def best(constrained: np.ndarray, dependent: np.ndarray) -> float:
        return max(float(np.where(constrained >= np.float32(target), dependent, 0).max()), 0.0)

    for cls, expected in (("SensitivityAtSpecificity", best(spec, sens)),
                          ("SpecificityAtSensitivity", best(sens, spec)),
                          ("PrecisionAtRecall", best(sens, prec)), ("RecallAtPrecision", best(prec, sens))):
        m = getattr(K.metrics, cls)(target, num_thresholds=10)
        m.update_state(t, p)
        np.testing.assert_allclose(m.result().numpy(), expected, rtol=1e-5, atol=1e-6, err_msg=cls)


@given(n=st.integers(2, 8), c=st.integers(2, 4), seed=_SEEDS)
def test_f1_and_r2_against_numpy(n: int, c: int, seed: int) -> None:
    rng = _rng(seed)
    t = np.eye(c, dtype=np.float32)[rng.integers(0, c, n)]
    p = rng.uniform(0, 1, (n, c)).astype(np.float32)
    pred = (p > 0.5).astype(np.float32)
    tp, fp, fn = (pred * t).sum(0), (pred * (1 - t)).sum(0), ((1 - pred) * t).sum(0)
    eps = 1e-7
    precision, recall = tp / (tp + fp + eps), tp / (tp + fn + eps)
    f1 = K.metrics.F1Score(threshold=0.5)
    f1.update_state(t, p)
    np.testing.assert_allclose(f1.result().numpy(), 2 * precision * recall / (precision + recall + eps),
                               rtol=1e-5, atol=1e-6)
    y, yhat = rng.normal(size=(n, c)), rng.normal(size=(n, c))
    # R2's state is float32 (as in Keras) and its variance is sum(y^2) - sum(y)*mean: keep columns
    # whose variance float32 can resolve.
    assume(((y - y.mean(0)) ** 2).sum(0).min() > 0.5)
    r2 = K.metrics.R2Score(class_aggregation=None, dtype="float64")
    r2.update_state(y, yhat)
    expected = 1 - ((y - yhat) ** 2).sum(0) / ((y - y.mean(0)) ** 2).sum(0)
    np.testing.assert_allclose(r2.result().numpy(), expected, rtol=1e-4, atol=1e-5)
