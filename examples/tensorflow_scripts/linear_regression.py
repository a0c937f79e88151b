# A hand-written training loop: variables, a tape, a loss, SGD updates.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
xs = rng.uniform(-1.0, 1.0, size=(64, 1)).astype(np.float32)
ys = 3.0 * xs - 0.5 + 0.01 * rng.standard_normal((64, 1)).astype(np.float32)

w = tf.Variable([[0.0]], name="w")
b = tf.Variable(0.0, name="b")
learning_rate = 0.5

for step in range(41):
    with tf.GradientTape() as tape:
        pred = tf.matmul(xs, w) + b
        loss = tf.reduce_mean(tf.square(pred - ys))
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * dw)
    b.assign_sub(learning_rate * db)
    if step % 10 == 0:
        print(f"step {step:2d}  loss {loss.numpy():.6f}  w {w.numpy()[0, 0]:.4f}  b {b.numpy():.4f}")

print(w)
print(b.dtype, b.shape, loss.dtype)
