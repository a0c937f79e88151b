"""Keras convolution, pooling, normalization, padding, resizing and preprocessing layers: gradients
w.r.t. inputs and weights against finite differences on hypothesis-drawn shapes (float64 layers),
BatchNormalization's moving-statistics formula, a small CNN that trains, and properties TF's recorded
cases cannot show. TF's exact values, weights, summaries and errors are in
conformance/cases/keras_conv_layers.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients

layers = tf.keras.layers
_SETTINGS = settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate])


def _input_gradcheck(layer: object, x: np.ndarray) -> None:
    layer.build(x.shape)
    check_gradients(lambda a: layer(a), [x])


def _weight_gradcheck(layer: object, x: np.ndarray) -> None:
    """The gradient w.r.t. every trainable weight, each a function argument through assign."""
    layer.build(x.shape)
    weights = layer.trainable_weights
    values = [np.asarray(w.numpy(), dtype=np.float64) for w in weights]
    check_gradients(lambda *tensors: _call_with(layer, weights, list(tensors), tf.constant(x)), values)


def _call_with(layer: object, weights: list, tensors: list, x: object) -> object:
    """Calls `layer` with its weights replaced by `tensors` (so the tape sees them)."""
    saved = {}
    for w, t in zip(weights, tensors):
        for name, value in vars(layer).items():
            if value is w:
                saved[name] = value
                object.__setattr__(layer, name, t)
    try:
        return layer.call(x)
    finally:
        for name, value in saved.items():
            object.__setattr__(layer, name, value)


@_SETTINGS
@given(st.integers(1, 2), st.sampled_from(["same", "valid"]), st.integers(1, 2), st.integers(0, 2**16))
def test_conv_layers_input_gradients(strides: int, padding: str, k: int, seed: int) -> None:
    x = np.random.default_rng(seed).normal(size=(2, 5, 6, 2))
    _input_gradcheck(layers.Conv2D(3, k + 1, strides=strides, padding=padding, dtype="float64"), x)
    _input_gradcheck(layers.Conv2DTranspose(2, k + 1, strides=strides, padding=padding, dtype="float64"), x)
    _input_gradcheck(layers.Conv1D(2, k + 1, padding="causal", dtype="float64"), x[:, 0])


def test_conv2d_weight_gradients() -> None:
    x = np.random.default_rng(3).normal(size=(2, 5, 5, 2))
    _weight_gradcheck(layers.Conv2D(3, 3, padding="same", activation="tanh", dtype="float64"), x)


def test_pooling_and_norm_layers_input_gradients() -> None:
    rng = np.random.default_rng(4)
    x = rng.permutation(2 * 6 * 6 * 3).reshape(2, 6, 6, 3) * 0.1 + rng.uniform(0, 0.01, (2, 6, 6, 3))
    for layer in (layers.MaxPooling2D(dtype="float64"), layers.AveragePooling2D(3, 1, "same", dtype="float64"),
                  layers.GlobalAveragePooling2D(dtype="float64"), layers.LayerNormalization(dtype="float64"),
                  layers.ZeroPadding2D(1, dtype="float64"), layers.Cropping2D(1, dtype="float64"),
                  layers.UpSampling2D(2, dtype="float64")):
        _input_gradcheck(layer, x)


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


@_SETTINGS
@given(st.integers(1, 2), st.sampled_from(["same", "valid"]), st.integers(2, 3), st.integers(4, 6),
       st.integers(0, 2**16))
def test_transposed_convolutions(strides: int, padding: str, k: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    _input_gradcheck(layers.Conv1DTranspose(2, k, strides=strides, padding=padding, dtype="float64"),
                     rng.normal(size=(2, n, 2)))
    _input_gradcheck(layers.Conv3DTranspose(2, k, strides=strides, padding=padding, dtype="float64"),
                     rng.normal(size=(1, 3, n - 2, 2, 2)))
    _weight_gradcheck(layers.Conv1DTranspose(2, k, strides=strides, padding=padding, dtype="float64"),
                      rng.normal(size=(2, n, 2)))


@_SETTINGS
@given(st.integers(1, 2), st.integers(1, 2), st.sampled_from(["same", "valid"]), st.integers(1, 2),
       st.integers(0, 2**16))
def test_depthwise_and_separable(strides: int, dilation: int, padding: str, multiplier: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x2 = rng.normal(size=(2, 6, 5, 2))
    x1 = x2[:, 0]
    kw = {"strides": strides, "dilation_rate": dilation, "padding": padding, "depth_multiplier": multiplier,
          "dtype": "float64"}
    _input_gradcheck(layers.DepthwiseConv2D(2, **kw), x2)
    _input_gradcheck(layers.DepthwiseConv1D(2, **kw), x1)
    _input_gradcheck(layers.SeparableConv2D(3, 2, **kw), x2)
    _weight_gradcheck(layers.SeparableConv1D(3, 2, **kw), x1)
    _weight_gradcheck(layers.DepthwiseConv2D(2, **kw), x2)


@_SETTINGS
@given(st.sampled_from(["channels_last", "channels_first"]), st.integers(1, 2), st.integers(0, 2**16))
def test_conv3d_groups_and_3d_reshaping(data_format: str, groups: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(1, 3, 4, 3, 4))
    if data_format == "channels_last":  # TF's CPU Conv3D kernel has no NCDHW form (nor has tfshim's)
        _input_gradcheck(layers.Conv3D(2, 2, groups=groups, dtype="float64"), x)
        _weight_gradcheck(layers.Conv3D(2, 2, groups=groups, padding="same", dtype="float64"), x)
    for layer in (layers.ZeroPadding3D(((1, 0), (0, 1), (1, 1)), data_format=data_format, dtype="float64"),
                  layers.Cropping3D(((1, 0), (1, 1), (0, 1)), data_format=data_format, dtype="float64"),
                  layers.UpSampling3D((2, 1, 2), data_format=data_format, dtype="float64"),
                  layers.GlobalAveragePooling3D(data_format=data_format, dtype="float64")):
        _input_gradcheck(layer, x)


def test_max_pooling3d_gradient_routes_to_the_maximum() -> None:
    # TF's MaxPool3D has no float64 kernel: the float32 gradient of sum(y) is 1 at each window's maximum
    v = np.random.default_rng(0).permutation(64).reshape(1, 4, 4, 4, 1).astype(np.float32)
    x = tf.constant(v)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = layers.MaxPooling3D(2)(x)
        g = layers.GlobalMaxPooling3D()(x)
    windows = v.reshape(1, 2, 2, 2, 2, 2, 2, 1).transpose(0, 1, 3, 5, 2, 4, 6, 7).reshape(8, 8)
    expected = (windows == windows.max(1, keepdims=True)).astype(np.float32)
    expected = expected.reshape(1, 2, 2, 2, 2, 2, 2, 1).transpose(0, 1, 4, 2, 5, 3, 6, 7).reshape(v.shape)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), expected)
    np.testing.assert_array_equal(tape.gradient(g, x).numpy(), (v == v.max()).astype(np.float32))


def test_average_pooling3d_gradient_is_the_spread_window_mean() -> None:
    # TF's AvgPool3D has no float64 kernel: check the float32 gradient against the adjoint formula
    x = tf.constant(np.random.default_rng(1).normal(size=(1, 4, 4, 2, 1)).astype(np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layers.AveragePooling3D((2, 2, 1))(x)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), np.full((1, 4, 4, 2, 1), 0.25, np.float32))


@_SETTINGS
@given(st.sampled_from([(2, -1), (4, -1), (-1, -1), (3, 1)]), st.booleans(), st.integers(0, 2**16))
def test_group_and_unit_normalization(groups_axis: tuple, center: bool, seed: int) -> None:
    groups, axis = groups_axis
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, 3, 5, 4))
    layer = layers.GroupNormalization(groups, axis=axis, center=center, dtype="float64")
    _input_gradcheck(layer, x)
    _weight_gradcheck(layers.GroupNormalization(groups, axis=axis, center=center, dtype="float64"), x)
    _input_gradcheck(layers.UnitNormalization(axis=[1, 2], dtype="float64"), x)


def test_group_normalization_instance_matches_numpy() -> None:
    x = np.random.default_rng(1).normal(size=(2, 3, 4, 6))
    y = layers.GroupNormalization(3, epsilon=1e-5, dtype="float64")(x).numpy()
    g = x.reshape(2, 3, 4, 3, 2)
    expected = (g - g.mean(axis=(1, 2, 4), keepdims=True)) / np.sqrt(g.var(axis=(1, 2, 4), keepdims=True) + 1e-5)
    np.testing.assert_allclose(y, expected.reshape(x.shape), rtol=1e-10, atol=1e-10)


def test_normalization_adapt_batches_equals_whole_array() -> None:
    data = np.random.default_rng(2).normal(3.0, 2.0, size=(17, 4))
    whole = layers.Normalization(dtype="float64")
    whole.adapt(data)
    batched = layers.Normalization(dtype="float64")
    batched.adapt(tf.data.Dataset.from_tensor_slices(data).batch(5))
    np.testing.assert_allclose(batched.adapt_mean.numpy(), data.mean(0), rtol=1e-6)
    np.testing.assert_allclose(batched.adapt_variance.numpy(), data.var(0), rtol=1e-6)
    np.testing.assert_allclose(whole(data).numpy(), batched(data).numpy(), rtol=1e-5, atol=1e-6)
    back = layers.Normalization(mean=whole.adapt_mean.numpy(), variance=whole.adapt_variance.numpy(),
                                invert=True, dtype="float64")
    np.testing.assert_allclose(back(whole(data)).numpy(), data, rtol=1e-6, atol=1e-6)


def test_resizing_and_center_crop_gradients() -> None:
    x = np.random.default_rng(3).normal(size=(1, 5, 6, 2))
    _input_gradcheck(layers.CenterCrop(3, 3, dtype="float64"), x)
    # tf.image.resize computes in float32 (as TF's kernels), too coarse for finite differences: the
    # resizes are linear, so check the adjoint identity <J x, v> == <x, J^T v> instead
    v = np.random.default_rng(4).normal(size=(1, 3, 4, 2)).astype(np.float32)
    for layer in (layers.Resizing(3, 4), layers.Resizing(3, 4, crop_to_aspect_ratio=True),
                  layers.Resizing(3, 4, interpolation="bicubic", pad_to_aspect_ratio=True),
                  layers.CenterCrop(3, 4, dtype="float32")):
        xt = tf.constant(x.astype(np.float32))
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = layer(xt)
            inner = tf.reduce_sum(y * v)
        grad = tape.gradient(inner, xt).numpy()
        np.testing.assert_allclose(float(np.sum(grad * xt.numpy())), float(inner), rtol=1e-4)


def test_conv3d_grouped_equals_separate_convolutions() -> None:
    x = np.random.default_rng(4).normal(size=(1, 3, 3, 3, 4)).astype(np.float32)
    layer = layers.Conv3D(4, 2, groups=2, use_bias=False)
    layer.build(x.shape)
    k = layer.kernel.numpy()
    y = layer(x).numpy()
    parts = [tf.nn.conv3d(x[..., 2 * g:2 * g + 2], k[..., 2 * g:2 * g + 2], [1] * 5, "VALID").numpy()
             for g in range(2)]
    np.testing.assert_allclose(y, np.concatenate(parts, -1), rtol=1e-6)


@pytest.mark.parametrize("make", [lambda: layers.Conv1DTranspose(2, 3, strides=2, name="t"),
                                  lambda: layers.SeparableConv2D(4, 3, depth_multiplier=2, name="s"),
                                  lambda: layers.GroupNormalization(2, name="g"),
                                  lambda: layers.ZeroPadding3D(2, name="z"),
                                  lambda: layers.Resizing(3, 4, name="r")])
def test_from_config_round_trip(make: object) -> None:
    layer = make()
    assert type(layer).from_config(layer.get_config()).get_config() == layer.get_config()
