# Regression with a custom loss, a learning-rate schedule and gradient clipping (by norm in the
# optimizer, and by global norm by hand).
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(2024)
rng = np.random.default_rng(11)
x = rng.uniform(-2, 2, size=(48, 3)).astype(np.float32)
true_w = np.array([[1.5], [-2.0], [0.7]], dtype=np.float32)
y = x @ true_w + 0.3 + 0.05 * rng.standard_normal((48, 1)).astype(np.float32)


def huber_like(y_true, y_pred, delta=1.0):
    err = y_true - y_pred
    small = tf.abs(err) <= delta
    return tf.reduce_mean(tf.where(small, 0.5 * tf.square(err), delta * (tf.abs(err) - 0.5 * delta)))


class ScaledMSE(tf.keras.losses.Loss):
    def __init__(self, scale=2.0, name="scaled_mse"):
        super().__init__(name=name)
        self.scale = scale

    def call(self, y_true, y_pred):
        return self.scale * tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)


model = tf.keras.Sequential([
    tf.keras.Input(shape=(3,)),
    tf.keras.layers.Dense(10, activation="relu", kernel_regularizer=tf.keras.regularizers.L2(1e-3)),
    tf.keras.layers.Dense(1),
])

schedule = tf.keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=5, decay_rate=0.5, staircase=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=schedule, clipnorm=1.0)
print([f"{float(schedule(s)):.5f}" for s in [0, 4, 5, 10, 12]])
scaled = ScaledMSE()
mae = tf.keras.metrics.MeanAbsoluteError()

for step in range(12):
    with tf.GradientTape() as tape:
        pred = model(x, training=True)
        loss = huber_like(y, pred) + tf.add_n(model.losses)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    mae.update_state(y, pred)
    lr = optimizer.learning_rate
    print(f"{step:2d} loss={float(loss):.6f} lr={float(lr):.5f} mae={float(mae.result()):.5f}")

second = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
pieces = tf.keras.optimizers.schedules.PiecewiseConstantDecay([3, 6], [0.1, 0.05, 0.01])
sgd = tf.keras.optimizers.SGD(learning_rate=pieces)
for step in range(8):
    with tf.GradientTape() as tape:
        loss = scaled(y, second(x))
    grads = tape.gradient(loss, second.trainable_variables)
    clipped, norm = tf.clip_by_global_norm(grads, 2.0)
    sgd.apply_gradients(zip(clipped, second.trainable_variables))
    print(f"{step} scaled={float(loss):.6f} norm={float(norm):.5f}")
print(np.round(second.layers[0].kernel.numpy().ravel(), 5), np.round(second.layers[0].bias.numpy(), 5))
print(f"{float(scaled(y[:4], np.zeros((4, 1), np.float32))):.6f}", scaled.name, scaled.reduction)
