# A subclassed tf.keras.Model holding a list of layers, with Dropout that only acts when training,
# trained with SGD and momentum.
import numpy as np
import tensorflow as tf


class MLP(tf.keras.Model):
    def __init__(self, widths, num_classes, rate=0.25, **kwargs):
        super().__init__(**kwargs)
        self.hidden = [tf.keras.layers.Dense(w, activation="tanh", name=f"hidden_{i}") for i, w in enumerate(widths)]
        self.dropout = tf.keras.layers.Dropout(rate)
        self.head = tf.keras.layers.Dense(num_classes, kernel_initializer="he_normal", bias_initializer="ones")

    def call(self, inputs, training=False):
        x = inputs
        for layer in self.hidden:
            x = layer(x)
            x = self.dropout(x, training=training)
        return self.head(x)


tf.keras.utils.set_random_seed(7)
model = MLP([12, 6], num_classes=4, name="mlp")
x = np.linspace(-1.0, 1.0, 40, dtype="float32").reshape(10, 4)
y = np.array([0, 1, 2, 3, 0, 1, 2, 3, 0, 1])
print(model.built, len(model.weights))
logits = model(x)
print(model.built, len(model.weights), len(model.trainable_weights), len(model.layers))
print([layer.name for layer in model.layers])
print([v.path for v in model.weights])
print(np.round(logits.numpy()[:2], 5))

same = np.allclose(model(x, training=False).numpy(), model(x, training=False).numpy())
print("inference deterministic:", same)
dropped = model.dropout(tf.ones((2, 8)), training=True)
print(dropped)
print(model.dropout(tf.ones((2, 3)), training=False))

optimizer = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name="acc")
mean_loss = tf.keras.metrics.Mean(name="loss")
for step in range(8):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    mean_loss.update_state(loss)
    accuracy.update_state(y, model(x, training=False))
    print(f"step {step}: loss={float(loss):.6f} mean={float(mean_loss.result()):.6f} "
          f"acc={float(accuracy.result()):.4f}")
print([v.path for v in optimizer.variables])
print(f"{float(tf.reduce_sum(model.head.kernel)):.5f}", f"{float(tf.reduce_mean(model.head.bias)):.5f}")
print(accuracy.name, mean_loss.name, int(mean_loss.count.numpy()))
