"""tf.keras convolution, pooling, normalization, padding/cropping/upsampling and rescaling layers:
outputs and gradients with deterministic weights (set after build), weight names/paths/shapes, the
moving statistics of BatchNormalization, output shapes of symbolic calls, configs and misuse."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.case import attempt, case

AREA = "keras_conv_layers"
_TOL = {"rtol": 1e-4, "atol": 1e-4}
_X4 = np.random.default_rng(0).normal(size=(2, 6, 7, 3)).astype(np.float32)
_X3 = np.random.default_rng(1).normal(size=(2, 9, 3)).astype(np.float32)
_X5 = np.random.default_rng(2).normal(size=(2, 4, 5, 6, 2)).astype(np.float32)


def _run(tf: Any, layer: Any, x: np.ndarray, training: Any = None) -> list:
    xt = tf.constant(x)
    layer.build(xt.shape)
    for i, w in enumerate(layer.weights):
        value = np.random.default_rng(10 + i).normal(size=tuple(w.shape)).astype("float32")
        if "variance" in w.name:
            value = np.abs(value) + 0.5
        w.assign(value)
    with tf.GradientTape() as t:
        t.watch(xt)
        y = layer(xt) if training is None else layer(xt, training=training)
        loss = tf.reduce_sum(y * y * tf.constant(np.linspace(0.5, 1.5, int(np.prod(y.shape)))
                                                 .reshape(tuple(y.shape)).astype("float32")))
    grads = t.gradient(loss, [xt, *layer.trainable_weights])
    return [y, grads, [w.name for w in layer.weights], [tuple(w.shape) for w in layer.weights],
            [w.trainable for w in layer.weights], [np.asarray(w.numpy()) for w in layer.non_trainable_weights]]


_LAYERS = [
    ("Conv2D same relu", _X4, lambda layers: layers.Conv2D(4, 3, padding="same", activation="relu"), None),
    ("Conv2D strides", _X4, lambda layers: layers.Conv2D(4, (2, 3), strides=2), None),
    ("Conv2D dilated no bias", _X4, lambda layers: layers.Conv2D(2, 3, dilation_rate=2, use_bias=False), None),
    ("Conv2D channels_first", _X4, lambda layers: layers.Conv2D(2, 3, data_format="channels_first"), None),
    ("Conv2D groups", np.concatenate([_X4, _X4[..., :1]], -1), lambda layers: layers.Conv2D(4, 3, groups=2), None),
    ("Conv1D causal dilated", _X3, lambda layers: layers.Conv1D(4, 3, padding="causal", dilation_rate=2), None),
    ("Conv1D strides same", _X3, lambda layers: layers.Conv1D(2, 2, strides=2, padding="same"), None),
    ("Conv2DTranspose same", _X4, lambda layers: layers.Conv2DTranspose(2, 3, strides=2, padding="same"), None),
    ("Conv2DTranspose valid output_padding", _X4,
     lambda layers: layers.Conv2DTranspose(2, 3, strides=2, padding="valid", output_padding=1), None),
    ("Conv2DTranspose same output_padding 0", _X4,
     lambda layers: layers.Conv2DTranspose(2, 3, strides=2, padding="same", output_padding=0), None),
    ("MaxPooling2D default", _X4, lambda layers: layers.MaxPooling2D(), None),
    ("MaxPooling2D same", _X4, lambda layers: layers.MaxPooling2D(3, 2, padding="same"), None),
    ("MaxPooling2D channels_first", _X4, lambda layers: layers.MaxPooling2D(2, data_format="channels_first"), None),
    ("AveragePooling2D same", _X4, lambda layers: layers.AveragePooling2D(2, padding="same"), None),
    ("MaxPooling1D", _X3, lambda layers: layers.MaxPooling1D(2), None),
    ("AveragePooling1D stride 1", _X3, lambda layers: layers.AveragePooling1D(3, 1), None),
    ("GlobalAveragePooling2D", _X4, lambda layers: layers.GlobalAveragePooling2D(), None),
    ("GlobalMaxPooling2D keepdims", _X4, lambda layers: layers.GlobalMaxPooling2D(keepdims=True), None),
    ("GlobalAveragePooling1D", _X3, lambda layers: layers.GlobalAveragePooling1D(), None),
    ("GlobalMaxPooling1D", _X3, lambda layers: layers.GlobalMaxPooling1D(), None),
    ("BatchNormalization training", _X4, lambda layers: layers.BatchNormalization(), True),
    ("BatchNormalization inference", _X4, lambda layers: layers.BatchNormalization(), False),
    ("BatchNormalization default call", _X4, lambda layers: layers.BatchNormalization(momentum=0.5), None),
    ("BatchNormalization axis 1 no center", _X4, lambda layers: layers.BatchNormalization(axis=1, center=False), True),
    ("BatchNormalization no scale no center", _X4,
     lambda layers: layers.BatchNormalization(scale=False, center=False), True),
    ("LayerNormalization", _X4, lambda layers: layers.LayerNormalization(), None),
    ("LayerNormalization axes", _X4, lambda layers: layers.LayerNormalization(axis=[1, 2], epsilon=1e-5), None),
    ("ZeroPadding2D", _X4, lambda layers: layers.ZeroPadding2D(((1, 2), (0, 1))), None),
    ("Cropping2D", _X4, lambda layers: layers.Cropping2D(((1, 2), (0, 1))), None),
    ("UpSampling2D nearest", _X4, lambda layers: layers.UpSampling2D((2, 3)), None),
    ("UpSampling2D bilinear", _X4, lambda layers: layers.UpSampling2D(2, interpolation="bilinear"), None),
    ("Rescaling", _X4, lambda layers: layers.Rescaling(1 / 255.0, 0.5), None),
    ("DepthwiseConv2D multiplier 2 same", _X4, lambda layers: layers.DepthwiseConv2D(3, depth_multiplier=2,
                                                                                      padding="same"), None),
    ("DepthwiseConv2D channels_first strides", _X4,
     lambda layers: layers.DepthwiseConv2D(2, strides=2, data_format="channels_first"), None),
    ("DepthwiseConv2D dilated", _X4, lambda layers: layers.DepthwiseConv2D(2, dilation_rate=2), None),
    ("SeparableConv2D same", _X4, lambda layers: layers.SeparableConv2D(4, 3, depth_multiplier=2, padding="same"),
     None),
    ("SeparableConv2D strides no bias", _X4, lambda layers: layers.SeparableConv2D(2, 2, strides=2, use_bias=False),
     None),
    ("Conv3D same", _X5, lambda layers: layers.Conv3D(3, 2, padding="same"), None),
    ("Conv3D strides", _X5, lambda layers: layers.Conv3D(2, (2, 3, 2), strides=(1, 2, 1)), None),
    ("MaxPooling3D", _X5, lambda layers: layers.MaxPooling3D(), None),
    ("AveragePooling3D same", _X5, lambda layers: layers.AveragePooling3D(2, padding="same"), None),
    ("GlobalAveragePooling3D", _X5, lambda layers: layers.GlobalAveragePooling3D(), None),
    ("GlobalMaxPooling3D keepdims", _X5, lambda layers: layers.GlobalMaxPooling3D(keepdims=True), None),
    ("ZeroPadding1D", _X3, lambda layers: layers.ZeroPadding1D((2, 1)), None),
    ("Cropping1D", _X3, lambda layers: layers.Cropping1D((1, 3)), None),
    ("UpSampling1D", _X3, lambda layers: layers.UpSampling1D(3), None),
]

for _name, _x, _make, _training in _LAYERS:
    def _layer_case(tf: Any, x: np.ndarray = _x, make: Any = _make, training: Any = _training) -> Any:
        return _run(tf, make(tf.keras.layers), x, training)

    case(AREA, f"{_name}: output, gradients, weights", **_TOL)(_layer_case)


@case(AREA, "BatchNormalization moving statistics after one training call")
def bn_moving(tf: Any) -> Any:
    layer = tf.keras.layers.BatchNormalization(name="bn")
    layer(tf.constant(_X4), training=True)
    return [layer.moving_mean.numpy(), layer.moving_variance.numpy(), layer.count_params(),
            [w.path for w in layer.weights]]


@case(AREA, "BatchNormalization trainable=False runs inference")
def bn_frozen(tf: Any) -> Any:
    layer = tf.keras.layers.BatchNormalization()
    layer.build((2, 6, 7, 3))
    layer.trainable = False
    y = layer(tf.constant(_X4), training=True)
    return [y, layer.moving_mean.numpy(), len(layer.trainable_weights)]


@case(AREA, "symbolic output shapes in a Sequential")
def sequential_shapes(tf: Any) -> Any:
    layers = tf.keras.layers
    model = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), layers.Conv2D(8, 3, activation="relu", name="c1"),
                                 layers.MaxPooling2D(name="p1"), layers.Conv2D(16, 3, padding="same", name="c2"),
                                 layers.BatchNormalization(name="bn"), layers.AveragePooling2D(2, name="p2"),
                                 layers.ZeroPadding2D(1, name="z"), layers.Cropping2D(1, name="cr"),
                                 layers.UpSampling2D(name="u"), layers.Conv2DTranspose(4, 3, 2, name="t"),
                                 layers.GlobalAveragePooling2D(name="g")], name="cnn")
    return [model.output_shape, [tuple(w.shape) for w in model.weights], [w.path for w in model.weights],
            model.count_params()]


@case(AREA, "configs")
def configs(tf: Any) -> Any:
    layers = tf.keras.layers
    out = []
    for layer in (layers.Conv2D(4, 3, strides=2, padding="same", name="c"), layers.MaxPooling2D(3, name="p"),
                  layers.AveragePooling1D(2, name="a"), layers.GlobalMaxPooling2D(keepdims=True, name="g"),
                  layers.ZeroPadding2D(2, name="z"), layers.Cropping2D(((1, 0), (2, 3)), name="cr"),
                  layers.UpSampling2D(3, name="u"), layers.Rescaling(2.0, name="r")):
        config = layer.get_config()
        out.append({k: config[k] for k in sorted(config) if k not in ("dtype", "kernel_initializer",
                                                                        "bias_initializer")})
    return out


@case(AREA, "misuse")
def misuse(tf: Any) -> Any:
    layers = tf.keras.layers
    return [attempt(layers.Conv2D, -2, 3), attempt(layers.Conv2D, 4, 3, groups=3),
            attempt(layers.Conv2D, 4, 3, strides=0),
            attempt(layers.Conv2D, 4, 3, strides=2, dilation_rate=2),
            attempt(layers.Conv2DTranspose, 4, 3, strides=2, output_padding=2),
            attempt(lambda: layers.Conv2D(4, 5, name="c")(tf.ones([1, 3, 3, 1]))),
            attempt(lambda: layers.Conv2D(4, 3, name="enc")(tf.ones([6, 6, 3]))),
            attempt(lambda: layers.Cropping2D(3)(tf.ones([1, 6, 6, 1]))),
            attempt(lambda: layers.UpSampling2D(interpolation="cubic")(tf.ones([1, 2, 2, 1]))),
            attempt(lambda: layers.MaxPooling2D(padding="full")(tf.ones([1, 4, 4, 1]))),
            attempt(layers.AveragePooling2D), attempt(layers.BatchNormalization, axis=[1, 2])]


@case(AREA, "misuse: causal padding outside Conv1D (Keras's message lists a set in hash order)",
      compare_message=False)
def causal_misuse(tf: Any) -> Any:
    return attempt(tf.keras.layers.Conv2D, 4, 3, padding="causal")
