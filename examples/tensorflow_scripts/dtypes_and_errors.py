# TensorFlow's dtype rules and error classes, as gradient code meets them.
import numpy as np
import tensorflow as tf

print(tf.constant(1).dtype, tf.constant(1.0).dtype, tf.constant(np.array([1.0])).dtype)
print(tf.constant(3) / tf.constant(2))
print(tf.constant([1.0, 2.0]) + np.array([0.5, 0.5]))
for bad in [lambda: tf.constant(1.0) + tf.constant(1.0, tf.float64),
            lambda: tf.constant(1) * 2.5,
            lambda: tf.constant([1.0, 2.0]) + tf.constant([1.0, 2.0, 3.0])]:
    try:
        bad()
    except (tf.errors.InvalidArgumentError, TypeError) as e:
        print(type(e).__name__)

v = tf.Variable([1.0, 2.0], name="v")
try:
    v.assign([1.0, 2.0, 3.0])
except ValueError as e:
    print("ValueError:", e)
try:
    hash(v)
except TypeError as e:
    print("TypeError:", e)
with tf.GradientTape() as tape:
    i = tf.cast(v, tf.int32)
print(tape.gradient(i, v))
