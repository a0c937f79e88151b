# Advanced automatic differentiation with Keras layers: the jacobian of a layer's output with respect
# to its kernel, batch jacobians, and a gradient-penalty (the gradient of a gradient norm).
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(5)
x = tf.random.normal([7, 5])
layer = tf.keras.layers.Dense(10, activation=tf.nn.relu)
layer.build([None, 5])

with tf.GradientTape(persistent=True) as tape:
    y = layer(x)
j = tape.jacobian(y, layer.kernel)
print(f"y.shape: {y.shape}")
print(f"kernel.shape: {layer.kernel.shape}")
print(f"j.shape: {j.shape}")
g = tape.gradient(y, layer.kernel)
print("g.shape:", g.shape)
j_sum = tf.reduce_sum(j, axis=[0, 1])
delta = tf.reduce_max(abs(g - j_sum)).numpy()
assert delta < 1e-3
print("delta small:", bool(delta < 1e-3))
del tape

# The jacobian of each example's output w.r.t. its input, for a two-layer block.
block = tf.keras.Sequential([tf.keras.layers.Dense(6, activation="tanh"), tf.keras.layers.Dense(3)])
with tf.GradientTape() as tape:
    tape.watch(x)
    out = block(x)
bj = tape.batch_jacobian(out, x)
print("batch jacobian:", bj.shape)
print(np.round(bj[0].numpy(), 5))

# The Hessian of a small model's loss w.r.t. its kernel (flattened), via nested tapes.
small = tf.keras.layers.Dense(2, activation="sigmoid")
small.build([None, 5])
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        loss = tf.reduce_mean(small(x) ** 2)
    gk = t1.gradient(loss, small.kernel)
h = t2.jacobian(gk, small.kernel)
n = small.kernel.shape[0] * small.kernel.shape[1]
h_mat = tf.reshape(h, [n, n])
print(h.shape, h_mat.shape)
print(f"trace {float(tf.linalg.trace(h_mat)):.6f} symmetric {bool(np.allclose(h_mat, tf.transpose(h_mat), atol=1e-6))}")

# WGAN-GP style gradient penalty: d/dtheta of (||d critic / d input|| - 1)^2.
critic = tf.keras.Sequential([tf.keras.Input(shape=(5,)), tf.keras.layers.Dense(8, activation="softplus"),
                              tf.keras.layers.Dense(1)])
opt = tf.keras.optimizers.Adam(1e-2)
real = tf.random.uniform([7, 5])
alpha = tf.random.uniform([7, 1])
interp = alpha * real + (1 - alpha) * x
for _step in range(4):
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            inner.watch(interp)
            score = critic(interp)
        grad = inner.gradient(score, interp)
        norm = tf.sqrt(tf.reduce_sum(tf.square(grad), axis=1) + 1e-12)
        penalty = tf.reduce_mean((norm - 1.0) ** 2)
    grads = outer.gradient(penalty, critic.trainable_variables)
    print(f"penalty {float(penalty):.6f}", [None if g is None else g.shape.as_list() for g in grads])
    opt.apply_gradients(zip(grads, critic.trainable_variables))
print([f"{float(tf.norm(v)):.5f}" for v in critic.trainable_variables])
