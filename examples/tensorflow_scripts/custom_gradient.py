# A numerically stable custom gradient, from TensorFlow's custom_gradient documentation.
import tensorflow as tf


@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)

    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))

    return tf.math.log(1 + e), grad


for value in [0.0, 10.0, 100.0]:
    x = tf.constant(value)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = log1pexp(x)
    print(value, y.numpy(), tape.gradient(y, x).numpy())
print(log1pexp.__name__)
