"""The Keras core: the Keras variable (ops, tapes, assign, names) and the Layer base class (build,
add_weight, tracking, trainable, losses, training propagation, dtype policy, errors). TF's exact
results are recorded in conformance/cases/keras_models.py; these check the rules directly."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf
from tests.gradcheck import check_gradients, check_second_order

K = tf.keras


@pytest.fixture(autouse=True)
def _fresh_session() -> None:
    K.backend.clear_session()


# -- the Keras variable -------------------------------------------------------------------------------
def test_variable_is_not_a_tf_variable_but_a_tensor() -> None:
    v = K.Variable(np.ones((2, 3), np.float32), name="w")
    assert not isinstance(v, tf.Variable) and not isinstance(tf.Variable(1.0), K.Variable)
    assert tf.is_tensor(v) and isinstance(v.value, tf.Variable)
    assert v.dtype == "float32" and type(v.dtype) is str and v.dtype == tf.float32
    assert v.shape == tf.TensorShape([2, 3]) and v.ndim == 2 and v.path == "w" and v.name == "w"
    with pytest.raises(TypeError):
        hash(v)
    with pytest.raises(TypeError):
        len(v)


def test_variable_in_ops_and_operators() -> None:
    v = K.Variable(np.array([1.0, -2.0], np.float32))
    for out in (v * 2, 2 * v, v + v, -v, tf.square(v), tf.convert_to_tensor(v), v[0]):
        assert isinstance(out, type(tf.constant(1.0)))
    np.testing.assert_array_equal((v * 2).numpy(), [2.0, -4.0])
    np.testing.assert_array_equal(tf.matmul(tf.ones((1, 2)), tf.reshape(v, (2, 1))).numpy(), [[-1.0]])
    np.testing.assert_array_equal(np.array(v), [1.0, -2.0])
    assert (v == v).numpy().tolist() == [True, True]


def test_assign_casts_and_checks_shape() -> None:
    v = K.Variable(np.zeros((2,), np.float32))
    out = v.assign(np.array([3, 4], np.int32))
    assert out.dtype == tf.float32 and v.numpy().tolist() == [3.0, 4.0]
    v.assign_add([1.0, 1.0])
    v.assign_sub(tf.constant([0.5, 0.5]))
    assert v.numpy().tolist() == [3.5, 4.5]
    with pytest.raises(ValueError, match="must match"):
        v.assign(np.zeros(3, np.float32))


def test_unnamed_variables_count_until_clear_session() -> None:
    assert [K.Variable(1.0).name for _ in range(3)] == ["variable", "variable_1", "variable_2"]
    K.backend.clear_session()
    assert K.Variable(1.0).name == "variable"
    with pytest.raises(ValueError):
        K.Variable(1.0, name="a/b")


def test_tape_gradients_through_keras_variables() -> None:
    v = K.Variable(np.array([1.0, 2.0, 3.0], np.float32))
    frozen = K.Variable(1.0, trainable=False)
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(v * v) * frozen
        z = v * 3.0
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), [2.0, 4.0, 6.0])
    assert tape.gradient(y, [v, frozen])[1] is None  # not watched: a non-trainable backing variable
    assert tape.jacobian(z, v).shape == (3, 3)
    assert [w is v.value for w in tape.watched_variables()] == [True]
    with pytest.raises(ValueError, match=r"not tf\.Tensor or tf\.Variable"):
        tape.watch(v)
    zeros = tape.gradient(y, K.Variable(np.ones(2, np.float32)), unconnected_gradients="zero")
    assert zeros.numpy().tolist() == [0.0, 0.0]  # tfshim: better (TF 2.21 raises AttributeError)


def test_frozen_flag_keeps_the_tape_watching() -> None:
    v = K.Variable(2.0)
    v.trainable = False
    assert v.value.trainable
    with tf.GradientTape() as tape:
        y = v * v
    assert float(tape.gradient(y, v)) == 4.0


@settings(max_examples=15, deadline=None)
@given(st.sampled_from([(2,), (2, 3), (3, 1)]), st.integers(0, 2**16))
def test_variable_gradients_match_finite_differences(shape: tuple, seed: int) -> None:
    w0 = np.random.default_rng(seed).uniform(-1.0, 1.0, shape)

    def f(x: tf.Tensor) -> tf.Tensor:
        v = K.Variable(np.ones(shape, np.float64), dtype="float64")
        return tf.sin(x * v) * (v + x)

    check_gradients(f, [w0])
    check_second_order(f, [w0])


# -- the Layer base class ---------------------------------------------------------------------------------
class _Cell(K.layers.Layer):
    def __init__(self, units: int = 2, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.fc = K.layers.Dense(units, name="fc", dtype=self.dtype_policy)

    def build(self, input_shape: tuple) -> None:
        self.seen = input_shape
        self.gain = self.add_weight(shape=(), initializer="ones", name="gain")
        self.state = self.add_weight(shape=(self.units,), initializer="zeros", trainable=False, name="state")

    def call(self, x: tf.Tensor, training: object = None) -> tf.Tensor:
        self.training_seen = training
        return self.fc(x) * self.gain


def test_build_on_first_call_and_weights_order() -> None:
    c = _Cell(name="cell")
    assert not c.built and c.weights == []
    y = c(np.ones((4, 3)))
    assert c.built and c.seen == (4, 3) and y.dtype == tf.float32 and y.shape == (4, 2)
    assert [w.path for w in c.weights] == ["cell/gain", "cell/state", "cell/fc/kernel", "cell/fc/bias"]
    assert [w.path for w in c.trainable_weights] == ["cell/gain", "cell/fc/kernel", "cell/fc/bias"]
    assert [w.path for w in c.non_trainable_weights] == ["cell/state"]
    assert c.count_params() == 1 + 2 + 6 + 2
    with pytest.raises(ValueError, match="already built"):
        c.add_weight(shape=(1,))


def test_get_set_weights() -> None:
    d = K.layers.Dense(2)
    d.build((None, 3))
    d.set_weights([np.ones((3, 2)), np.zeros(2)])
    assert d.kernel.dtype == "float32" and d.get_weights()[0].tolist() == [[1.0, 1.0]] * 3
    with pytest.raises(ValueError, match="expecting 2 weights"):
        d.set_weights([np.ones((3, 2))])
    with pytest.raises(ValueError, match="not compatible"):
        d.set_weights([np.full((3, 2), 5.0), np.zeros(3)])
    assert d.kernel.numpy()[0, 0] == 5.0  # assigned one by one


def test_trainable_moves_weights_and_recurses() -> None:
    a = K.layers.Dense(2, trainable=False)
    m = K.Sequential([K.Input((3,)), a, K.layers.Dense(1)])
    assert len(m.trainable_weights) == 2 and len(m.non_trainable_weights) == 2
    m.trainable = True  # the value it already has: a no-op (TF's quirk)
    assert not a.trainable
    m.trainable = False
    assert m.trainable_variables == [] and len(m.non_trainable_variables) == 4
    m.trainable = True
    assert a.trainable and len(m.trainable_weights) == 4


def test_training_propagates_and_defaults() -> None:
    c = _Cell()
    outer = K.Sequential([c])
    outer(np.ones((1, 3)), training=True)
    assert c.training_seen is True
    outer(np.ones((1, 3)))
    assert c.training_seen is None

    class Default(K.layers.Layer):
        def call(self, x: tf.Tensor, training: bool = True) -> tf.Tensor:
            self.got = training
            return x

    d = Default()
    d(np.ones(2))
    assert d.got is True


def test_call_signature_is_read_once_per_class(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = inspect.signature

    def counting(*args: object, **kwargs: object) -> inspect.Signature:
        calls.append(args)
        return real(*args, **kwargs)

    d = K.layers.Dense(2)
    x = tf.ones((2, 3))
    d(x)
    monkeypatch.setattr(inspect, "signature", counting)
    for _ in range(5):
        d(x, training=True)
    K.layers.Dense(3)(x)  # a new instance of a class already seen: no new signature parse either
    assert not [c for c in calls if getattr(c[0], "__name__", "") == "call"]


def test_losses_cleared_per_outer_call_and_ordered() -> None:
    class Lossy(K.layers.Layer):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)
            self.d = K.layers.Dense(1, kernel_regularizer=K.regularizers.L2(0.1), kernel_initializer="ones")

        def call(self, x: tf.Tensor) -> tf.Tensor:
            self.add_loss(tf.constant(1.0))
            return self.d(x)

    a, b = Lossy(), Lossy()
    m = K.Sequential([K.Input((2,)), a, b])
    assert len(m.losses) == 2  # weight regularizers exist right after build
    m(np.ones((3, 2)))
    m(np.ones((3, 2)))
    values = [float(t) for t in m.losses]
    assert values == pytest.approx([1.0, 1.0, 0.2, 0.1])


def test_activity_regularizer_divides_by_batch() -> None:
    class Identity(K.layers.Layer):
        def call(self, x: tf.Tensor) -> tf.Tensor:
            return x

    layer = Identity(activity_regularizer=K.regularizers.L1(0.5))
    layer(tf.constant([[1.0, -2.0], [3.0, 0.0], [-5.0, 0.0]]))
    assert float(layer.losses[0]) == pytest.approx(0.5 * 11 / 3)


def test_dtype_policy_autocasts_floats_only() -> None:
    class Mat(K.layers.Layer):
        def build(self, input_shape: tuple) -> None:
            self.w = self.add_weight(shape=(input_shape[-1], 1), initializer="ones")

        def call(self, x: tf.Tensor) -> tf.Tensor:
            return tf.matmul(x, self.w)

    m = Mat()
    assert m(np.ones((2, 3))).dtype == tf.float32
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Exception encountered when calling Mat\.call"):
        m(np.ones((2, 3), np.int32))
    assert Mat(dtype="float64")(np.ones((2, 3), np.float32)).dtype == tf.float64
    assert Mat(dtype="float64", autocast=False)(np.ones((2, 3))).dtype == tf.float64
    assert repr(K.layers.Dense(1).dtype_policy) == '<DTypePolicy "float32">'


def test_global_policy_fixed_until_clear_session() -> None:
    K.backend.set_floatx("float64")
    try:
        assert K.layers.Dense(1).dtype == "float64"
        K.backend.set_floatx("float32")
        assert K.layers.Dense(1).dtype == "float64"  # the quirk: fixed by the first layer
        K.backend.clear_session()
        assert K.layers.Dense(1).dtype == "float32"
    finally:
        K.backend.set_floatx("float32")
        K.backend.clear_session()


def test_auto_names_and_errors() -> None:
    class ResidualUnit(K.layers.Layer):
        pass

    assert [ResidualUnit().name, ResidualUnit().name, K.layers.ReLU().name] == ["residual_unit", "residual_unit_1",
                                                                                 "re_lu"]
    with pytest.raises(ValueError):
        K.layers.Dense(1, name="a/b")
    with pytest.raises(ValueError, match="Only input tensors"):
        K.layers.Dense(1)([[1.0, 2.0]])

    class Bad(K.layers.Layer):
        def __init__(self) -> None:
            pass

    with pytest.raises(RuntimeError, match="forgot to call"):
        Bad()(tf.ones(1))


def test_auto_config_and_from_config() -> None:
    class Scale(K.layers.Layer):
        def __init__(self, factor: float = 2.0, **kwargs: object) -> None:
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x: tf.Tensor) -> tf.Tensor:
            return x * self.factor

    s = Scale(3.0, name="s")
    config = s.get_config()
    assert config["factor"] == 3.0 and config["name"] == "s"
    clone = Scale.from_config(config)
    assert clone.factor == 3.0 and clone.name == "s"


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 4), st.integers(0, 2**16))
def test_custom_layer_gradients_match_finite_differences(batch: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x0 = rng.uniform(-1.0, 1.0, (batch, 3))
    cell = _Cell(dtype="float64")
    cell.build((None, 3))
    cell.fc.build((None, 3))
    cell.set_weights([np.array(1.3), np.zeros(2), rng.uniform(-1, 1, (3, 2)), rng.uniform(-1, 1, 2)])

    def f(x: tf.Tensor) -> tf.Tensor:
        return tf.tanh(cell(x))

    check_gradients(f, [x0])
    check_second_order(f, [x0])
