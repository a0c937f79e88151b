"""Regressions found by running whole Keras custom-training-loop programs
(examples/tensorflow_scripts/) under tfshim; the TF-recorded side is conformance area keras_programs."""

from __future__ import annotations

import codecs
import marshal
import types

import numpy as np
import pytest

import tfshim as tf


def test_tf_nn_activation_serializes_by_name() -> None:
    # Keras writes any function whose name is a Keras activation's as that name.
    assert tf.keras.activations.serialize(tf.nn.relu) == "relu"
    assert tf.keras.layers.Dense(2, activation=tf.nn.relu).get_config()["activation"] == "relu"
    assert tf.keras.layers.Activation(tf.math.tanh).get_config()["activation"] == "tanh"


def test_user_function_serializes_as_a_function_dict() -> None:
    def my_act(x):
        return x * 2.0

    assert tf.keras.activations.serialize(my_act) == {
        "module": "builtins", "class_name": "function", "config": "my_act", "registered_name": "function"}


def test_lambda_serializes_as_dumped_code_with_a_warning() -> None:
    scale = 3.0
    fn = lambda x: x * scale  # noqa: E731
    with pytest.warns(UserWarning, match="lambda"):
        out = tf.keras.activations.serialize(fn)
    code, defaults, closure = out["value"]
    loaded = marshal.loads(codecs.decode(code.encode("ascii"), "base64"))
    assert isinstance(loaded, types.CodeType) and loaded.co_code == fn.__code__.co_code
    assert defaults is None and closure == (3.0,)


def test_objects_serialize_with_their_module_or_fail_as_keras_does() -> None:
    class Scaled:
        def __call__(self, x):
            return x

        def get_config(self):
            return {"k": 1}

    out = tf.keras.activations.serialize(Scaled())
    assert out["class_name"] == "Scaled" and out["registered_name"] == "Scaled" and out["config"] == {"k": 1}
    relu = tf.keras.activations.serialize(tf.keras.layers.ReLU(name="r"))
    assert relu["module"] == "keras.layers" and relu["registered_name"] is None

    class NoConfig:
        def __call__(self, x):
            return x

    with pytest.raises(TypeError, match="must implement the `get_config\\(\\)` method"):
        tf.keras.activations.serialize(NoConfig())


def test_clone_model_with_a_tf_nn_activation() -> None:
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(2, activation=tf.nn.relu)])
    clone = tf.keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    x = np.array([[0.5, -1.0]], np.float32)
    np.testing.assert_array_equal(clone(x).numpy(), model(x).numpy())


def test_tf_print_prints_a_keras_variable_as_its_value(capsys: pytest.CaptureFixture) -> None:
    # Expected text printed by TensorFlow 2.21 for the same calls.
    import sys

    v = tf.keras.Variable([[0.5, 1.25], [2.0, 3.0]])
    tf.print("a", v, [v, 1], {"k": v}, output_stream=sys.stdout)
    assert capsys.readouterr().out == ("a [[0.5 1.25]\n [2 3]] [[[0.5 1.25]\n [2 3]], 1] {'k': [[0.5 1.25]\n"
                                       " [2 3]]}\n")
