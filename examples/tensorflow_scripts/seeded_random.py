# Seeded randomness: the same program prints the same numbers on every run (and on tfshim).
import tensorflow as tf

tf.random.set_seed(2024)
print("normal  ", tf.random.normal([4]).numpy())
print("uniform ", tf.random.uniform([2, 3], minval=-1.0, maxval=1.0).numpy())
print("ints    ", tf.random.uniform([6], maxval=10, dtype=tf.int32).numpy())
print("trunc   ", tf.random.truncated_normal([3], stddev=0.5, seed=7).numpy())
print("shuffle ", tf.random.shuffle(tf.range(8)).numpy())
print("classes ", tf.random.categorical(tf.math.log([[0.2, 0.3, 0.5]]), 8).numpy())

# A noisy linear data set, fitted by gradient descent from random initial weights, with dropout.
x = tf.random.normal([64, 3], dtype=tf.float64)
true_w = tf.constant([[1.5], [-2.0], [0.5]], tf.float64)
y = x @ true_w + 0.1 * tf.random.normal([64, 1], dtype=tf.float64)
w = tf.Variable(tf.random.normal([3, 1], stddev=0.1, dtype=tf.float64))
for step in range(60):
    with tf.GradientTape() as tape:
        h = tf.nn.dropout(x, rate=0.1)
        loss = tf.reduce_mean(tf.square(h @ w - y))
    w.assign_sub(0.1 * tape.gradient(loss, w))
    if step % 20 == 0:
        print(f"step {step:2d} loss {loss.numpy():.6f}")
print("w       ", w.numpy().ravel())

# Stateless ops and generators do not depend on set_seed.
print("stateless", tf.random.stateless_normal([3], seed=[1, 2]).numpy())
g = tf.random.Generator.from_seed(42)
print("generator", g.uniform([3]).numpy(), g.state.numpy())
child = g.split(1)[0]
print("child    ", child.normal([2]).numpy())
