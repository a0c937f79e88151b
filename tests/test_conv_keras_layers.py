"""Keras conv/pool/norm layers: gradients w.r.t. inputs and weights against finite differences
(float64 layers), BatchNormalization's moving-statistics formula, and a small CNN that trains.
TensorFlow's exact outputs, weights and errors are in conformance/cases/keras_conv_layers.py."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients

layers = tf.keras.layers


def _layer_gradcheck(layer: object, x: np.ndarray) -> None:
    """The gradient w.r.t. the input through the layer (its weights fixed) against finite differences."""
    layer.build(x.shape)
    check_gradients(lambda a: layer(a), [x])


@settings(max_examples=6)
@given(st.integers(1, 2), st.sampled_from(["same", "valid"]), st.integers(1, 2), st.integers(0, 2**16))
def test_conv_layers_input_gradients(strides: int, padding: str, k: int, seed: int) -> None:
    x = np.random.default_rng(seed).normal(size=(2, 5, 6, 2))
    _layer_gradcheck(layers.Conv2D(3, k + 1, strides=strides, padding=padding, dtype="float64"), x)
    _layer_gradcheck(layers.Conv2DTranspose(2, k + 1, strides=strides, padding=padding, dtype="float64"), x)
    _layer_gradcheck(layers.Conv1D(2, k + 1, padding="causal", dtype="float64"), x[:, 0])


def test_conv2d_kernel_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(3)
    x = tf.constant(rng.normal(size=(2, 5, 5, 2)))
    layer = layers.Conv2D(3, 3, padding="same", activation="tanh", dtype="float64")
    layer.build(x.shape)
    w0 = layer.kernel.numpy()

    def loss_at(w: np.ndarray) -> float:
        layer.kernel.assign(w)
        return float(tf.reduce_sum(layer(x) ** 2))

    layer.kernel.assign(w0)
    with tf.GradientTape() as t:
        loss = tf.reduce_sum(layer(x) ** 2)
    got = t.gradient(loss, layer.kernel).numpy()
    expected = np.zeros_like(w0)
    for idx in np.ndindex(w0.shape):
        plus, minus = w0.copy(), w0.copy()
        plus[idx] += 1e-6
        minus[idx] -= 1e-6
        expected[idx] = (loss_at(plus) - loss_at(minus)) / 2e-6
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_pooling_and_norm_layers_input_gradients() -> None:
    rng = np.random.default_rng(4)
    x = rng.permutation(2 * 6 * 6 * 3).reshape(2, 6, 6, 3) * 0.1 + rng.uniform(0, 0.01, (2, 6, 6, 3))
    for layer in (layers.MaxPooling2D(dtype="float64"), layers.AveragePooling2D(3, 1, "same", dtype="float64"),
                  layers.GlobalAveragePooling2D(dtype="float64"), layers.LayerNormalization(dtype="float64"),
                  layers.ZeroPadding2D(1, dtype="float64"), layers.Cropping2D(1, dtype="float64"),
                  layers.UpSampling2D(2, dtype="float64")):
        _layer_gradcheck(layer, x)


def test_batch_normalization_training_formula_and_gradient() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=(8, 3)) * 2 + 1
    bn = layers.BatchNormalization(momentum=0.9, dtype="float64")
    y = bn(tf.constant(x), training=True).numpy()
    np.testing.assert_allclose(y, (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.1 * x.mean(0), rtol=1e-12)
    np.testing.assert_allclose(bn.moving_variance.numpy(), 0.9 + 0.1 * x.var(0), rtol=1e-12)
    np.testing.assert_allclose(bn(tf.constant(x)).numpy(),
                               (x - bn.moving_mean.numpy()) / np.sqrt(bn.moving_variance.numpy() + 1e-3), rtol=1e-10)
    w = rng.normal(size=(8, 3))
    check_gradients(lambda a: bn(a, training=True) * tf.constant(w), [x])


def test_small_cnn_trains() -> None:
    rng = np.random.default_rng(6)
    x = rng.normal(size=(16, 8, 8, 1)).astype(np.float32)
    y = (x.mean(axis=(1, 2, 3)) > 0).astype(np.int64)
    model = tf.keras.Sequential([tf.keras.Input((8, 8, 1)), layers.Conv2D(4, 3, activation="relu"),
                                 layers.MaxPooling2D(), layers.BatchNormalization(), layers.Flatten(),
                                 layers.Dense(2)])
    opt = tf.keras.optimizers.SGD(0.1)
    losses = []
    for _ in range(15):
        with tf.GradientTape() as t:
            logits = model(tf.constant(x), training=True)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant(y), logits))
        grads = t.gradient(loss, model.trainable_variables)
        assert all(g is not None for g in grads)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(float(loss))
    assert losses[-1] < losses[0]
