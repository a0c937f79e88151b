# The "unconnected gradients" program from TensorFlow's autodiff guide, unmodified apart from
# persistent=True (a default tape raises on the second gradient call).
import tensorflow as tf

x = tf.Variable([2., 2.])
y = tf.Variable(3.)

with tf.GradientTape(persistent=True) as tape:
  z = y**2
print(tape.gradient(z, x))
print(tape.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.ZERO))
del tape
