"""tf.keras built-in layers: values against NumPy formulas, gradients (inputs and weights) against
finite differences over hypothesis-drawn shapes and values, shapes/configs/round trips, and the
seeding contract. TF's exact outputs are recorded in conformance/cases/keras_layers.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order, numeric_gradient

K = tf.keras
L = tf.keras.layers
_SEEDS = st.integers(0, 2**16)


def _rand(shape: tuple, seed: int, low: float = -2.0, high: float = 2.0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(low, high, size=shape)


def _away_from(x: np.ndarray, kinks: tuple) -> np.ndarray:
    for k in kinks:
        close = np.abs(x - k) < 0.05
        x = np.where(close, k + 0.1 * np.sign(x - k + 1e-12), x)
    return x


def _check_weight_gradients(layer: object, inputs: list, rtol: float = 1e-5, atol: float = 1e-6) -> None:
    """The tape's gradient w.r.t. each trainable weight against central differences (float64 layer)."""
    xs = [tf.constant(x) for x in inputs]
    arg = xs if len(xs) > 1 else xs[0]
    w_out = None

    def loss() -> float:
        y = layer(arg)
        nonlocal w_out
        if w_out is None:
            w_out = tf.constant(np.random.default_rng(0).uniform(0.5, 1.5, size=tuple(y.shape)))
        return tf.reduce_sum(tf.cast(y, tf.float64) * w_out)

    loss()
    variables = layer.trainable_variables
    with tf.GradientTape() as tape:
        value = loss()
    grads = tape.gradient(value, variables)
    assert float(value) == float(loss())
    for var, grad in zip(variables, grads):
        base = var.numpy().astype(np.float64)

        def at(w: np.ndarray, var: object = var) -> float:
            var.assign(w)
            return float(loss())

        expected = numeric_gradient(at, [base])[0]
        var.assign(base)
        np.testing.assert_allclose(np.asarray(tf.convert_to_tensor(grad)), expected, rtol=rtol, atol=atol,
                                   err_msg=f"gradient of {var.path}")


# ---------------------------------------------------------------- Dense / EinsumDense
@settings(max_examples=10)
@given(batch=st.integers(1, 3), fan_in=st.integers(1, 4), units=st.integers(1, 3), rank3=st.booleans(),
       act=st.sampled_from(["linear", "tanh", "sigmoid", "softplus"]), seed=_SEEDS)
def test_dense_gradients(batch, fan_in, units, rank3, act, seed):
    layer = L.Dense(units, activation=act, dtype="float64",
                    kernel_initializer=K.initializers.RandomUniform(-1, 1, seed=seed),
                    bias_initializer=K.initializers.RandomUniform(-1, 1, seed=seed + 1))
    shape = (batch, 2, fan_in) if rank3 else (batch, fan_in)
    x = _rand(shape, seed)
    check_gradients(layer, [x])
    _check_weight_gradients(layer, [x])
    k, b = layer.get_weights()
    ref = x @ k + b
    out = np.asarray(layer(x))
    assert out.shape == (*shape[:-1], units)
    if act == "linear":
        np.testing.assert_allclose(out, ref, rtol=1e-12)


def test_dense_second_order():
    layer = L.Dense(2, activation="tanh", dtype="float64",
                    kernel_initializer=K.initializers.RandomUniform(-1, 1, seed=1))
    check_second_order(layer, [_rand((2, 3), 0)])


def test_dense_basics():
    d = L.Dense(3, name="proj")
    assert repr(d) == "<Dense name=proj, built=False>"
    with pytest.raises(AttributeError):
        d.kernel  # noqa: B018
    y = d(np.ones((2, 4)))
    assert y.dtype == tf.float32 and y.shape == (2, 3)
    assert [w.path for w in d.weights] == ["proj/kernel", "proj/bias"]
    assert d.count_params() == 15
    assert d.compute_output_shape((None, 7, 4)) == (None, 7, 3)
    with pytest.raises(ValueError):
        d(np.ones((2, 5)))
    with pytest.raises(ValueError):
        L.Dense(0)
    nobias = L.Dense(2, use_bias=False)
    nobias.build((None, 3))
    assert nobias.bias is None and len(nobias.weights) == 1
    back = L.Dense.from_config(d.get_config())
    assert back.get_config() == d.get_config()


@pytest.mark.parametrize("equation,out,bias,shape", [
    ("ab,bc->ac", 4, "c", (2, 3)), ("abc,cd->abd", (5, 4), "d", (2, 5, 3)),
    ("...b,bc->...c", 4, None, (2, 5, 3)), ("abc,cde->abde", (3, 2, 4), "de", (2, 3, 5)),
    ("ab...,bc->ac...", (4, 3), "c", (2, 5, 3))])
def test_einsum_dense_gradients(equation, out, bias, shape):
    layer = L.EinsumDense(equation, out, bias_axes=bias, dtype="float64",
                          kernel_initializer=K.initializers.RandomUniform(-1, 1, seed=3),
                          bias_initializer=K.initializers.RandomUniform(-1, 1, seed=4))
    x = _rand(shape, 5)
    check_gradients(layer, [x])
    _check_weight_gradients(layer, [x])
    if "...," not in equation:  # right-elided equations: Keras's compute_output_shape appends the
        # elided axes to an output_shape that already holds them (recorded as TF does it)
        assert tuple(layer(x).shape)[1:] == tuple(layer.compute_output_shape((None, *shape[1:])))[1:]


def test_einsum_dense_fans_use_einsum_axes():
    layer = L.EinsumDense("abc,cde->abde", (3, 2, 4), kernel_initializer=K.initializers.GlorotUniform(seed=1))
    layer.build((None, 3, 5))
    w = layer.get_weights()[0]
    limit = np.sqrt(6 / (5 + 8))  # fan_in = c = 5, fan_out = d*e = 8
    assert w.shape == (5, 2, 4) and np.abs(w).max() <= limit and np.abs(w).max() > 0.8 * limit


# ---------------------------------------------------------------- Embedding
@settings(max_examples=10)
@given(vocab=st.integers(2, 6), dim=st.integers(1, 3), n=st.integers(1, 5), seed=_SEEDS)
def test_embedding_gradient_is_indexed_slices(vocab, dim, n, seed):
    emb = L.Embedding(vocab, dim, dtype="float64",
                      embeddings_initializer=K.initializers.RandomUniform(-1, 1, seed=seed))
    ids = np.random.default_rng(seed).integers(0, vocab, size=(n,))
    with tf.GradientTape() as tape:
        y = emb(ids)
        loss = tf.reduce_sum(y * y)
    g = tape.gradient(loss, emb.embeddings)
    assert isinstance(g, tf.IndexedSlices)
    table = emb.get_weights()[0]
    expected = np.zeros_like(table)
    np.add.at(expected, ids, 2 * table[ids])
    np.testing.assert_allclose(tf.convert_to_tensor(g), expected, rtol=1e-12)
    np.testing.assert_array_equal(y, table[ids])


def test_embedding_mask_and_ids():
    emb = L.Embedding(4, 2, mask_zero=True)
    np.testing.assert_array_equal(emb.compute_mask(tf.constant([0, 2, 0])), [False, True, False])
    assert emb(np.array([1.9])).dtype == tf.float32
    np.testing.assert_array_equal(emb(np.array([-1])), emb(np.array([3])))


# ---------------------------------------------------------------- activation layers
_ACT = [(L.ReLU, {}, (0.0,)), (L.ReLU, {"max_value": 1.5, "negative_slope": 0.1, "threshold": 0.5}, (0.5, 1.5)),
        (L.LeakyReLU, {}, (0.0,)), (L.ELU, {"alpha": 0.5}, (0.0,)), (L.Softmax, {}, ()),
        (L.Softmax, {"axis": (0, 1)}, ()), (L.Activation, {"activation": "gelu"}, ()),
        (L.ThresholdedReLU, {"theta": 0.5}, (0.5,)), (L.Identity, {}, ())]


@pytest.mark.parametrize("index", range(len(_ACT)))
@settings(max_examples=6)
@given(shape=st.sampled_from([(2, 3), (1, 4), (3, 2, 2)]), seed=_SEEDS)
def test_activation_layer_gradients(index, shape, seed):
    cls, kwargs, kinks = _ACT[index]
    layer = cls(dtype="float64", **kwargs)
    check_gradients(layer, [_away_from(_rand(shape, seed), kinks)])


@settings(max_examples=8)
@given(shape=st.sampled_from([(2, 3), (2, 3, 2)]), shared=st.booleans(), seed=_SEEDS)
def test_prelu_gradients(shape, shared, seed):
    layer = L.PReLU(alpha_initializer=K.initializers.RandomUniform(0, 1, seed=seed), dtype="float64",
                    shared_axes=[1] if shared else None)
    x = _away_from(_rand(shape, seed), (0.0,))
    check_gradients(layer, [x])
    _check_weight_gradients(layer, [x])
    alpha = layer.get_weights()[0]
    np.testing.assert_allclose(layer(x), np.where(x > 0, x, alpha * x), rtol=1e-12)


def test_softmax_mask_zeroes_masked_entries():
    s = L.Softmax()
    y = np.asarray(s(tf.constant([[1.0, 2.0, 3.0]]), mask=tf.constant([[True, False, True]])))
    assert y[0, 1] == 0.0
    np.testing.assert_allclose(y.sum(), 1.0, rtol=1e-6)


# ---------------------------------------------------------------- merging
_MERGE = {"Add": lambda xs: sum(xs), "Multiply": lambda xs: np.prod(np.broadcast_arrays(*xs), axis=0),
          "Average": lambda xs: sum(xs) / len(xs), "Maximum": lambda xs: np.maximum.reduce(np.broadcast_arrays(*xs)),
          "Minimum": lambda xs: np.minimum.reduce(np.broadcast_arrays(*xs)),
          "Subtract": lambda xs: xs[0] - xs[1]}


@pytest.mark.parametrize("name", sorted(_MERGE))
@settings(max_examples=8)
@given(batch=st.integers(1, 3), feat=st.integers(1, 4), n=st.integers(2, 3), broadcast=st.booleans(),
       seed=_SEEDS)
def test_merge_layers(name, batch, feat, n, broadcast, seed):
    if name == "Subtract":
        n = 2
    shapes = [(batch, feat)] + [(batch, 1 if broadcast and i == n - 1 else feat) for i in range(1, n)]
    xs = [_rand(s, seed + i) for i, s in enumerate(shapes)]
    if name in ("Maximum", "Minimum"):  # keep ties away
        xs = [x + 0.37 * i for i, x in enumerate(xs)]
    layer = getattr(L, name)(dtype="float64")
    np.testing.assert_allclose(layer(xs), _MERGE[name](xs), rtol=1e-12)
    check_gradients(lambda *ts: layer(list(ts)), xs)


@settings(max_examples=8)
@given(batch=st.integers(1, 3), a=st.integers(1, 3), b=st.integers(1, 3), axis=st.sampled_from([0, 1, -1]),
       seed=_SEEDS)
def test_concatenate(batch, a, b, axis, seed):
    x, y = _rand((batch, a), seed), _rand((batch, b if axis != 0 else a), seed + 1)
    if axis == 0:
        y = _rand((batch + 1, a), seed + 1)
    layer = L.Concatenate(axis=axis, dtype="float64")
    np.testing.assert_array_equal(layer([x, y]), np.concatenate([x, y], axis=axis))
    check_gradients(lambda *ts: layer(list(ts)), [x, y])


@settings(max_examples=8)
@given(case=st.sampled_from([((3, 4), (3, 4), 1), ((2, 3, 4), (2, 4, 5), (2, 1)), ((2, 3, 4), (2, 3, 5), 1),
                             ((2, 4), (2, 4, 3), (1, 1))]), normalize=st.booleans(), seed=_SEEDS)
def test_dot(case, normalize, seed):
    s1, s2, axes = case
    x, y = _rand(s1, seed), _rand(s2, seed + 1)
    layer = L.Dot(axes=axes, normalize=normalize, dtype="float64")
    out = np.asarray(layer([x, y]))
    a0, a1 = (axes, axes) if isinstance(axes, int) else axes
    if normalize:
        x = x / np.linalg.norm(x, axis=a0, keepdims=True)
        y = y / np.linalg.norm(y, axis=a1, keepdims=True)
    ref = np.stack([np.tensordot(x[i], y[i], axes=(a0 - 1, a1 - 1)) for i in range(x.shape[0])])
    np.testing.assert_allclose(out.reshape(ref.shape), ref, rtol=1e-10)
    check_gradients(lambda *ts: layer(list(ts)), [_rand(s1, seed), _rand(s2, seed + 1)], rtol=1e-4)


def test_merge_function_forms_and_errors():
    a, c = np.ones((2, 3), np.float32), np.full((2, 1), 2.0, np.float32)
    np.testing.assert_array_equal(L.add([a, c]), a + c)
    np.testing.assert_array_equal(L.concatenate([a, c]), np.concatenate([a, c], -1))
    np.testing.assert_array_equal(L.dot([a, a], axes=1), [[3.0], [3.0]])
    with pytest.raises(ValueError):
        L.Add()([a, np.ones((2, 4), np.float32)])
    with pytest.raises(ValueError):
        L.Subtract()([a, a, a])


# ---------------------------------------------------------------- reshaping
@settings(max_examples=10)
@given(shape=st.sampled_from([(2, 3, 4), (1, 6), (3, 2, 2, 1)]), seed=_SEEDS)
def test_reshaping_layers(shape, seed):
    x = _rand(shape, seed)
    flat = L.Flatten(dtype="float64")
    np.testing.assert_array_equal(flat(x), x.reshape(shape[0], -1))
    check_gradients(flat, [x])
    rs = L.Reshape((-1, 1), dtype="float64")
    np.testing.assert_array_equal(rs(x), x.reshape(shape[0], -1, 1))
    check_gradients(rs, [x])
    dims = tuple(range(len(shape) - 1, 0, -1))
    perm = L.Permute(dims, dtype="float64")
    np.testing.assert_array_equal(perm(x), np.transpose(x, (0, *dims)))
    check_gradients(perm, [x])
    x2 = x.reshape(shape[0], -1)
    rep = L.RepeatVector(3, dtype="float64")
    np.testing.assert_array_equal(rep(x2), np.repeat(x2[:, None, :], 3, axis=1))
    check_gradients(rep, [x2])


# ---------------------------------------------------------------- regularization
def test_dropout_contract():
    x = np.ones((40, 50), np.float32)
    d = L.Dropout(0.3, seed=1)
    np.testing.assert_array_equal(d(x), x)
    a = np.asarray(d(x, training=True))
    b = np.asarray(d(x, training=True))
    assert set(np.unique(a)) <= {0.0, np.float32(1 / 0.7)}
    assert 0.2 < (a == 0).mean() < 0.4
    assert not np.array_equal(a, b)  # a new seed pair per training call
    again = np.asarray(L.Dropout(0.3, seed=1)(x, training=True))
    np.testing.assert_array_equal(a, again)
    shaped = np.asarray(L.Dropout(0.5, noise_shape=(None, 1), seed=2)(x, training=True))
    assert all(len(set(row)) == 1 for row in shaped)


@settings(max_examples=6)
@given(shape=st.sampled_from([(2, 3), (3, 2, 2)]), seed=_SEEDS)
def test_dropout_gradient_uses_the_same_mask(shape, seed):
    d = L.Dropout(0.5, seed=seed, dtype="float64")
    x = _rand(shape, seed)
    state = d.seed_generator.state.numpy()

    def fixed_mask(t):  # replay the same seed so every finite-difference call sees one mask
        d.seed_generator.state.assign(state)
        return d(t, training=True)

    check_gradients(fixed_mask, [x])


def test_gaussian_noise_and_activity_regularization():
    x = np.zeros((200, 10), np.float32)
    noise = np.asarray(L.GaussianNoise(0.5, seed=3)(x, training=True))
    assert abs(noise.std() - 0.5) < 0.05
    np.testing.assert_array_equal(L.GaussianNoise(0.5)(x), x)
    a = L.ActivityRegularization(l1=0.5)
    a(np.array([[1.0, -2.0], [3.0, 4.0], [0.0, 1.0]]))
    np.testing.assert_allclose(float(a.losses[0]), 0.5 * 11 / 3, rtol=1e-6)


def test_lambda_and_masking():
    lam = L.Lambda(lambda t, k: t * k, arguments={"k": 3.0}, dtype="float64")
    check_gradients(lam, [_rand((2, 3), 0)])
    m = L.Masking()
    np.testing.assert_array_equal(m.compute_mask(tf.constant([[[0.0, 0.0], [1.0, 0.0]]])), [[False, True]])


def test_symbolic_calls_use_compute_output_shape():
    x = K.Input(shape=(3,))
    assert tuple(L.Dense(4)(x).shape) == (None, 4)
    assert tuple(L.RepeatVector(2)(x).shape) == (None, 2, 3)
    assert tuple(L.Concatenate()([x, x]).shape) == (None, 6)
    assert tuple(L.Embedding(5, 2)(K.Input(shape=(7,), dtype="int32")).shape) == (None, 7, 2)


def _replaying(layer: object):
    """The layer in training mode with its SeedGenerator rewound before every call, so the finite
    differences all see one noise draw."""
    state = layer.seed_generator.state.numpy()

    def run(t):
        layer.seed_generator.state.assign(state)
        return layer(t, training=True)

    return run


@pytest.mark.parametrize("make,shape", [
    (lambda: L.GaussianNoise(0.3, seed=1, dtype="float64"), (2, 3)),
    (lambda: L.GaussianDropout(0.3, seed=2, dtype="float64"), (2, 3)),
    (lambda: L.SpatialDropout1D(0.5, seed=3, dtype="float64"), (2, 3, 4)),
    (lambda: L.SpatialDropout2D(0.5, seed=4, dtype="float64"), (2, 2, 2, 3)),
    (lambda: L.SpatialDropout3D(0.5, seed=5, dtype="float64"), (2, 2, 1, 2, 3)),
    (lambda: L.AlphaDropout(0.3, seed=6, dtype="float64"), (3, 4))])
@settings(max_examples=4)
@given(seed=_SEEDS)
def test_noise_layer_gradients(make, shape, seed):
    layer = make()
    check_gradients(_replaying(layer), [_rand(shape, seed)])


def test_spatial_dropout_masks_whole_channels():
    y = np.asarray(L.SpatialDropout1D(0.5, seed=1)(np.ones((4, 5, 6), np.float32), training=True))
    assert all(len(set(y[b, :, c])) == 1 for b in range(4) for c in range(6))
    y = np.asarray(L.SpatialDropout2D(0.5, seed=1, data_format="channels_first")(
        np.ones((2, 3, 4, 4), np.float32), training=True))
    assert all(len(set(y[b, c].ravel())) == 1 for b in range(2) for c in range(3))


def test_alpha_dropout_keeps_selu_statistics():
    x = np.random.default_rng(0).standard_normal((400, 100)).astype(np.float32)
    y = np.asarray(L.AlphaDropout(0.2, seed=3)(x, training=True))
    assert abs(y.mean()) < 0.05 and abs(y.std() - 1.0) < 0.05


@settings(max_examples=8)
@given(shape=st.sampled_from([(2, 3), (3, 2, 2)]), seed=_SEEDS)
def test_masking_and_activity_regularization_gradients(shape, seed):
    x = _rand(shape, seed)
    check_gradients(L.Masking(mask_value=5.0, dtype="float64"), [x])  # nothing masked: the identity
    x[..., 0, :] = 0.0  # a fully masked step: zero output, zero gradient (where() cuts it)
    t = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(t)
        y = L.Masking(dtype="float64")(t)
    g = np.asarray(tape.gradient(y, t))
    np.testing.assert_array_equal(g[..., 0, :], 0.0)
    np.testing.assert_array_equal(np.asarray(y)[..., 0, :], 0.0)
    reg = L.ActivityRegularization(l1=0.1, l2=0.2, dtype="float64")

    def penalty(t):
        reg(t)
        return reg.losses[0]

    check_gradients(penalty, [_away_from(_rand(shape, seed), (0.0,))])


def test_lambda_config_round_trip():
    lam = L.Lambda(lambda t, a=2: t * a, output_shape=(3,))
    cfg = lam.get_config()
    assert cfg["function"]["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match="safe_mode=False"):
        L.Lambda.from_config(cfg)
    back = L.Lambda.from_config(cfg, safe_mode=False)
    assert back.function(3.0) == 6.0 and back.compute_output_shape((None, 5)) == (None, 3)
    assert L.Lambda.from_config(L.Lambda(tf.nn.relu).get_config()).function is K.activations.relu
