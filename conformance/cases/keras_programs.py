"""What whole Keras custom-training-loop programs meet beyond single layers: configs of layers built
with TensorFlow's own functions as activations (`Dense(activation=tf.nn.relu)`), and the
serialization of custom activation functions and objects. (The programs themselves live in
`examples/tensorflow_scripts/` and are checked against their recorded output by tests/test_dropin.py.)"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import case

AREA = "keras_programs"


def double_it(x: Any) -> Any:  # a user-defined activation function
    return x * 2.0


class _Scaled:
    """A callable activation object with a config."""

    def __init__(self, k: float = 2.0) -> None:
        self.k = k

    def __call__(self, x: Any) -> Any:
        return x * self.k

    def get_config(self) -> dict:
        return {"k": self.k}


class _NoConfig:
    def __call__(self, x: Any) -> Any:
        return x


def _error_class(fn: Any) -> Any:
    try:
        return fn()
    except Exception as e:  # the message names an object address, so only the class is compared
        return type(e).__name__


@case(AREA, "serialize tf.nn and tf.math functions as activations")
def serialize_tf_functions(tf: Any) -> Any:
    fns = [tf.nn.relu, tf.nn.gelu, tf.math.tanh, tf.nn.sigmoid, tf.nn.leaky_relu, tf.nn.relu6, tf.nn.elu,
           tf.nn.selu, tf.nn.softplus, tf.math.sigmoid, tf.exp, tf.keras.activations.hard_swish,
           tf.keras.activations.swish]
    return [tf.keras.activations.serialize(f) for f in fns]


@case(AREA, "serialize a user function and objects as activations")
def serialize_custom(tf: Any) -> Any:
    acts = tf.keras.activations
    return [acts.serialize(double_it), acts.serialize(_Scaled(3.0)),
            acts.serialize(tf.keras.layers.LeakyReLU(0.3, name="lrelu")),
            acts.serialize(tf.keras.layers.ReLU(max_value=2.0, name="relu_2")),
            _error_class(lambda: acts.serialize(_NoConfig()))]


@case(AREA, "Dense with a tf.nn activation: config, from_config, clone")
def dense_tf_activation_config(tf: Any) -> Any:
    d = tf.keras.layers.Dense(3, activation=tf.nn.relu, name="d")
    config = d.get_config()
    back = tf.keras.layers.Dense.from_config(config)
    layer = tf.keras.layers.Dense(2, activation=tf.nn.tanh, kernel_initializer="ones")
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), layer])
    clone = tf.keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    x = np.array([[0.5, -1.0]], np.float32)
    return [config["activation"], back.activation.__name__, back.units,
            clone.layers[0].get_config()["activation"], clone(x), model(x)]


@case(AREA, "Activation layer and user-function Dense configs")
def activation_layer_configs(tf: Any) -> Any:
    return [tf.keras.layers.Activation(tf.nn.sigmoid).get_config()["activation"],
            tf.keras.layers.Activation(double_it).get_config()["activation"],
            tf.keras.layers.Dense(2, activation=double_it).get_config()["activation"],
            tf.keras.layers.Dense(2, activation=_Scaled(0.5)).get_config()["activation"],
            _error_class(lambda: tf.keras.layers.Dense(2, activation=_NoConfig()).get_config())]
