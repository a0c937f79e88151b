"""tf.keras.losses: values against NumPy statements of each formula, reductions and weighting, and
gradients (and second derivatives) w.r.t. the predictions against finite differences in float64
over drawn batch shapes, weights and options. TensorFlow's exact outputs (clipped points, dtypes,
names, configs, errors) are recorded in conformance/cases/keras_losses.py."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

K = tf.keras
EPS = 1e-7
_SEEDS = st.integers(0, 2**16)
_BATCH = st.tuples(st.integers(1, 4), st.integers(2, 4))
_REDUCTIONS = st.sampled_from(["sum_over_batch_size", "sum", "none", None, "mean", "mean_with_sample_weight"])


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _probs(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    p = rng.uniform(0.05, 1.0, shape)
    return p / p.sum(-1, keepdims=True)


# Per family: how to draw (y_true, y_pred) of a (N, C) batch away from the kinks, and the
# per-sample formula in NumPy.
def _regression(rng: np.random.Generator, shape: tuple) -> tuple:
    return rng.uniform(0.1, 2.0, shape), rng.uniform(0.1, 2.0, shape)


def _binary(rng: np.random.Generator, shape: tuple) -> tuple:
    return (rng.uniform(0, 1, shape) > 0.5).astype(np.float64), rng.uniform(0.05, 0.95, shape)


def _categorical(rng: np.random.Generator, shape: tuple) -> tuple:
    return np.eye(shape[-1])[rng.integers(0, shape[-1], shape[:-1])], _probs(rng, shape)


def _soft(rng: np.random.Generator, shape: tuple) -> tuple:
    return _probs(rng, shape), _probs(rng, shape)


def _signed(rng: np.random.Generator, shape: tuple) -> tuple:
    t = np.where(rng.uniform(0, 1, shape) > 0.5, 1.0, -1.0)
    p = rng.uniform(-2, 2, shape)
    p = np.where(np.abs(1 - t * p) < 0.05, p + 0.1, p)  # away from the hinge
    return t, p


def _np_bce(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


def _np_focal(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    p_t = t * p + (1 - t) * (1 - p)
    return ((1 - p_t) ** 2 * _np_bce(t, p)).mean(-1)


def _np_cosine(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    return -(t / np.linalg.norm(t, axis=-1, keepdims=True) * p / np.linalg.norm(p, axis=-1, keepdims=True)).sum(-1)


def _np_hinge_labels(t: np.ndarray) -> np.ndarray:
    return 2 * t - 1 if np.all((t == 0) | (t == 1)) else t


_FAMILIES: dict = {
    "MeanSquaredError": (_regression, lambda t, p: ((t - p) ** 2).mean(-1)),
    "MeanAbsoluteError": (_regression, lambda t, p: np.abs(t - p).mean(-1)),
    "MeanAbsolutePercentageError": (_regression, lambda t, p: 100 * (np.abs(t - p) / np.abs(t)).mean(-1)),
    "MeanSquaredLogarithmicError": (_regression, lambda t, p: ((np.log1p(p) - np.log1p(t)) ** 2).mean(-1)),
    "Huber": (_regression, lambda t, p: np.where(np.abs(p - t) <= 1, 0.5 * (p - t) ** 2,
                                                 np.abs(p - t) - 0.5).mean(-1)),
    "LogCosh": (_regression, lambda t, p: np.log(np.cosh(p - t)).mean(-1)),
    "CosineSimilarity": (_regression, _np_cosine),
    "Poisson": (_regression, lambda t, p: (p - t * np.log(p + EPS)).mean(-1)),
    "KLDivergence": (_soft, lambda t, p: (t * np.log(t / p)).sum(-1)),
    "BinaryCrossentropy": (_binary, lambda t, p: _np_bce(t, p).mean(-1)),
    "BinaryFocalCrossentropy": (_binary, _np_focal),
    "CategoricalCrossentropy": (_categorical, lambda t, p: -(t * np.log(p)).sum(-1)),
    "CategoricalFocalCrossentropy": (_categorical, lambda t, p: (0.25 * (1 - p) ** 2 * -t * np.log(p)).sum(-1)),
    "Hinge": (_signed, lambda t, p: np.maximum(1 - t * p, 0).mean(-1)),
    "SquaredHinge": (_signed, lambda t, p: (np.maximum(1 - t * p, 0) ** 2).mean(-1)),
    "CategoricalHinge": (_categorical, lambda t, p: np.maximum(((1 - t) * p).max(-1) - (t * p).sum(-1) + 1, 0)),
}


@pytest.mark.parametrize("cls", sorted(_FAMILIES))
@given(shape=_BATCH, seed=_SEEDS)
def test_per_sample_values_match_the_formula(cls: str, shape: tuple, seed: int) -> None:
    draw, formula = _FAMILIES[cls]
    t, p = draw(_rng(seed), shape)
    loss = getattr(K.losses, cls)(reduction="none", dtype="float64")
    # LogCosh subtracts log(2) taken in float32, as Keras does: up to ~3e-8 off in float64.
    atol = 1e-7 if cls == "LogCosh" else 1e-9
    np.testing.assert_allclose(loss(t, p).numpy(), formula(t, p), rtol=1e-6, atol=atol)


@pytest.mark.parametrize("cls", sorted(_FAMILIES))
@given(shape=_BATCH, seed=_SEEDS, reduction=_REDUCTIONS, weighted=st.booleans())
def test_gradient_wrt_predictions(cls: str, shape: tuple, seed: int, reduction: Any, weighted: bool) -> None:
    draw, _ = _FAMILIES[cls]
    rng = _rng(seed)
    t, p = draw(rng, shape)
    w = rng.uniform(0.1, 2.0, shape[:1]) if weighted else None
    loss = getattr(K.losses, cls)(reduction=reduction, dtype="float64")
    check_gradients(lambda pred: loss(t, pred, sample_weight=w), [p], rtol=1e-4, atol=1e-6)


def test_sparse_gradient_and_values() -> None:
    rng = _rng(3)
    p = _probs(rng, (5, 4))
    labels = rng.integers(0, 4, (5,))
    loss = K.losses.SparseCategoricalCrossentropy(reduction="none", dtype="float64")
    np.testing.assert_allclose(loss(labels, p).numpy(), -np.log(p[np.arange(5), labels]), rtol=1e-12)
    check_gradients(lambda pred: K.losses.SparseCategoricalCrossentropy(dtype="float64")(labels, pred), [p])


@given(shape=_BATCH, seed=_SEEDS, smoothing=st.sampled_from([0.0, 0.1, 0.3]))
def test_from_logits_and_label_smoothing_gradients(shape: tuple, seed: int, smoothing: float) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=shape) * 2
    t_bin = (rng.uniform(0, 1, shape) > 0.5).astype(np.float64)
    t_cat = np.eye(shape[-1])[rng.integers(0, shape[-1], shape[:1])]
    for loss, t in ((K.losses.BinaryCrossentropy(from_logits=True, label_smoothing=smoothing, dtype="float64"), t_bin),
                    (K.losses.BinaryFocalCrossentropy(from_logits=True, label_smoothing=smoothing, dtype="float64"),
                     t_bin),
                    (K.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=smoothing, dtype="float64"),
                     t_cat),
                    (K.losses.CategoricalFocalCrossentropy(from_logits=True, label_smoothing=smoothing,
                                                           dtype="float64"), t_cat)):
        check_gradients(lambda x, loss=loss, t=t: loss(t, x), [logits], rtol=1e-4, atol=1e-6)
    labels = rng.integers(0, shape[-1], shape[:1])
    scce = K.losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64")
    check_gradients(lambda x: scce(labels, x), [logits])


@given(seed=_SEEDS)
def test_second_order(seed: int) -> None:
    rng = _rng(seed)
    logits = rng.normal(size=(3, 4))
    t_cat = np.eye(4)[rng.integers(0, 4, (3,))]
    t_bin, p = _binary(rng, (3, 4))
    cce = K.losses.CategoricalCrossentropy(from_logits=True, dtype="float64")
    check_second_order(lambda x: cce(t_cat, x), [logits])
    check_second_order(lambda x: K.losses.BinaryCrossentropy(dtype="float64")(t_bin, x), [p])
    check_second_order(lambda x: K.losses.LogCosh(dtype="float64")(t_bin, x), [logits])


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # a batch of 1 gives the one-class warning, as in Keras
@given(shape=_BATCH, seed=_SEEDS)
def test_axis_options(shape: tuple, seed: int) -> None:
    rng = _rng(seed)
    t, p = _binary(rng, shape)
    bce = K.losses.BinaryCrossentropy(axis=0, reduction="none", dtype="float64")
    np.testing.assert_allclose(bce(t, p).numpy(), _np_bce(t, p).mean(0), rtol=1e-10)
    tc, pc = _categorical(rng, shape)
    cce = K.losses.CategoricalCrossentropy(axis=0, reduction="none", dtype="float64")
    np.testing.assert_allclose(cce(tc.T, pc.T).numpy(), -(tc * np.log(pc)).sum(-1), rtol=1e-10)
    check_gradients(lambda x: cce(tc.T, x), [pc.T])


# -- reductions and weighting ----------------------------------------------------------------------
@given(shape=_BATCH, seed=_SEEDS)
def test_reductions(shape: tuple, seed: int) -> None:
    rng = _rng(seed)
    t, p = _regression(rng, shape)
    w = rng.uniform(0, 2, shape[:1])
    per = ((t - p) ** 2).mean(-1)

    def mse(reduction: Any, **kw: Any) -> np.ndarray:
        return K.losses.MeanSquaredError(reduction=reduction, dtype="float64")(t, p, **kw).numpy()

    np.testing.assert_allclose(mse("none"), per, rtol=1e-12)
    np.testing.assert_allclose(mse(None), per, rtol=1e-12)
    np.testing.assert_allclose(mse("sum"), per.sum(), rtol=1e-12)
    np.testing.assert_allclose(mse("sum_over_batch_size"), per.mean(), rtol=1e-12)
    np.testing.assert_allclose(mse("mean"), per.mean(), rtol=1e-12)
    np.testing.assert_allclose(mse("sum_over_batch_size", sample_weight=w), (per * w).sum() / len(per), rtol=1e-12)
    np.testing.assert_allclose(mse("mean_with_sample_weight", sample_weight=w),
                               (per * w).sum() / w.sum() if w.sum() else 0.0, rtol=1e-12)
    np.testing.assert_allclose(mse("none", sample_weight=w[:, None]), (per * w)[:, None], rtol=1e-12)
    np.testing.assert_allclose(mse("sum", sample_weight=2.5), per.sum() * 2.5, rtol=1e-12)


def test_ignore_class_averages_over_kept_samples() -> None:
    p = _probs(_rng(0), (4, 3))
    labels = np.array([0, 2, 1, 2])
    per = -np.log(p[np.arange(4), labels])
    kept = labels != 2
    loss = K.losses.SparseCategoricalCrossentropy(ignore_class=2, dtype="float64")
    np.testing.assert_allclose(loss(labels, p).numpy(), per[kept].mean(), rtol=1e-12)
    none = K.losses.SparseCategoricalCrossentropy(ignore_class=2, reduction="none", dtype="float64")
    np.testing.assert_allclose(none(labels, p).numpy(), np.where(kept, per, 0.0), rtol=1e-12)
    check_gradients(lambda x: loss(labels, x), [p])


def test_dtypes() -> None:
    t = np.array([[1.0, 0.0]])
    p = np.array([[0.3, 0.4]])
    assert K.losses.MeanSquaredError()(t, p).dtype == tf.float32
    assert K.losses.mse(t, p).dtype == tf.float64
    assert K.losses.MeanSquaredError()(t.astype(np.int64), p.astype(np.int32)).dtype == tf.float32
    assert K.losses.BinaryCrossentropy(dtype="float64")(t, p).dtype == tf.float64


def test_names_aliases_and_get() -> None:
    assert K.losses.Huber().name == "huber_loss"
    assert K.losses.LogCosh().name == "log_cosh"
    assert K.losses.KLDivergence().name == "kl_divergence"
    assert K.losses.mse is K.losses.MSE and K.losses.mse.__name__ == "mean_squared_error"
    assert K.losses.kld is K.losses.kullback_leibler_divergence
    assert not hasattr(K.losses, "mean_squared_error")
    assert K.losses.get("mean_squared_error") is K.losses.mse
    assert isinstance(K.losses.get("MeanSquaredError"), K.losses.MeanSquaredError)
    assert K.losses.get(None) is None
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        K.losses.get("nope")
    with pytest.raises(ValueError, match="Invalid value for argument `reduction`"):
        K.losses.MeanSquaredError(reduction="auto")
    bce = K.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    assert sorted(bce.get_config()) == ["axis", "from_logits", "label_smoothing", "name", "reduction"]
    assert K.losses.BinaryCrossentropy.from_config(bce.get_config()).from_logits is True


def test_subclass_gets_weighting_and_reduction() -> None:
    class Diff(K.losses.Loss):
        def call(self, y_true: Any, y_pred: Any) -> Any:
            return tf.reduce_mean(y_pred - y_true, axis=-1)

    loss = Diff(reduction="sum")
    out = loss(np.zeros((2, 2)), np.array([[1.0, 3.0], [2.0, 2.0]]), sample_weight=[1.0, 0.5])
    np.testing.assert_allclose(out.numpy(), 2.0 + 1.0)


def test_epsilon_is_read_at_call_time() -> None:
    old = K.backend.epsilon()
    try:
        K.backend.set_epsilon(1e-2)
        value = K.losses.BinaryCrossentropy()([[1.0]], [[1.0]]).numpy()
    finally:
        K.backend.set_epsilon(old)
    np.testing.assert_allclose(value, -np.log(1 - 1e-2), rtol=1e-5)


def test_logits_shortcut_uses_keras_activation_logits() -> None:
    logit = tf.constant([[40.0]])
    with tf.GradientTape() as tape:
        tape.watch(logit)
        value = K.losses.BinaryCrossentropy()(np.zeros((1, 1), np.float32), K.activations.sigmoid(logit))
    # softplus(40) and its derivative sigmoid(40), in float32: no clipping on the logits path.
    assert value.numpy() == np.float32(40.0)
    np.testing.assert_allclose(tape.gradient(value, logit).numpy(), [[1.0]])
    assert K.losses.BinaryCrossentropy()(np.zeros((1, 1), np.float32), tf.sigmoid(logit)).numpy() < 16.0
    logits = tf.constant([[50.0, 0.0, 0.0]])
    probs = K.activations.softmax(logits)
    expected = 50.0 + np.log1p(2 * np.exp(-50.0))
    np.testing.assert_allclose(K.losses.CategoricalCrossentropy()(np.array([[0.0, 1.0, 0.0]]), probs).numpy(),
                               expected, rtol=1e-6)
    np.testing.assert_allclose(K.losses.SparseCategoricalCrossentropy()(np.array([1]), probs).numpy(),
                               expected, rtol=1e-6)
    with pytest.warns(UserWarning, match="does not represent logits"):
        K.losses.binary_crossentropy(np.zeros((1, 1), np.float32), K.activations.sigmoid(logit), from_logits=True)
