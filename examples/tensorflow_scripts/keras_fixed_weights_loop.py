# A Keras model with fixed weights (set from NumPy arrays), trained in a custom loop: a subclassed
# model holding a Sequential trunk, its paths and summary, a frozen-then-unfrozen trunk, an L2
# kernel regularizer in the loss, SGD with momentum, and the weights after training.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(3)
x_train = rng.uniform(-1.0, 1.0, (24, 4)).astype("float32")
y_train = (np.sin(x_train[:, :1] * 2.0) + 0.5 * x_train[:, 1:2]).astype("float32")


class Regressor(tf.keras.Model):
    def __init__(self):
        super().__init__(name="regressor")
        self.trunk = tf.keras.Sequential(
            [tf.keras.layers.Dense(8, activation="tanh", name="h1"),
             tf.keras.layers.Dense(8, activation="relu", name="h2",
                                   kernel_regularizer=tf.keras.regularizers.L2(1e-3))],
            name="trunk")
        self.head = tf.keras.layers.Dense(1, name="head")

    def call(self, x, training=None):
        return self.head(self.trunk(x, training=training))


model = Regressor()
model(x_train[:1])
weights = [rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in model.weights]
model.set_weights(weights)
print([w.path for w in model.trainable_variables])
print(model.count_params(), len(model.losses))
model.summary()

optimizer = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)
optimizer.build(model.trainable_variables)  # all of them, before the trunk is frozen
mse = tf.keras.losses.MeanSquaredError()


def train_step(x, y):
    with tf.GradientTape() as tape:
        pred = model(x, training=True)
        loss = mse(y, pred) + sum(model.losses, tf.constant(0.0))  # no losses while the trunk is frozen
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


model.trunk.trainable = False
print("frozen trainable:", [w.path for w in model.trainable_variables], len(model.losses))
for step in range(3):
    loss = train_step(x_train, y_train)
    print(f"frozen step {step}: loss={float(loss):.6f}")
model.trunk.trainable = True
for epoch in range(4):
    for start in range(0, 24, 8):
        loss = train_step(x_train[start:start + 8], y_train[start:start + 8])
    print(f"epoch {epoch}: loss={float(loss):.6f} reg={float(model.losses[0]):.6f} n={len(model.losses)}")

print(np.round(model.get_weights()[-2].ravel(), 5))
print(np.round(model(x_train[:3]).numpy().ravel(), 5))
print(int(optimizer.iterations))
