# Second derivatives with nested tapes, and a persistent tape asked several times.
import tensorflow as tf

x = tf.Variable(1.5)
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x * x * x + tf.sin(x)
    dy_dx = inner.gradient(y, x)
d2y_dx2 = outer.gradient(dy_dx, x)
print("dy/dx   =", dy_dx.numpy())
print("d2y/dx2 =", d2y_dx2.numpy())

c = tf.constant([0.5, 2.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(c)
    z = tf.exp(c) * tf.sqrt(c)
    total = tf.reduce_sum(z)
print(tape.gradient(z, c))
print(tape.gradient(total, c))
print(tape.gradient(total, [c, x]))
del tape

# A linear function has no second derivative: None, or zeros when asked for them.
with tf.GradientTape(persistent=True) as outer:
    with tf.GradientTape() as inner:
        y = 3.0 * x
    g = inner.gradient(y, x)
print(outer.gradient(g, x))
print(outer.gradient(g, x, unconnected_gradients=tf.UnconnectedGradients.ZERO))
