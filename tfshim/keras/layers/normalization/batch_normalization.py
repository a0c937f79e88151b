"""`tf.keras.layers.BatchNormalization`: batch statistics (biased variance) in training, moving
statistics otherwise; the moving update `moving * momentum + stat * (1 - momentum)` once per training
call; `trainable=False` runs in inference mode; batch renormalization (`renorm=True`) and an explicit
`mask` as Keras computes them. Differs from Keras: masks are not propagated to later layers."""

from __future__ import annotations

from typing import Any

import tfshim as tf
from tfshim.keras import constraints, initializers, regularizers
from tfshim.keras.layers.input_spec import InputSpec
from tfshim.keras.layers.layer import Layer


def _check_renorm_clipping(clipping: dict) -> dict:
    keys = ["rmax", "rmin", "dmax"]
    if set(clipping) - set(keys):
        raise ValueError(f"Received invalid keys for `renorm_clipping` argument: {clipping}. Supported values: {keys}.")
    rmax, rmin, dmax = clipping.get("rmax"), clipping.get("rmin"), clipping.get("dmax")
    if rmax is not None and rmin is not None and rmax < rmin:
        raise ValueError("rmax should be greater than rmin in the `renorm_clipping` argument. "
                         "Received: rmax={rmax}, rmin={rmin}.")  # Keras's message is not an f-string
    if dmax is not None and dmax < 0:
        raise ValueError("dmax should be non-negative in the `renorm_clipping` argument. Received: dmax={dmax}.")
    return clipping


class BatchNormalization(Layer):
    def __init__(self, axis: int = -1, momentum: float = 0.99, epsilon: float = 1e-3, center: bool = True,
                 scale: bool = True, beta_initializer: Any = "zeros", gamma_initializer: Any = "ones",
                 moving_mean_initializer: Any = "zeros", moving_variance_initializer: Any = "ones",
                 beta_regularizer: Any = None, gamma_regularizer: Any = None, beta_constraint: Any = None,
                 gamma_constraint: Any = None, renorm: bool = False, renorm_clipping: Any = None,
                 renorm_momentum: float = 0.99, synchronized: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)
        self.synchronized = synchronized
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

        self.renorm = renorm
        if renorm:
            renorm_clipping = _check_renorm_clipping(renorm_clipping or {})
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.gamma = None
        self.beta = None
        self.moving_mean = None
        self.moving_variance = None
        self._reduction_axes = None

    def build(self, input_shape: Any) -> None:
        shape = (input_shape[self.axis],)
        if self.scale:
            self.gamma = self.add_weight(shape=shape, name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         trainable=True, autocast=False)
        if self.center:
            self.beta = self.add_weight(shape=shape, name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        trainable=True, autocast=False)
        self.moving_mean = self.add_weight(shape=shape, name="moving_mean", initializer=self.moving_mean_initializer,
                                           trainable=False, autocast=False)
        self.moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                               initializer=self.moving_variance_initializer, trainable=False,
                                               autocast=False)
        if self.renorm:
            self._build_renorm(shape)
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: input_shape[self.axis]})
        axes = list(range(len(input_shape)))
        del axes[self.axis]
        self._reduction_axes = axes

    def _build_renorm(self, shape: tuple) -> None:
        def moving_stddev_initializer(shape: Any, dtype: Any = None) -> Any:
            return tf.sqrt(self.moving_variance_initializer(shape, dtype=dtype))

        self.moving_stddev = self.add_weight(shape=shape, name="moving_stddev", initializer=moving_stddev_initializer,
                                             trainable=False, autocast=False)
        self.renorm_mean = self.add_weight(shape=shape, name="renorm_mean", initializer=self.moving_mean_initializer,
                                           trainable=False, autocast=False)
        self.renorm_stddev = self.add_weight(shape=shape, name="renorm_stddev", initializer=moving_stddev_initializer,
                                             trainable=False, autocast=False)

    def _renorm(self, mean: Any, variance: Any, gamma: Any, beta: Any) -> tuple:
        """Keras's renorm correction: r and d (clipped, no gradient) folded into gamma and beta, then
        the renorm and moving statistics updated (moving_variance = relu(moving_stddev^2 - epsilon))."""
        stddev = tf.sqrt(variance + self.epsilon)
        renorm_mean = tf.cast(tf.convert_to_tensor(self.renorm_mean), mean.dtype)
        renorm_stddev = tf.cast(tf.convert_to_tensor(self.renorm_stddev), mean.dtype)
        clipped_stddev = tf.maximum(renorm_stddev, tf.sqrt(tf.cast(self.epsilon, mean.dtype)))
        r = stddev / clipped_stddev
        d = (mean - renorm_mean) / clipped_stddev
        clipping = self.renorm_clipping
        if clipping.get("rmin") is not None:
            r = tf.maximum(r, clipping["rmin"])
        if clipping.get("rmax") is not None:
            r = tf.minimum(r, clipping["rmax"])
        if clipping.get("dmax") is not None:
            d = tf.clip_by_value(d, -clipping["dmax"], clipping["dmax"])
        r, d = tf.stop_gradient(r), tf.stop_gradient(d)
        if gamma is not None:
            gamma, new_beta = r * gamma, d * gamma
        else:
            gamma, new_beta = r, d
        beta = new_beta if beta is None else new_beta + beta
        self.renorm_mean.assign(renorm_mean * self.renorm_momentum + mean * (1.0 - self.renorm_momentum))
        self.renorm_stddev.assign(renorm_stddev * self.renorm_momentum + stddev * (1.0 - self.renorm_momentum))
        moving_mean = tf.cast(tf.convert_to_tensor(self.moving_mean), mean.dtype)
        moving_stddev = tf.cast(tf.convert_to_tensor(self.moving_stddev), mean.dtype)
        self.moving_mean.assign(moving_mean * self.momentum + mean * (1.0 - self.momentum))
        new_moving_stddev = moving_stddev * self.momentum + stddev * (1.0 - self.momentum)
        self.moving_stddev.assign(new_moving_stddev)
        self.moving_variance.assign(tf.nn.relu(new_moving_stddev * new_moving_stddev - self.epsilon))
        return gamma, beta

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self.axis >= len(input_shape) or self.axis < -len(input_shape):
            raise ValueError(f"Axis {self.axis} is out of bounds for input shape {input_shape}. "
                             f"Received: axis={self.axis}")
        return input_shape

    def _moments(self, x: Any, mask: Any) -> tuple:
        """Keras's `_moments`: plain moments, or with a mask (one rank less than the input) the
        masked mean/variance over the reduction axes, squeezed (a single channel gives scalars)."""
        if mask is None:
            return tf.nn.moments(x, self._reduction_axes)
        keep = tf.broadcast_to(tf.expand_dims(tf.cast(mask, tf.bool), -1), tf.shape(x))
        weights = tf.reduce_sum(tf.cast(keep, x.dtype), self._reduction_axes, keepdims=True)
        total = tf.reduce_sum(tf.where(keep, x, tf.zeros_like(x)), self._reduction_axes, keepdims=True)
        mean = total / (weights + 1e-7)
        difference = tf.where(keep, x - mean, tf.zeros_like(x))
        variance = tf.reduce_sum(tf.square(difference), self._reduction_axes, keepdims=True) / (weights + 1e-7)
        return tf.squeeze(mean), tf.squeeze(variance)

    def call(self, inputs: Any, training: Any = None, mask: Any = None) -> Any:
        x = tf.convert_to_tensor(inputs)
        if mask is not None:
            mask = tf.convert_to_tensor(mask)
            if mask.shape.rank != x.shape.rank - 1:
                raise ValueError("The mask provided should be one dimension less than the inputs. Received: "
                                 f"mask.shape={tuple(mask.shape.as_list())}, inputs.shape={tuple(x.shape.as_list())}")
        compute = tf.float64 if x.dtype == tf.float64 else tf.float32
        x = tf.cast(x, compute)
        moving_mean = tf.cast(tf.convert_to_tensor(self.moving_mean), compute)
        moving_variance = tf.cast(tf.convert_to_tensor(self.moving_variance), compute)
        gamma = tf.cast(tf.convert_to_tensor(self.gamma), compute) if self.scale else None
        beta = tf.cast(tf.convert_to_tensor(self.beta), compute) if self.center else None
        if training and self.trainable:
            mean, variance = self._moments(x, mask)
            if self.renorm:
                gamma, beta = self._renorm(mean, variance, gamma, beta)
            else:
                self.moving_mean.assign(moving_mean * self.momentum + mean * (1.0 - self.momentum))
                self.moving_variance.assign(moving_variance * self.momentum + variance * (1.0 - self.momentum))
        else:
            mean, variance = moving_mean, moving_variance
        axis = self.axis % x.shape.rank
        if axis != x.shape.rank - 1:
            shape = [1] * x.shape.rank
            shape[axis] = moving_mean.shape[0]
            mean, variance = tf.reshape(mean, shape), tf.reshape(variance, shape)
            gamma = None if gamma is None else tf.reshape(gamma, shape)
            beta = None if beta is None else tf.reshape(beta, shape)
        outputs = tf.nn.batch_normalization(x, mean, variance, beta, gamma, self.epsilon)
        return tf.cast(outputs, self.compute_dtype)

    def get_config(self) -> dict:
        config = {
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon, "center": self.center,
            "scale": self.scale, "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized, "renorm": self.renorm, "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        }
        return {**super().get_config(), **config}
