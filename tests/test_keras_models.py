"""Keras models: Sequential, functional and subclassed models (layers, paths, building, calls),
summary() text, gradients through models against finite differences, and `tf.keras` / `import
keras` under the tensorflow alias. TF's exact results are in conformance/cases/keras_models.py."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tfshim as tf

K = tf.keras


@pytest.fixture(autouse=True)
def _fresh_session() -> None:
    K.backend.clear_session()


def _mlp(dtype: str = "float32") -> K.Sequential:
    return K.Sequential([K.Input((3,), dtype=dtype), K.layers.Dense(4, activation="tanh", dtype=dtype),
                         K.layers.Dense(2, dtype=dtype)], name="mlp")


def test_sequential_from_input_is_built() -> None:
    m = K.Sequential([K.Input((4,)), K.layers.Dense(7, name="d")], name="s")
    assert m.built and [layer.name for layer in m.layers] == ["d"]
    assert (m.input_shape, m.output_shape) == ((None, 4), (None, 7))
    assert [w.path for w in m.weights] == ["s/d/kernel", "s/d/bias"]


def test_sequential_built_on_first_call_and_rebuilt() -> None:
    m = K.Sequential([K.layers.Dense(3, name="a")], name="stack")
    assert not m.built and m.weights == []
    with pytest.raises(AttributeError, match="no defined input shape"):
        m.input_shape  # noqa: B018
    assert m(np.ones((2, 5))).shape == (2, 3)
    assert m.input_shape == (2, 5) and [w.path for w in m.weights] == ["stack/a/kernel", "stack/a/bias"]
    m.add(K.layers.Dense(2, name="b"))
    assert m(np.ones((2, 5))).shape == (2, 2)
    assert m.pop().name == "b" and m(np.ones((2, 5))).shape == (2, 3)
    with pytest.raises(ValueError, match=r"Only instances of `keras\.Layer`"):
        m.add("x")


def test_functional_layers_order_and_calls() -> None:
    a, b = K.Input((3,), name="a"), K.Input((3,), name="b")
    s = K.layers.Add(name="add")([a, b])
    d = K.layers.Dense(2, name="dd")(s)
    f = K.Model([a, b], [s, d], name="multi")
    assert type(f).__name__ == "Functional" and repr(f) == "<Functional name=multi, built=True>"
    assert [layer.name for layer in f.layers] == ["a", "b", "add", "dd"]
    x = np.ones((2, 3), np.float32)
    out_list = f([x, 2 * x])
    out_dict = f({"a": x, "b": 2 * x})
    assert isinstance(out_list, list) and np.allclose(out_list[1].numpy(), out_dict[1].numpy())
    assert f.get_layer("dd") is f.layers[3]
    with pytest.raises(ValueError, match="No such layer"):
        f.get_layer("zz")


def test_functional_dict_outputs_and_int_inputs() -> None:
    x = K.Input((3,), name="x")
    f = K.Model(x, {"y": K.layers.Dense(1, name="y")(x)})
    out = f(np.ones((2, 3), np.int32))
    assert list(out) == ["y"] and out["y"].dtype == tf.float32


def test_subclassed_model_tracks_assignment_order() -> None:
    class Net(K.Model):
        def __init__(self) -> None:
            super().__init__(name="net")
            self.zeta = K.layers.Dense(2, name="zeta")
            self.blocks = [K.layers.Dense(2, name="b0")]
            self.blocks.append(K.layers.Dense(2, name="b1"))
            self.alpha = K.layers.Dense(1, name="alpha")

        def call(self, x: tf.Tensor) -> tf.Tensor:
            return self.alpha(self.zeta(self.blocks[1](self.blocks[0](x))))

    n = Net()
    assert not n.built and repr(n) == "<Net name=net, built=False>"
    n(np.ones((1, 3)))
    assert [layer.name for layer in n.layers] == ["zeta", "b0", "b1", "alpha"]
    assert [w.path for w in n.trainable_variables][:2] == ["net/zeta/kernel", "net/zeta/bias"]


def test_nested_models_paths() -> None:
    core = K.Sequential([K.layers.Dense(3, name="c1")], name="core")

    class Tower(K.Model):
        def __init__(self) -> None:
            super().__init__(name="tower")
            self.core = core

        def call(self, x: tf.Tensor) -> tf.Tensor:
            return self.core(x)

    x = K.Input((2,))
    stem = K.layers.Dense(2, name="stem")(x)
    f = K.Model(x, Tower()(stem))
    assert [w.path for w in f.weights] == ["stem/kernel", "stem/bias", "tower/core/c1/kernel", "tower/core/c1/bias"]
    core.trainable = False
    assert [w.path for w in f.trainable_variables] == ["stem/kernel", "stem/bias"]


def test_summary_text(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    m = K.Sequential([K.Input((4,)), K.layers.Dense(7, name="d")], name="s")
    m.summary()
    expected = textwrap.dedent("""\
        Model: "s"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        │ d (Dense)                       │ (None, 7)              │            35 │
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 35 (140.00 B)
         Trainable params: 35 (140.00 B)
         Non-trainable params: 0 (0.00 B)
        """)
    assert capsys.readouterr().out == expected
    lines: list = []
    m.summary(print_fn=lines.append)
    assert lines == [expected]


def _numeric_weight_gradients(model: K.Model, loss_of: object, eps: float = 1e-6) -> list:
    grads = []
    for v in model.trainable_variables:
        base = v.numpy().copy()
        g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            for sign in (1, -1):
                bumped = base.copy()
                bumped[idx] += sign * eps
                v.assign(bumped)
                g[idx] += sign * float(loss_of()) / (2 * eps)
        v.assign(base)
        grads.append(g)
    return grads


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 4), st.integers(0, 2**16), st.sampled_from(["sequential", "functional", "subclassed"]))
def test_model_gradients_match_finite_differences(batch: int, seed: int, kind: str) -> None:
    rng = np.random.default_rng(seed)
    if kind == "sequential":
        model = _mlp("float64")
    elif kind == "functional":
        x_in = K.Input((3,), dtype="float64")
        h = K.layers.Dense(4, activation="tanh", dtype="float64")(x_in)
        model = K.Model(x_in, K.layers.Dense(2, dtype="float64")(h))
    else:
        class Sub(K.Model):
            def __init__(self) -> None:
                super().__init__(dtype="float64")
                self.h = K.layers.Dense(4, activation="tanh", dtype="float64")
                self.o = K.layers.Dense(2, dtype="float64")

            def call(self, x: tf.Tensor) -> tf.Tensor:
                return self.o(self.h(x))

        model = Sub()
        model(np.zeros((1, 3)))
    model.set_weights([rng.uniform(-1, 1, w.shape) for w in model.weights])
    x = rng.uniform(-1, 1, (batch, 3))
    y = rng.uniform(-1, 1, (batch, 2))

    def loss_of() -> tf.Tensor:
        return tf.reduce_mean(tf.square(model(x) - y))

    with tf.GradientTape() as tape:
        loss = loss_of()
    grads = tape.gradient(loss, model.trainable_variables)
    expected = _numeric_weight_gradients(model, loss_of)
    for g, e in zip(grads, expected):
        np.testing.assert_allclose(g.numpy(), e, rtol=1e-5, atol=1e-7)


def test_training_loop_reduces_the_loss() -> None:
    m = _mlp()
    m.set_weights([np.full(w.shape, 0.1, np.float32) for w in m.weights])
    opt = K.optimizers.Adam(1e-2)
    loss_fn = K.losses.SparseCategoricalCrossentropy(from_logits=True)
    x = np.random.default_rng(0).uniform(-1, 1, (8, 3)).astype(np.float32)
    labels = (x[:, 0] > 0).astype(np.int32)
    losses = []
    for _ in range(30):
        with tf.GradientTape() as tape:
            loss = loss_fn(labels, m(x, training=True))
        opt.apply_gradients(zip(tape.gradient(loss, m.trainable_variables), m.trainable_variables))
        losses.append(float(loss))
    assert losses[-1] < losses[0]


def test_keras_reachable_under_the_tensorflow_alias() -> None:
    code = textwrap.dedent("""\
        import tensorflow as tf
        from tensorflow import keras
        import tensorflow.keras.layers
        import keras as plain
        import keras.layers
        assert tf.keras.Model is keras.Model is plain.Model
        assert plain.layers.Dense is tensorflow.keras.layers.Dense
        print(plain.__version__)
        """)
    result = subprocess.run([sys.executable, "-m", "tfshim", "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3.15.1"


# -- whole-model .keras files ------------------------------------------------------------------------
try:
    import h5py  # noqa: F401  (the optional extra the weights inside a .keras file need)
    _HAS_H5PY = True
except ImportError:
    _HAS_H5PY = False
_needs_h5py = pytest.mark.skipif(not _HAS_H5PY, reason="the optional h5py extra (tfshim[h5]) is not installed")


def _trained_functional() -> object:
    K.utils.set_random_seed(1)
    x = K.Input((4,), name="x")
    model = K.Model(x, K.layers.Dense(2, name="out")(K.layers.Dense(3, activation="relu")(x)), name="fm")
    model.compile(K.optimizers.Adam(0.01), "mse", metrics=["mae"])
    model.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0, epochs=2)
    return model


@_needs_h5py
def test_keras_file_round_trip_keeps_graph_weights_and_optimizer_state(tmp_path: object) -> None:
    import os
    import zipfile

    model = _trained_functional()
    path = os.path.join(str(tmp_path), "m.keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        assert [(i.filename, i.compress_type) for i in archive.infolist()] == [
            ("metadata.json", 0), ("config.json", 0), ("model.weights.h5", 0)]
    loaded = K.models.load_model(path)
    assert type(loaded).__name__ == "Functional" and [layer.name for layer in loaded.layers] == ["x", "dense", "out"]
    assert int(loaded.optimizer.iterations.numpy()) == 2 and loaded.loss == "mse"
    for a, b in zip(loaded.get_weights() + [v.numpy() for v in loaded.optimizer.variables],
                    model.get_weights() + [v.numpy() for v in model.optimizer.variables]):
        np.testing.assert_array_equal(a, b)
    model.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0)
    loaded.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0)  # the restored Adam slots continue the same steps
    for a, b in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)
    uncompiled = K.models.load_model(path, compile=False)
    assert not hasattr(uncompiled, "optimizer") and not uncompiled.compiled


def test_keras_file_misuse_raises_keras_errors(tmp_path: object) -> None:
    import os

    model = K.Sequential([K.Input((2,)), K.layers.Dense(1)])
    with pytest.raises(ValueError, match="Invalid filepath extension for saving"):
        model.save(os.path.join(str(tmp_path), "m.tf"))
    with pytest.raises(ValueError, match="File not found: filepath="):
        K.models.load_model(os.path.join(str(tmp_path), "missing.keras"))
    with pytest.raises(ValueError, match="File format not supported"):
        K.models.load_model(os.path.join(str(tmp_path), "m.xyz"))
    with pytest.raises(NotImplementedError, match=r"legacy `\.h5` model files"):
        model.save(os.path.join(str(tmp_path), "m.h5"))


_TF_PYTHON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".venv-tf", "bin", "python")


@_needs_h5py
@pytest.mark.skipif(not os.path.exists(_TF_PYTHON), reason="needs the .venv-tf TensorFlow environment")
def test_keras_files_load_in_real_keras_and_back(tmp_path: object) -> None:
    model = _trained_functional()
    ours, theirs = os.path.join(str(tmp_path), "ours.keras"), os.path.join(str(tmp_path), "theirs.keras")
    model.save(ours)
    script = (
        "import os, numpy as np\nos.environ['TF_CPP_MIN_LOG_LEVEL']='3'\nimport keras\n"
        f"m = keras.models.load_model({ours!r})\n"
        f"np.save({theirs!r} + '.npy', m.predict(np.ones((2, 4)), verbose=0))\n"
        "m.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0)\n"
        f"m.save({theirs!r})\n")
    subprocess.run([_TF_PYTHON, "-c", script], check=True, capture_output=True, timeout=300)
    np.testing.assert_allclose(np.load(theirs + ".npy"), model.predict(np.ones((2, 4)), verbose=0), rtol=1e-6)
    model.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0)
    back = K.models.load_model(theirs)
    assert int(back.optimizer.iterations.numpy()) == 3
    for a, b in zip(back.get_weights(), model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)
