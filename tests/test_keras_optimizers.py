"""tf.keras.optimizers and schedules against NumPy references of Keras 3.15's update rules (spec
sections 12 and 13), over hypothesis-drawn shapes, values and hyperparameters; plus the mechanics
the conformance area records from TensorFlow (names, None gradients, errors) where a unit test can
say more (caches, subclasses, sparse rows, accumulation)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tfshim as tf

K = tf.keras
OPT = K.optimizers
S = OPT.schedules

SHAPES = hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=4)


def _values(shape: tuple, low: float = -2.0, high: float = 2.0) -> st.SearchStrategy:
    return hnp.arrays(np.float64, shape, elements=st.floats(low, high, allow_nan=False, width=32))


# -- NumPy references (float64) of each update rule; t is 1 on the first step --------------------------
def _ref_sgd(w, grads, lr, momentum=0.0, nesterov=False):
    m = np.zeros_like(w)
    for g in grads:
        if momentum == 0:
            w = w - lr * g
            continue
        m = momentum * m - lr * g
        w = w + (momentum * m - lr * g if nesterov else m)
    return w


def _ref_adam(w, grads, lr, b1=0.9, b2=0.999, eps=1e-7, amsgrad=False, wd=None):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    vhat = np.zeros_like(w)
    for t, g in enumerate(grads, 1):
        if wd is not None:
            w = w - w * wd * lr
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        alpha = lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        if amsgrad:
            vhat = np.maximum(vhat, v)
            w = w - alpha * m / (np.sqrt(vhat) + eps)
        else:
            w = w - alpha * m / (np.sqrt(v) + eps)
    return w


def _ref_rmsprop(w, grads, lr, rho=0.9, momentum=0.0, eps=1e-7, centered=False):
    v = np.zeros_like(w)
    a = np.zeros_like(w)
    mom = np.zeros_like(w)
    for g in grads:
        v = rho * v + (1 - rho) * g * g
        if centered:
            a = rho * a + (1 - rho) * g
            den = v - a * a + eps
        else:
            den = v + eps
        inc = lr * g / np.sqrt(den)
        if momentum > 0:
            mom = momentum * mom + inc
            w = w - mom
        else:
            w = w - inc
    return w


def _ref_adagrad(w, grads, lr, init=0.1, eps=1e-7):
    acc = np.full_like(w, init)
    for g in grads:
        acc = acc + g * g
        w = w - lr * g / np.sqrt(acc + eps)
    return w


def _ref_adadelta(w, grads, lr, rho=0.95, eps=1e-7):
    eg = np.zeros_like(w)
    edx = np.zeros_like(w)
    for g in grads:
        eg = rho * eg + (1 - rho) * g * g
        delta = -np.sqrt(edx + eps) * g / np.sqrt(eg + eps)
        edx = rho * edx + (1 - rho) * delta * delta
        w = w + lr * delta
    return w


def _ref_adamax(w, grads, lr, b1=0.9, b2=0.999, eps=1e-7):
    m = np.zeros_like(w)
    u = np.zeros_like(w)
    for t, g in enumerate(grads, 1):
        m = m + (g - m) * (1 - b1)
        u = np.maximum(b2 * u, np.abs(g))
        w = w - lr * m / ((1 - b1**t) * (u + eps))
    return w


def _ref_nadam(w, grads, lr, b1=0.9, b2=0.999, eps=1e-7):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    product = 1.0
    for t, g in enumerate(grads, 1):
        mu_t = b1 * (1 - 0.5 * 0.96**t)
        mu_next = b1 * (1 - 0.5 * 0.96 ** (t + 1))
        product = product * mu_t
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        m_hat = mu_next * m / (1 - product * mu_next) + (1 - mu_t) * g / (1 - product)
        v_hat = v / (1 - b2**t)
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w


def _ref_lion(w, grads, lr, b1=0.9, b2=0.99):
    m = np.zeros_like(w)
    for g in grads:
        w = w - lr * np.sign(b1 * m + (1 - b1) * g)
        m = b2 * m + (1 - b2) * g
    return w


def _ref_ftrl(w, grads, lr, power=-0.5, init=0.1, l1=0.0, l2=0.0, shrink=0.0, beta=0.0):
    acc = np.full_like(w, init)
    lin = np.zeros_like(w)
    for g in grads:
        l2p = l2 + beta / (2 * lr)
        g_shr = g + 2 * shrink * w
        new_acc = acc + g * g
        lin = lin + g_shr - (new_acc ** (-power) - acc ** (-power)) / lr * w
        quad = new_acc ** (-power) / lr + 2 * l2p
        w = (np.clip(lin, -l1, l1) - lin) / quad
        acc = new_acc
    return w


def _run(opt, w0, grads, dtype=np.float32):
    v = tf.Variable(w0.astype(dtype))
    for g in grads:
        opt.apply_gradients([(tf.constant(g.astype(dtype)), v)])
    return v.numpy()


def _grads(shape, steps=4):
    return st.lists(_values(shape), min_size=steps, max_size=steps)


CASES = [
    ("SGD", lambda: OPT.SGD(0.1), lambda w, g: _ref_sgd(w, g, 0.1)),
    ("SGD momentum", lambda: OPT.SGD(0.1, momentum=0.9), lambda w, g: _ref_sgd(w, g, 0.1, 0.9)),
    ("SGD nesterov", lambda: OPT.SGD(0.05, momentum=0.5, nesterov=True),
     lambda w, g: _ref_sgd(w, g, 0.05, 0.5, True)),
    ("Adam", lambda: OPT.Adam(0.1), lambda w, g: _ref_adam(w, g, 0.1)),
    ("Adam amsgrad", lambda: OPT.Adam(0.1, amsgrad=True), lambda w, g: _ref_adam(w, g, 0.1, amsgrad=True)),
    ("Adam eps", lambda: OPT.Adam(0.05, beta_1=0.5, beta_2=0.8, epsilon=0.5),
     lambda w, g: _ref_adam(w, g, 0.05, 0.5, 0.8, 0.5)),
    ("AdamW", lambda: OPT.AdamW(0.1, weight_decay=0.2), lambda w, g: _ref_adam(w, g, 0.1, wd=0.2)),
    ("RMSprop", lambda: OPT.RMSprop(0.05), lambda w, g: _ref_rmsprop(w, g, 0.05)),
    ("RMSprop momentum centered", lambda: OPT.RMSprop(0.05, rho=0.8, momentum=0.5, centered=True),
     lambda w, g: _ref_rmsprop(w, g, 0.05, 0.8, 0.5, centered=True)),
    ("Adagrad", lambda: OPT.Adagrad(0.5, initial_accumulator_value=0.3),
     lambda w, g: _ref_adagrad(w, g, 0.5, 0.3)),
    ("Adadelta", lambda: OPT.Adadelta(1.0, rho=0.9), lambda w, g: _ref_adadelta(w, g, 1.0, 0.9)),
    ("Adamax", lambda: OPT.Adamax(0.1, beta_2=0.9), lambda w, g: _ref_adamax(w, g, 0.1, b2=0.9)),
    ("Nadam", lambda: OPT.Nadam(0.1), lambda w, g: _ref_nadam(w, g, 0.1)),
    ("Ftrl", lambda: OPT.Ftrl(0.5, l1_regularization_strength=0.01, l2_regularization_strength=0.1, beta=0.5,
                            l2_shrinkage_regularization_strength=0.05),
     lambda w, g: _ref_ftrl(w, g, 0.5, l1=0.01, l2=0.1, shrink=0.05, beta=0.5)),
]


@pytest.mark.parametrize("label,make,ref", CASES, ids=[c[0] for c in CASES])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_update_rule_matches_reference(label, make, ref, data):
    shape = data.draw(SHAPES)
    w0 = data.draw(_values(shape))
    grads = data.draw(_grads(shape))
    got = _run(make(), w0, grads)
    assert got.dtype == np.float32 and got.shape == shape
    np.testing.assert_allclose(got, ref(w0, grads), rtol=2e-4, atol=2e-5)


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_lion_matches_reference(data):
    shape = data.draw(SHAPES)
    w0 = data.draw(_values(shape))
    # one gradient repeated: m keeps g's sign, so no sign() argument comes near 0 (where float32
    # rounding could flip it)
    mags = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(0.25, 2.0, width=32)))
    signs = data.draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0])))
    grads = [mags * signs] * 3
    got = _run(OPT.Lion(0.05, beta_1=0.5, beta_2=0.9), w0, grads)
    np.testing.assert_allclose(got, _ref_lion(w0, grads, 0.05, 0.5, 0.9), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("label,make,ref", CASES[:8], ids=[c[0] for c in CASES[:8]])
def test_float64_variables_follow_the_reference_closely(label, make, ref):
    rng = np.random.default_rng(3)
    w0 = rng.uniform(-1, 1, (3, 2))
    grads = [rng.uniform(-1, 1, (3, 2)) for _ in range(5)]
    got = _run(make(), w0, grads, dtype=np.float64)
    assert got.dtype == np.float64
    # Keras casts some hyperparameters through float32 (tf.cast(0.9, float64) is 0.89999997...), and
    # the rate variable is float32: close to the exact float64 reference, not equal (the
    # conformance area checks the exact values against TensorFlow)
    np.testing.assert_allclose(got, ref(w0, grads), rtol=5e-5, atol=1e-6)


# -- clipping -----------------------------------------------------------------------------------------
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_clipping_matches_reference(data):
    shape = data.draw(SHAPES)
    g1 = data.draw(_values(shape, -3, 3))
    g2 = data.draw(_values((3,), -3, 3))
    c = data.draw(st.floats(0.1, 3.0))
    for kind in ("clipnorm", "clipvalue", "global_clipnorm"):
        a = tf.Variable(np.zeros(shape, np.float32))
        b = tf.Variable(np.zeros((3,), np.float32))
        opt = OPT.SGD(1.0, **{kind: c})
        opt.apply_gradients([(tf.constant(g1.astype(np.float32)), a), (tf.constant(g2.astype(np.float32)), b)])
        if kind == "clipnorm":
            exp = [g * min(1.0, c / np.linalg.norm(g)) if np.linalg.norm(g) > 0 else g for g in (g1, g2)]
        elif kind == "clipvalue":
            exp = [np.clip(g, -c, c) for g in (g1, g2)]
        else:
            norm = math.sqrt(np.sum(g1 * g1) + np.sum(g2 * g2))
            exp = [g * c * min(1 / norm, 1 / c) if norm > 0 else g for g in (g1, g2)]  # 1/0 = inf: scale 1
        np.testing.assert_allclose(-a.numpy(), exp[0], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(-b.numpy(), exp[1], rtol=1e-5, atol=1e-6)


# -- schedules ----------------------------------------------------------------------------------------
def _ref_cosine(lr0, steps, alpha, step):
    step = min(step, steps)
    return lr0 * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * step / steps)) + alpha)


SCHEDULES = [
    (lambda: S.ExponentialDecay(0.1, 4, 0.5), lambda s: 0.1 * 0.5 ** (s / 4)),
    (lambda: S.ExponentialDecay(0.1, 4, 0.5, staircase=True), lambda s: 0.1 * 0.5 ** (s // 4)),
    (lambda: S.PiecewiseConstantDecay([3, 6], [1.0, 0.4, 0.1]), lambda s: 1.0 if s <= 3 else 0.4 if s <= 6 else 0.1),
    (lambda: S.PolynomialDecay(0.1, 10, 0.01, power=2.0),
     lambda s: (0.1 - 0.01) * (1 - min(s, 10) / 10) ** 2 + 0.01),
    (lambda: S.PolynomialDecay(0.1, 4, 0.01, cycle=True),
     lambda s: (0.1 - 0.01) * (1 - s / (4 * max(1, math.ceil(s / 4)))) + 0.01),
    (lambda: S.InverseTimeDecay(0.1, 2, 0.5), lambda s: 0.1 / (1 + 0.5 * s / 2)),
    (lambda: S.InverseTimeDecay(0.1, 3, 0.5, staircase=True), lambda s: 0.1 / (1 + 0.5 * (s // 3))),
    (lambda: S.CosineDecay(0.1, 10, alpha=0.2), lambda s: _ref_cosine(0.1, 10, 0.2, s)),
    (lambda: S.CosineDecay(0.0, 8, warmup_target=0.1, warmup_steps=4),
     lambda s: 0.1 * s / 4 if s < 4 else _ref_cosine(0.1, 8, 0.0, min(s, 12) - 4)),
    (lambda: S.CosineDecayRestarts(0.1, 5), None),
]


@pytest.mark.parametrize("index", range(len(SCHEDULES)))
def test_schedule_values(index):
    make, ref = SCHEDULES[index]
    schedule = make()
    for step in range(0, 30):
        got = schedule(step)
        assert got.dtype == tf.float32 and got.shape == ()
        if ref is None:
            # SGDR: the period starting at step 0 lasts 5 steps, the next 10: lr0 again at 5 and 15
            if step in (0, 5, 15):
                np.testing.assert_allclose(got.numpy(), 0.1, rtol=1e-6)
            continue
        np.testing.assert_allclose(got.numpy(), ref(step), rtol=2e-6, atol=1e-8)


def test_schedule_accepts_tensors_and_variables():
    s = S.ExponentialDecay(0.1, 4, 0.5)
    expect = s(3).numpy()
    for step in (tf.constant(3), tf.constant(3, tf.int64), np.int64(3), tf.Variable(3), K.Variable(3)):
        assert s(step).numpy() == expect


# -- mechanics ----------------------------------------------------------------------------------------
def test_variables_names_and_order():
    K.backend.clear_session()
    opt = OPT.Adam(amsgrad=True)
    kv = K.Variable(np.ones((3, 2), np.float32), name="kernel")
    plain = tf.Variable([1.0, 2.0], name="fc/bias")
    opt.build([kv, plain])
    assert [v.path for v in opt.variables] == [
        "adam/iteration", "adam/learning_rate", "adam/kernel_momentum", "adam/kernel_velocity",
        "adam/fc_bias_0_momentum", "adam/fc_bias_0_velocity", "adam/kernel_velocity_hat",
        "adam/fc_bias_0_velocity_hat"]
    assert all(isinstance(v, K.Variable) for v in opt.variables)
    assert opt.variables[0].dtype == "int64" and opt.variables[2].value.name == "adam/kernel_momentum:0"


def test_none_gradients_skip_and_warn():
    opt = OPT.SGD(0.1, momentum=0.9)
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['b:0'\]"):
        opt.apply_gradients([(tf.constant(1.0), a), (None, b)])
    assert b.numpy() == 2.0 and opt.iterations.numpy() == 1
    np.testing.assert_allclose(a.numpy(), 0.9)
    with pytest.raises(ValueError, match="No gradients provided"):
        opt.apply_gradients([(None, a), (None, b)])


def test_changing_hyperparameters_after_a_step_is_seen():
    """The per-dtype constant cache is keyed by the hyperparameter values."""
    w0 = np.array([1.0, -1.0], np.float32)
    grads = [np.array([0.5, 0.25], np.float32)] * 3
    opt = OPT.Adam(0.1)
    v = tf.Variable(w0)
    opt.apply_gradients([(tf.constant(grads[0]), v)])
    opt.beta_1 = 0.5
    opt.apply_gradients([(tf.constant(grads[1]), v)])
    # reference: two steps, the second with beta_1 = 0.5
    m = (grads[0] - 0) * (1 - 0.9)
    s = (grads[0] ** 2) * (1 - 0.999)
    w = w0 - 0.1 * math.sqrt(1 - 0.999) / (1 - 0.9) * m / (np.sqrt(s) + 1e-7)
    m = m + (grads[1] - m) * (1 - 0.5)
    s = s + (grads[1] ** 2 - s) * (1 - 0.999)
    w = w - 0.1 * math.sqrt(1 - 0.999**2) / (1 - 0.5**2) * m / (np.sqrt(s) + 1e-7)
    np.testing.assert_allclose(v.numpy(), w, rtol=1e-5)


def test_custom_update_step_overrides_the_builtin():
    calls = []

    class Counting(OPT.SGD):
        def update_step(self, gradient, variable, learning_rate):
            calls.append(variable)
            super().update_step(gradient, variable, learning_rate)

    opt = Counting(0.5)
    v = tf.Variable([1.0])
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert calls == [v] and v.numpy()[0] == pytest.approx(0.5)


def test_base_optimizer_update_step_raises():
    opt = OPT.Optimizer(0.1)
    with pytest.raises(NotImplementedError):
        opt.apply_gradients([(tf.constant(1.0), tf.Variable(1.0))])


def test_sparse_gradients():
    table = np.arange(12, dtype=np.float32).reshape(4, 3)
    g = tf.IndexedSlices(tf.constant([[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [3.0, 3.0, 3.0]]), tf.constant([0, 2, 0]),
                         tf.constant([4, 3]))
    # SGD: only rows 0 and 2 move, row 0 by the summed gradient
    v = tf.Variable(table)
    OPT.SGD(0.1).apply_gradients([(g, v)])
    np.testing.assert_allclose(v.numpy(), table - 0.1 * np.array([[4] * 3, [0] * 3, [2] * 3, [0] * 3]), rtol=1e-6)
    # Adagrad: per occurrence: acc += 1 + 9 on row 0, then two steps with the new acc
    v = tf.Variable(table)
    OPT.Adagrad(0.1).apply_gradients([(g, v)])
    acc0 = 0.1 + 1 + 9
    np.testing.assert_allclose(v.numpy()[0], table[0] - 0.1 * (1 + 3) / math.sqrt(acc0 + 1e-7), rtol=1e-6)
    np.testing.assert_allclose(v.numpy()[1], table[1])
    # Adam: second moment adds the per-occurrence squares: v = (1 + 9) * 0.001 on row 0
    opt = OPT.Adam(0.1)
    v = tf.Variable(table)
    opt.apply_gradients([(g, v)])
    np.testing.assert_allclose(opt.variables[3].numpy()[0], 10 * 0.001, rtol=1e-5)
    np.testing.assert_allclose(opt.variables[2].numpy()[0], 4 * 0.1, rtol=1e-5)


def test_gradient_accumulation_averages():
    opt = OPT.SGD(1.0, gradient_accumulation_steps=2)
    v = tf.Variable([0.0])
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == 0.0
    opt.apply_gradients([(tf.constant([3.0]), v)])
    assert v.numpy()[0] == pytest.approx(-2.0)
    assert int(opt.iterations) == 1 and opt._iterations.numpy() == 2


def test_apply_under_a_tape_leaves_gradients_alone():
    v = tf.Variable([1.0, 2.0])
    opt = OPT.Adam(0.1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(v * v)
        grads = tape.gradient(loss, [v])
    opt.apply_gradients(zip(grads, [v]))
    np.testing.assert_allclose(v.numpy(), [0.9, 1.9], rtol=1e-5)


def test_learning_rate_setter_and_types():
    opt = OPT.SGD(0.1)
    opt.learning_rate = 2
    assert opt.learning_rate.numpy() == 2.0
    with pytest.raises(ValueError, match="should be float"):
        OPT.SGD(2)
    sched = OPT.SGD(S.ExponentialDecay(0.1, 1, 0.5))
    with pytest.raises(TypeError, match="not settable"):
        sched.learning_rate = 0.3


def test_get_and_config_round_trip():
    opt = OPT.get("rmsprop")
    assert type(opt) is OPT.RMSprop
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        OPT.get("nope")
    config = OPT.Adam(S.CosineDecay(0.1, 5), amsgrad=True, name="a").get_config()
    again = OPT.Adam.from_config(config)
    assert again.amsgrad and isinstance(again._learning_rate, S.CosineDecay)


def test_legacy_raises_import_error():
    with pytest.raises(ImportError):
        OPT.legacy.Adam()


def test_decay_warns():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        OPT.SGD(decay=0.1)
    assert [str(w.message) for w in caught] == ["Argument `decay` is no longer supported and will be ignored."]
