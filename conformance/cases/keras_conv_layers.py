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


# -- the rest of issue 12's layers -----------------------------------------------------------------
_X5B = np.random.default_rng(5).normal(size=(2, 4, 5, 3, 2)).astype(np.float32)
_X3C = np.random.default_rng(6).normal(size=(2, 8, 4)).astype(np.float32)
_X4C = np.random.default_rng(7).normal(size=(2, 5, 6, 4)).astype(np.float32)

_MORE = [
    ("Conv1D groups", _X3C, lambda layers: layers.Conv1D(4, 3, groups=2, activation="tanh"), None),
    ("Conv1D channels_first same", _X3C, lambda layers: layers.Conv1D(3, 3, padding="same",
                                                                       data_format="channels_first"), None),
    ("Conv1D dilated valid", _X3C, lambda layers: layers.Conv1D(2, 2, dilation_rate=3), None),
    ("Conv1D causal strides", _X3C, lambda layers: layers.Conv1D(2, 3, strides=2, padding="causal"), None),
    ("Conv2D sigmoid strides same", _X4C, lambda layers: layers.Conv2D(3, (3, 2), strides=(2, 1), padding="same",
                                                                         activation="sigmoid"), None),
    ("Conv2D groups 4 channels_first", _X4C, lambda layers: layers.Conv2D(4, 2, groups=1,
                                                                            data_format="channels_first"), None),
    ("Conv2D 1x1", _X4C, lambda layers: layers.Conv2D(5, 1), None),
    ("Conv3D dilated", _X5B, lambda layers: layers.Conv3D(2, 2, dilation_rate=(1, 2, 1), use_bias=False), None),
    ("Conv3D channels_first", _X5B, lambda layers: layers.Conv3D(2, 2, data_format="channels_first"), None),
    ("Conv3D groups", _X5B, lambda layers: layers.Conv3D(4, 2, groups=2, padding="same"), None),
    ("Conv1DTranspose same strides", _X3C, lambda layers: layers.Conv1DTranspose(3, 3, strides=2, padding="same"),
     None),
    ("Conv1DTranspose valid", _X3C, lambda layers: layers.Conv1DTranspose(2, 4, strides=3), None),
    ("Conv1DTranspose output_padding", _X3C, lambda layers: layers.Conv1DTranspose(2, 3, strides=2,
                                                                                    output_padding=1), None),
    ("Conv1DTranspose dilated", _X3C, lambda layers: layers.Conv1DTranspose(2, 3, dilation_rate=2), None),
    ("Conv2DTranspose channels_first", _X4C, lambda layers: layers.Conv2DTranspose(
        2, 2, strides=2, data_format="channels_first"), None),
    ("Conv2DTranspose dilated relu", _X4C, lambda layers: layers.Conv2DTranspose(3, 3, dilation_rate=2,
                                                                                  activation="relu"), None),
    ("Conv3DTranspose same", _X5B, lambda layers: layers.Conv3DTranspose(2, 2, strides=2, padding="same"), None),
    ("Conv3DTranspose valid output_padding", _X5B,
     lambda layers: layers.Conv3DTranspose(2, 3, strides=(2, 1, 2), output_padding=(1, 0, 0)), None),
    ("Conv3DTranspose channels_first no bias", _X5B,
     lambda layers: layers.Conv3DTranspose(3, 2, data_format="channels_first", use_bias=False), None),
    ("DepthwiseConv1D", _X3C, lambda layers: layers.DepthwiseConv1D(3, depth_multiplier=2), None),
    ("DepthwiseConv1D same strides", _X3C, lambda layers: layers.DepthwiseConv1D(2, strides=2, padding="same"),
     None),
    ("DepthwiseConv1D channels_first dilated", _X3C,
     lambda layers: layers.DepthwiseConv1D(2, dilation_rate=2, data_format="channels_first"), None),
    ("DepthwiseConv1D strides and dilation", _X3C,
     lambda layers: layers.DepthwiseConv1D(2, strides=2, dilation_rate=2, padding="same"), None),
    ("DepthwiseConv2D strides and dilation same", _X4C,
     lambda layers: layers.DepthwiseConv2D(3, strides=2, dilation_rate=2, padding="same"), None),
    ("DepthwiseConv2D strides and dilation valid", _X4C,
     lambda layers: layers.DepthwiseConv2D(2, strides=(1, 2), dilation_rate=(2, 1)), None),
    ("SeparableConv1D", _X3C, lambda layers: layers.SeparableConv1D(3, 3, depth_multiplier=2), None),
    ("SeparableConv1D same channels_first", _X3C,
     lambda layers: layers.SeparableConv1D(2, 3, padding="same", data_format="channels_first"), None),
    ("SeparableConv2D dilated", _X4C, lambda layers: layers.SeparableConv2D(3, 2, dilation_rate=2,
                                                                             activation="relu"), None),
    ("SeparableConv2D strides and dilation", _X4C,
     lambda layers: layers.SeparableConv2D(3, 2, strides=2, dilation_rate=2, padding="same"), None),
    ("MaxPooling1D same strides", _X3C, lambda layers: layers.MaxPooling1D(3, 2, padding="same"), None),
    ("AveragePooling1D channels_first", _X3C, lambda layers: layers.AveragePooling1D(2, data_format="channels_first"),
     None),
    ("AveragePooling2D strides valid", _X4C, lambda layers: layers.AveragePooling2D((2, 3), strides=(1, 2)), None),
    ("MaxPooling3D same", _X5B, lambda layers: layers.MaxPooling3D(2, 1, padding="same"), None),
    ("AveragePooling3D channels_first", _X5B, lambda layers: layers.AveragePooling3D(
        (1, 2, 2), data_format="channels_first"), None),
    ("GlobalAveragePooling1D keepdims channels_first", _X3C,
     lambda layers: layers.GlobalAveragePooling1D(data_format="channels_first", keepdims=True), None),
    ("GlobalMaxPooling2D channels_first", _X4C, lambda layers: layers.GlobalMaxPooling2D(data_format="channels_first"),
     None),
    ("GlobalAveragePooling3D keepdims", _X5B, lambda layers: layers.GlobalAveragePooling3D(keepdims=True), None),
    ("ZeroPadding3D", _X5B, lambda layers: layers.ZeroPadding3D(((1, 0), (0, 2), (1, 1))), None),
    ("ZeroPadding3D channels_first int", _X5B, lambda layers: layers.ZeroPadding3D(1, data_format="channels_first"),
     None),
    ("Cropping3D", _X5B, lambda layers: layers.Cropping3D(((1, 0), (1, 2), (0, 1))), None),
    ("Cropping3D channels_first", _X5B, lambda layers: layers.Cropping3D(((0, 0), (1, 1), (0, 2)),
                                                                          data_format="channels_first"), None),
    ("UpSampling1D size 3", _X3C, lambda layers: layers.UpSampling1D(3), None),
    ("UpSampling3D", _X5B, lambda layers: layers.UpSampling3D((1, 2, 3)), None),
    ("UpSampling2D channels_first bilinear", _X4C,
     lambda layers: layers.UpSampling2D((2, 1), data_format="channels_first", interpolation="bilinear"), None),
    ("BatchNormalization momentum epsilon training", _X3C,
     lambda layers: layers.BatchNormalization(momentum=0.8, epsilon=1e-2), True),
    ("BatchNormalization axis 1 inference", _X4C, lambda layers: layers.BatchNormalization(axis=1), False),
    ("BatchNormalization 5-D training", _X5B, lambda layers: layers.BatchNormalization(), True),
    ("LayerNormalization no center no scale", _X3C, lambda layers: layers.LayerNormalization(center=False,
                                                                                              scale=False), None),
    ("LayerNormalization axis 1", _X3C, lambda layers: layers.LayerNormalization(axis=1), None),
    ("GroupNormalization", _X4C, lambda layers: layers.GroupNormalization(2), None),
    ("GroupNormalization instance", _X4C, lambda layers: layers.GroupNormalization(-1, epsilon=1e-5), None),
    ("GroupNormalization axis 1", _X4C, lambda layers: layers.GroupNormalization(5, axis=1, center=False), None),
    ("GroupNormalization 1-D", _X3C, lambda layers: layers.GroupNormalization(4, scale=False), None),
    ("UnitNormalization", _X4C, lambda layers: layers.UnitNormalization(), None),
    ("UnitNormalization axes", _X4C, lambda layers: layers.UnitNormalization(axis=[1, 2]), None),
    ("Rescaling per channel", _X4C, lambda layers: layers.Rescaling([1.0, 2.0, 3.0, 4.0], -1.0), None),
    ("Normalization given mean variance", _X4C,
     lambda layers: layers.Normalization(mean=[0.0, 1.0, 2.0, 3.0], variance=[1.0, 4.0, 0.25, 9.0]), None),
    ("Normalization invert", _X4C, lambda layers: layers.Normalization(mean=2.0, variance=4.0, invert=True,
                                                                        axis=None), None),
    ("Resizing bilinear", _X4C, lambda layers: layers.Resizing(3, 8), None),
    ("Resizing nearest crop_to_aspect_ratio", _X4C,
     lambda layers: layers.Resizing(4, 4, interpolation="nearest", crop_to_aspect_ratio=True), None),
    ("Resizing bicubic pad_to_aspect_ratio", _X4C,
     lambda layers: layers.Resizing(4, 8, interpolation="bicubic", pad_to_aspect_ratio=True, fill_value=1.0), None),
    ("Resizing channels_first area", _X4C,
     lambda layers: layers.Resizing(2, 3, interpolation="area", data_format="channels_first"), None),
    ("CenterCrop", _X4C, lambda layers: layers.CenterCrop(3, 4), None),
    ("CenterCrop smaller input", _X4C, lambda layers: layers.CenterCrop(7, 3), None),
    ("CenterCrop channels_first", _X4C, lambda layers: layers.CenterCrop(2, 3, data_format="channels_first"), None),
]

for _name, _x, _make, _training in _MORE:
    def _more_case(tf: Any, x: np.ndarray = _x, make: Any = _make, training: Any = _training) -> Any:
        return _run(tf, make(tf.keras.layers), x, training)

    case(AREA, f"{_name}: output, gradients, weights", **_TOL)(_more_case)


@case(AREA, "BatchNormalization moving statistics over five training steps", **_TOL)
def bn_steps(tf: Any) -> Any:
    layer = tf.keras.layers.BatchNormalization(momentum=0.7, name="bn")
    out = []
    for step in range(5):
        x = np.random.default_rng(40 + step).normal(loc=step, size=(4, 3, 2)).astype("float32")
        y = layer(tf.constant(x), training=True)
        out.append([y, layer.moving_mean.numpy(), layer.moving_variance.numpy()])
    out.append(layer(tf.constant(_X3C[:, :3, :2]), training=False))
    return out


@case(AREA, "BatchNormalization trainable=False on a model: inference, statistics kept", **_TOL)
def bn_frozen_model(tf: Any) -> Any:
    layer = tf.keras.layers.BatchNormalization(name="bn")
    model = tf.keras.Sequential([tf.keras.Input((3,)), layer])
    layer.set_weights([np.array([1.0, 2.0, 0.5], "float32"), np.array([0.0, 1.0, -1.0], "float32"),
                       np.array([0.5, 0.0, 1.0], "float32"), np.array([2.0, 1.0, 4.0], "float32")])
    model.trainable = False
    x = tf.constant(np.arange(12, dtype="float32").reshape(4, 3))
    y = model(x, training=True)
    return [y, layer.moving_mean.numpy(), len(model.trainable_weights), len(model.non_trainable_weights)]


@case(AREA, "Normalization adapt (array, tensor, dataset, list of batches)", **_TOL)
def normalization_adapt(tf: Any) -> Any:
    data = np.random.default_rng(8).normal(loc=3.0, scale=2.0, size=(10, 3)).astype("float32")
    out = []
    for source in (data, tf.constant(data), tf.data.Dataset.from_tensor_slices(data).batch(4),
                   [data[:3], data[3:]]):
        layer = tf.keras.layers.Normalization(name="norm")
        layer.adapt(source)
        out.append([layer(data[:2]), layer.adapt_mean.numpy(), layer.adapt_variance.numpy(),
                    [w.path for w in layer.weights]])
    layer = tf.keras.layers.Normalization(axis=None)
    layer.adapt(data)
    out.append([layer(data[:2]), layer.get_config()["axis"]])
    return out


@case(AREA, "Normalization misuse", compare_message=True)
def normalization_misuse(tf: Any) -> Any:
    layers = tf.keras.layers
    return [attempt(layers.Normalization, mean=1.0), attempt(layers.Normalization, mean=[1.0, 2.0], variance=[1.0]),
            attempt(lambda: layers.Normalization(axis=3).adapt(np.ones((2, 3), "float32"))),
            attempt(lambda: layers.Normalization().adapt([]))]


@case(AREA, "Resizing keeps integer dtypes; CenterCrop casts to float32")
def resizing_dtypes(tf: Any) -> Any:
    x = np.arange(2 * 5 * 6).reshape(2, 5, 6, 1)
    return [tf.keras.layers.Resizing(3, 4)(x.astype("int32")), tf.keras.layers.Resizing(3, 4)(x.astype("uint8")),
            tf.keras.layers.CenterCrop(3, 4)(x.astype("int32")), tf.keras.layers.CenterCrop(2, 2)(x[0])]


@case(AREA, "summary of a small CNN")
def cnn_summary(tf: Any) -> Any:
    layers = tf.keras.layers
    model = tf.keras.Sequential([
        tf.keras.Input((16, 16, 3)), layers.Conv2D(8, 3, padding="same", name="conv1"),
        layers.BatchNormalization(name="bn1"), layers.ReLU(name="relu1"), layers.MaxPooling2D(name="pool1"),
        layers.SeparableConv2D(16, 3, name="sep"), layers.DepthwiseConv2D(3, name="dw"),
        layers.GroupNormalization(4, name="gn"), layers.Conv2DTranspose(4, 2, strides=2, name="up"),
        layers.ZeroPadding2D(1, name="pad"), layers.GlobalAveragePooling2D(name="gap"),
        layers.Dropout(0.5, name="drop"), layers.Dense(10, name="head")], name="small_cnn")
    lines: list = []
    model.summary(print_fn=lambda line, *a, **k: lines.append(line), line_length=100)
    return ["\n".join(lines), model.count_params()]


@case(AREA, "summary of a 1-D/3-D functional model")
def functional_summary(tf: Any) -> Any:
    layers = tf.keras.layers
    a = tf.keras.Input((12, 4), name="seq")
    x = layers.Conv1D(6, 3, padding="causal", name="causal")(a)
    x = layers.DepthwiseConv1D(2, name="dw1")(x)
    x = layers.SeparableConv1D(4, 2, name="sep1")(x)
    x = layers.Conv1DTranspose(3, 3, strides=2, name="tr1")(x)
    x = layers.LayerNormalization(name="ln")(x)
    x = layers.GlobalMaxPooling1D(name="gmp")(x)
    b = tf.keras.Input((4, 4, 4, 2), name="vol")
    y = layers.Conv3D(3, 2, name="c3")(b)
    y = layers.ZeroPadding3D(1, name="zp3")(y)
    y = layers.Cropping3D(1, name="cr3")(y)
    y = layers.UpSampling3D(name="up3")(y)
    y = layers.Conv3DTranspose(2, 2, name="tr3")(y)
    y = layers.AveragePooling3D(2, name="ap3")(y)
    y = layers.GlobalAveragePooling3D(name="gap3")(y)
    model = tf.keras.Model([a, b], [x, y], name="two_towers")
    lines: list = []
    model.summary(print_fn=lambda line, *a, **k: lines.append(line), line_length=110)
    return ["\n".join(lines), model.count_params(), [tuple(w.shape) for w in model.weights]]


@case(AREA, "compute_output_shape of the new layers")
def output_shapes(tf: Any) -> Any:
    layers = tf.keras.layers
    # Keras returns lists from some of these (the transposed convolutions); tfshim tuples
    return [tuple(s) for s in [
        layers.Conv3D(4, 3, strides=2, padding="same").compute_output_shape((None, 9, 8, 7, 2)),
            layers.Conv1DTranspose(4, 3, strides=2).compute_output_shape((None, 5, 2)),
            layers.Conv3DTranspose(4, 3, strides=2, padding="same").compute_output_shape((2, 3, None, 5, 1)),
            layers.DepthwiseConv1D(3, depth_multiplier=3).compute_output_shape((None, 10, 2)),
            layers.SeparableConv2D(5, 3, strides=2).compute_output_shape((1, 9, 9, 3)),
            layers.MaxPooling3D(3, 2).compute_output_shape((None, 8, 8, 8, 1)),
            layers.GlobalMaxPooling3D(keepdims=True).compute_output_shape((None, 2, 3, 4, 5)),
            layers.ZeroPadding3D(2).compute_output_shape((None, 1, None, 3, 1)),
            layers.Cropping3D(1).compute_output_shape((None, 4, 5, 6, 1)),
            layers.UpSampling3D(2).compute_output_shape((None, 2, 3, 4, 1)),
            layers.GroupNormalization(2).compute_output_shape((None, 3, 4)),
            layers.UnitNormalization().compute_output_shape((None, 3)),
            layers.Resizing(5, 6).compute_output_shape((None, 10, 10, 3)),
            layers.CenterCrop(2, 3, data_format="channels_first").compute_output_shape((None, 3, 8, 8))]]


@case(AREA, "configs of the new layers and from_config round trips")
def more_configs(tf: Any) -> Any:
    layers = tf.keras.layers
    out = []
    for layer in (layers.Conv3D(2, 3, name="c3"), layers.Conv1DTranspose(2, 3, output_padding=0, strides=2,
                                                                          name="t1"),
                  layers.Conv3DTranspose(2, 3, name="t3"), layers.DepthwiseConv1D(3, name="d1"),
                  layers.DepthwiseConv2D(3, depth_multiplier=2, name="d2"),
                  layers.SeparableConv1D(4, 3, name="s1"), layers.SeparableConv2D(4, 3, name="s2"),
                  layers.MaxPooling3D(name="m3"), layers.AveragePooling3D(2, name="a3"),
                  layers.GlobalAveragePooling3D(name="g3"), layers.ZeroPadding3D(2, name="z3"),
                  layers.Cropping3D(((1, 0), (2, 1), (0, 0)), name="cr3"), layers.UpSampling3D(name="u3"),
                  layers.UpSampling1D(4, name="u1"), layers.GroupNormalization(4, name="gn"),
                  layers.UnitNormalization(axis=[1, 2], name="un"), layers.Normalization(name="n"),
                  layers.Resizing(3, 4, crop_to_aspect_ratio=True, name="rs"), layers.CenterCrop(2, 2, name="cc")):
        config = layer.get_config()
        clone = type(layer).from_config(config)
        out.append([{k: config[k] for k in sorted(config) if k != "dtype" and "initializer" not in k},
                    clone.get_config() == config])
    return out


@case(AREA, "misuse of the new layers")
def more_misuse(tf: Any) -> Any:
    layers = tf.keras.layers
    return [attempt(layers.DepthwiseConv2D, 3, depth_multiplier=0), attempt(layers.SeparableConv2D, 0, 3),
            attempt(layers.SeparableConv1D, 2, 3, strides=0), attempt(layers.Conv3D, 2, 0),
            attempt(layers.Conv1DTranspose, 2, 3, strides=2, output_padding=3),
            attempt(layers.Conv3DTranspose, 2, 3, dilation_rate=2, strides=2),
            attempt(layers.ZeroPadding3D, (1, 2)), attempt(layers.Cropping3D, -1),
            attempt(lambda: layers.Cropping3D(2, name="cr")(tf.ones([1, 4, 4, 4, 1]))),
            attempt(layers.UpSampling1D, 2.0), attempt(layers.UpSampling1D, 0),
            attempt(layers.GroupNormalization, 0),
            attempt(lambda: layers.GroupNormalization(3, name="gn")(tf.ones([2, 4]))),
            attempt(lambda: layers.GroupNormalization(8, name="gn2")(tf.ones([2, 4]))),
            attempt(layers.UnitNormalization, "x"),
            attempt(lambda: layers.Resizing(2, 2, interpolation="cubic", name="rs")(tf.ones([1, 4, 4, 1]))),
            attempt(lambda: layers.Resizing(2, 2, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True,
                                            name="rs2")(tf.ones([1, 4, 4, 1]))),
            attempt(lambda: layers.MaxPooling3D(name="mp")(tf.ones([1, 4, 4, 1])))]


# -- differential probing, round 2 -----------------------------------------------------------------
@case(AREA, "transposed convolutions: Keras's own argument checks (no causal, no groups, its order)")
def transpose_checks(tf: Any) -> Any:
    layers = tf.keras.layers
    return [attempt(layers.Conv2DTranspose, 4, 3, groups=2),
            attempt(layers.Conv3DTranspose, 4, 3, groups=1),
            attempt(layers.Conv2DTranspose, 4, 3, strides=(1, 0)),
            attempt(layers.Conv1DTranspose, 4, 0),
            attempt(layers.Conv2DTranspose, 4, 3, strides=2, dilation_rate=2, output_padding=2),
            attempt(layers.Conv2DTranspose, 0, 3, strides=0)]


@case(AREA, "transposed convolutions reject causal padding (Keras's message lists a set in hash order)",
      compare_message=False)
def transpose_causal(tf: Any) -> Any:
    return [attempt(tf.keras.layers.Conv1DTranspose, 4, 3, padding="causal"),
            attempt(tf.keras.layers.Conv1DTranspose, 4, 3, padding="CAUSAL", strides=2),
            attempt(tf.keras.layers.Conv2DTranspose, 4, 3, padding="full", output_padding=(1, 2, 3))]


@case(AREA, "transposed convolutions: compute_output_shape gives lists, symbolic calls still work")
def transpose_output_shapes(tf: Any) -> Any:
    layers = tf.keras.layers
    shapes = [layers.Conv1DTranspose(4, 3, strides=2).compute_output_shape((None, 5, 2)),
              layers.Conv2DTranspose(2, 3, padding="same", strides=2).compute_output_shape((1, 4, None, 3)),
              layers.Conv3DTranspose(3, 2, data_format="channels_first").compute_output_shape((2, 1, 3, 4, 5))]
    inputs = tf.keras.Input((5, 6, 2))
    y = layers.Conv2DTranspose(3, 2, strides=2, name="t")(inputs)
    return [shapes, [type(s).__name__ for s in shapes], tuple(y.shape)]


@case(AREA, "config key order: transposed and separable convolutions, Resizing, CenterCrop")
def config_key_order(tf: Any) -> Any:
    layers = tf.keras.layers
    return [list(layer.get_config()) for layer in (
        layers.Conv1DTranspose(2, 3), layers.Conv2DTranspose(2, 3, output_padding=0),
        layers.Conv3DTranspose(2, 3), layers.SeparableConv1D(2, 3), layers.SeparableConv2D(2, 3),
        layers.Resizing(2, 3), layers.CenterCrop(2, 3))]


@case(AREA, "Resizing and CenterCrop on inputs of the wrong rank")
def image_layers_wrong_rank(tf: Any) -> Any:
    layers = tf.keras.layers
    return [attempt(lambda: layers.Resizing(2, 2, name="rs")(tf.ones([3, 3]))),
            attempt(lambda: layers.Resizing(2, 2, data_format="channels_first", name="rs1")(tf.ones([3, 3]))),
            attempt(lambda: layers.Resizing(2, 2, name="rs2")(tf.ones([1, 3, 3, 3, 1]))),
            attempt(lambda: layers.Resizing(2, 2, interpolation="cubic", name="rs3")(tf.ones([1, 3, 3, 3, 1]))),
            attempt(lambda: layers.CenterCrop(2, 2, name="cc")(tf.ones([3, 3]))),
            attempt(lambda: layers.CenterCrop(2, 2, name="cc1")(tf.ones([1, 3, 3, 3, 1])))]


@case(AREA, "UpSampling2D bilinear/bicubic keeps the input dtype (integers rounded half to even)")
def upsampling_dtypes(tf: Any) -> Any:
    x = (np.arange(16).reshape(1, 2, 4, 2) * 1.25)
    layers = tf.keras.layers
    return [layers.UpSampling2D(interpolation="bilinear")(x.astype("float64")),
            layers.UpSampling2D(interpolation="bilinear")(tf.constant(x.astype("int32"))),
            layers.UpSampling2D((1, 3), interpolation="bicubic")(tf.constant((x * 20).astype("uint8"))),
            layers.UpSampling2D(interpolation="bilinear", dtype="float16")(x.astype("float32")),
            layers.UpSampling2D(interpolation="area", data_format="channels_first",
                                dtype="bfloat16")(x.astype("float32")),
            layers.UpSampling2D(interpolation="nearest")(tf.constant(x.astype("int32")))]


@case(AREA, "GlobalAveragePooling: integer inputs give float32, float16 is averaged in float32")
def global_average_dtypes(tf: Any) -> Any:
    x = (np.random.default_rng(11).normal(size=(2, 5, 6, 3)) * 10).astype("float32")
    layers = tf.keras.layers
    return [layers.GlobalAveragePooling2D()(tf.constant(x.astype("int32"))),
            layers.GlobalAveragePooling1D(keepdims=True)(tf.constant(x[:, 0].astype("int64"))),
            layers.GlobalAveragePooling3D()(tf.constant(x[..., None].astype("uint8"))),
            layers.GlobalAveragePooling2D(dtype="float16")(x),
            layers.GlobalAveragePooling1D(dtype="mixed_bfloat16")(x[:, 0]),
            layers.GlobalAveragePooling2D(dtype="float64")(x),
            layers.GlobalMaxPooling2D()(tf.constant(x.astype("int32")))]


@case(AREA, "CenterCrop on a smaller image returns smart_resize's float32 whatever the dtype policy")
def center_crop_resize_dtype(tf: Any) -> Any:
    x = np.arange(2 * 4 * 6, dtype="float32").reshape(2, 4, 6, 1)
    layers = tf.keras.layers
    return [layers.CenterCrop(5, 5, dtype="mixed_float16")(x), layers.CenterCrop(6, 4, dtype="float64")(x),
            layers.CenterCrop(2, 3, dtype="float64")(x), layers.CenterCrop(3, 8, dtype="bfloat16")(x[0])]


@case(AREA, "pooling compute_output_shape: Keras's NumPy arithmetic and its zero-size error")
def pooling_output_shapes(tf: Any) -> Any:
    layers = tf.keras.layers
    return [layers.MaxPooling2D(3).compute_output_shape((None, 7, None, 2)),
            layers.AveragePooling1D(2, padding="same").compute_output_shape((4, 5, 3)),
            layers.MaxPooling3D(2, 1, data_format="channels_first").compute_output_shape((1, 2, 3, 4, 5)),
            layers.MaxPooling2D().compute_output_shape((3, 3, 3)),
            attempt(layers.MaxPooling2D(3).compute_output_shape, (None, None, 2, 1)),
            attempt(layers.AveragePooling1D(4, strides=1).compute_output_shape, (2, 3, 1))]


@case(AREA, "built at construction: pooling layers yes, Resizing/CenterCrop no (summary of an unbuilt model)")
def built_at_init(tf: Any) -> Any:
    layers = tf.keras.layers
    built = [layer.built for layer in (layers.MaxPooling2D(), layers.AveragePooling3D(), layers.GlobalMaxPooling1D(),
                                       layers.GlobalAveragePooling2D(), layers.Resizing(2, 2), layers.CenterCrop(2, 2))]
    model = tf.keras.Sequential([layers.Resizing(8, 8, name="rz"), layers.CenterCrop(6, 6, name="cc"),
                                 layers.MaxPooling2D(name="mp"), layers.Conv2D(2, 3, name="c"),
                                 layers.GlobalAveragePooling2D(name="gap")], name="unbuilt")
    lines: list = []
    model.summary(print_fn=lambda line, *a, **k: lines.append(line))
    return [built, "\n".join(lines)]


@case(AREA, "LayerNormalization with the wrong channel count fails in Keras's gamma Reshape")
def layer_norm_wrong_channels(tf: Any) -> Any:
    layer = tf.keras.layers.LayerNormalization(name="ln")
    layer(tf.ones([2, 3]))
    other = tf.keras.layers.LayerNormalization(axis=1, name="ln1")
    other(tf.ones([2, 3]))
    return [attempt(layer, tf.ones([2, 4])), attempt(other, tf.ones([2, 4]))]


@case(AREA, "convolutions given explicit paddings: accepted by the constructor, refused by the output-size rule")
def conv_explicit_padding(tf: Any) -> Any:
    layers = tf.keras.layers
    conv = layers.Conv2D(2, 3, padding=[[0, 0], [1, 1], [1, 1], [0, 0]], name="c")
    return [conv.get_config()["padding"], attempt(conv, tf.ones([1, 4, 4, 1])),
            attempt(layers.Conv1D(2, 3, padding=(1, 1)).compute_output_shape, (None, 5, 1)),
            attempt(layers.SeparableConv2D(2, 3, padding=[1, 1]).compute_output_shape, (None, None, None, 2)),
            attempt(layers.DepthwiseConv1D(2, padding=[1, 1]).compute_output_shape, (2, 5, 1))]


@case(AREA, "BatchNormalization with an explicit mask: masked moments and statistics", **_TOL)
def bn_mask(tf: Any) -> Any:
    x = np.random.default_rng(12).normal(size=(2, 4, 3)).astype("float32")
    mask = np.array([[True, True, False, True], [True, False, False, False]])
    layer = tf.keras.layers.BatchNormalization(momentum=0.5, name="bn")
    y = layer(x, training=True, mask=mask)
    single = tf.keras.layers.BatchNormalization(momentum=0.0, name="bn1")
    z = single(x[..., :1], training=True, mask=mask)
    return [y, layer.moving_mean.numpy(), layer.moving_variance.numpy(), z, single.moving_mean.numpy(),
            layer(x, training=False, mask=mask),
            attempt(lambda: tf.keras.layers.BatchNormalization(name="bn2")(x, mask=mask[:, :1, None]))]


@case(AREA, "GlobalAveragePooling1D with an explicit mask; the 2-D/3-D layers take none", **_TOL)
def gap1d_mask(tf: Any) -> Any:
    x = np.arange(24, dtype="float32").reshape(2, 4, 3)
    mask = np.array([[True, True, False, True], [True, False, False, False]])
    layers = tf.keras.layers
    return [layers.GlobalAveragePooling1D()(x, mask=mask),
            layers.GlobalAveragePooling1D(keepdims=True)(x, mask=mask.astype("float32")),
            layers.GlobalAveragePooling1D(data_format="channels_first")(x.transpose(0, 2, 1), mask=mask),
            isinstance(layers.GlobalAveragePooling2D(), layers.GlobalAveragePooling1D),
            isinstance(layers.GlobalAveragePooling3D(), layers.GlobalAveragePooling1D)]


@case(AREA, "transposed convolutions have no kernel attribute before build")
def transpose_kernel_before_build(tf: Any) -> Any:
    layers = tf.keras.layers
    return [attempt(lambda: layers.Conv2DTranspose(2, 2).kernel), attempt(lambda: layers.Conv1DTranspose(2, 2).kernel),
            attempt(lambda: layers.Conv2D(2, 2).kernel)]


@case(AREA, "UpSampling2D/3D and Cropping2D/3D compute_output_shape index fixed layouts, as Keras's do")
def reshaping_output_shape_layouts(tf: Any) -> Any:
    layers = tf.keras.layers
    return [layers.UpSampling2D((2, 3)).compute_output_shape((None, 4, None, 2)),
            layers.UpSampling2D(data_format="channels_first").compute_output_shape((1, 2, 3, 4)),
            layers.UpSampling3D((1, 2, 3), data_format="channels_first").compute_output_shape((1, 2, None, 4, 5)),
            layers.Cropping2D(1).compute_output_shape((3, 3, 3, 3, 3)),
            layers.Cropping3D(((1, 0), (0, 1), (1, 1)),
                              data_format="channels_first").compute_output_shape((1, 2, 3, None, 5)),
            attempt(layers.UpSampling2D().compute_output_shape, (3, 3, 3)),
            attempt(layers.UpSampling3D().compute_output_shape, (3, 3, 3, 3)),
            attempt(layers.Cropping3D().compute_output_shape, (3, 3, 3, 3)),
            attempt(layers.Cropping2D(2).compute_output_shape, (None, 4, 4, 1))]


@case(AREA, "integer inputs to convolutions: the kernel variable refuses the input's dtype (2-D/3-D), "
            "the op refuses (1-D)")
def conv_integer_inputs(tf: Any) -> Any:
    layers = tf.keras.layers
    out = []
    for layer, shape in ((layers.Conv2D(1, 1, kernel_initializer="ones", name="c2"), (1, 2, 2, 1)),
                         (layers.Conv3D(1, 1, kernel_initializer="ones", name="c3"), (1, 2, 2, 2, 1)),
                         (layers.Conv2DTranspose(1, 1, kernel_initializer="ones", name="t2"), (1, 2, 2, 1)),
                         (layers.Conv3DTranspose(1, 1, kernel_initializer="ones", name="t3"), (1, 1, 2, 2, 1)),
                         (layers.Conv1D(1, 1, kernel_initializer="ones", name="c1"), (1, 2, 1)),
                         (layers.DepthwiseConv2D(1, depthwise_initializer="ones", name="d2"), (1, 2, 2, 1))):
        out.append(attempt(layer, np.ones(shape, "int32")))
    out.append(attempt(layers.Conv2D(1, 1, kernel_initializer="ones", name="cb"), np.ones((1, 2, 2, 1), bool)))
    return out


@case(AREA, "BatchNormalization renorm: outputs, gradients, the renorm and moving statistics, clipping", **_TOL)
def bn_renorm(tf: Any) -> Any:
    x = np.random.default_rng(13).normal(loc=1.0, scale=2.0, size=(8, 3)).astype("float32")
    layers = tf.keras.layers
    layer = layers.BatchNormalization(renorm=True, momentum=0.5, renorm_momentum=0.7, name="bn")
    out = []
    for step in range(3):
        xt = tf.constant(x * (step + 1))
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = layer(xt, training=True)
            loss = tf.reduce_sum(y * y * tf.constant(np.arange(24, dtype="float32").reshape(8, 3)))
        out.append([y, tape.gradient(loss, [xt, *layer.trainable_weights]), [w.numpy() for w in layer.weights]])
    clipped = layers.BatchNormalization(renorm=True, renorm_clipping={"rmax": 1.5, "rmin": 0.8, "dmax": 0.3},
                                        momentum=0.1, center=False)
    return [out, layer(x, training=False), [w.path for w in layer.weights], layer.get_config()["renorm_clipping"],
            clipped(x, training=True), [w.numpy() for w in clipped.weights],
            attempt(layers.BatchNormalization, renorm=True, renorm_clipping={"x": 1}),
            attempt(layers.BatchNormalization, renorm=True, renorm_clipping={"rmax": 1, "rmin": 2}),
            attempt(layers.BatchNormalization, renorm=True, renorm_clipping={"dmax": -1})]


@case(AREA, "Rescaling config serializes scale/offset as Keras does (arrays, tensors, tuples) and reads them back")
def rescaling_config_values(tf: Any) -> Any:
    out = []
    for value in ((1.0, 2.0), [1.0, 2.0], np.float32(2.0), np.array(2.0), np.array([1.0, 2.0]), tf.constant([1.0, 2.0]),
                  tf.constant(2.0)):
        layer = tf.keras.layers.Rescaling(value, offset=value, name="r")
        config = layer.get_config()
        clone = tf.keras.layers.Rescaling.from_config(config)
        out.append([config["scale"], config["offset"], isinstance(clone.scale, list), tf.is_tensor(clone.scale),
                    isinstance(clone.scale, np.ndarray), clone(np.ones((1, 2), "float32"))])
    return out
