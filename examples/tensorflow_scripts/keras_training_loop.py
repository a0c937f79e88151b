# "Writing a training loop from scratch": a functional MLP, Adam, a sparse cross-entropy on logits,
# an accuracy metric, fixed synthetic data.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(42)

rng = np.random.default_rng(0)
x_train = rng.normal(size=(64, 8)).astype("float32")
y_train = (x_train[:, 0] + x_train[:, 1] > 0).astype("int64") + (x_train[:, 2] > 0.5).astype("int64")

inputs = tf.keras.Input(shape=(8,), name="digits")
x1 = tf.keras.layers.Dense(16, activation="relu")(inputs)
x2 = tf.keras.layers.Dense(16, activation="relu")(x1)
outputs = tf.keras.layers.Dense(3, name="predictions")(x2)
model = tf.keras.Model(inputs=inputs, outputs=outputs)

optimizer = tf.keras.optimizers.Adam(learning_rate=1e-2)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
train_acc_metric = tf.keras.metrics.SparseCategoricalAccuracy()
val_acc_metric = tf.keras.metrics.SparseCategoricalAccuracy()

print([w.shape for w in model.trainable_weights])
print(f"initial kernel sum {float(tf.reduce_sum(model.layers[1].kernel)):.6f}")

batch_size = 16
for epoch in range(3):
    for step in range(len(x_train) // batch_size):
        x_batch = x_train[step * batch_size:(step + 1) * batch_size]
        y_batch = y_train[step * batch_size:(step + 1) * batch_size]
        with tf.GradientTape() as tape:
            logits = model(x_batch, training=True)
            loss_value = loss_fn(y_batch, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        train_acc_metric.update_state(y_batch, logits)
        print(f"epoch {epoch} step {step} loss {float(loss_value):.6f}")
    train_acc = train_acc_metric.result()
    print(f"Training acc over epoch: {float(train_acc):.4f}")
    train_acc_metric.reset_state()
    val_logits = model(x_train[:32], training=False)
    val_acc_metric.update_state(y_train[:32], val_logits)
    print(f"Validation acc: {float(val_acc_metric.result()):.4f}")
    val_acc_metric.reset_state()

print(int(optimizer.iterations.numpy()))
print(f"final kernel sum {float(tf.reduce_sum(model.layers[1].kernel)):.6f}")
print(np.round(model(x_train[:2]).numpy(), 4))
print(tf.argmax(model(x_train[:8]), axis=-1))
