# Keras's built-in training loop on NumPy arrays: a Sequential regressor with fixed weights,
# compile with a string optimizer/loss and metrics, fit with a validation split and EarlyStopping,
# then History, evaluate, predict and train_on_batch.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(7)
x = rng.uniform(-1.0, 1.0, (64, 3)).astype("float32")
y = (x @ np.array([[1.5], [-2.0], [0.5]], "float32") + 0.3).astype("float32")

model = tf.keras.Sequential([
    tf.keras.Input((3,)),
    tf.keras.layers.Dense(8, activation="tanh"),
    tf.keras.layers.Dense(1),
])
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in model.get_weights()])
model.compile(optimizer=tf.keras.optimizers.Adam(0.02), loss="mse", metrics=["mae"])
print("metrics_names before fit:", model.metrics_names)

history = model.fit(x, y, batch_size=16, epochs=8, validation_split=0.25, shuffle=False, verbose=0,
                    callbacks=[tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=2)])
print(type(history).__name__, history.epoch)
print(list(history.history))
for key, values in history.history.items():
    print(key, np.round(values, 5))
print("params:", history.params)

print("evaluate:", np.round(model.evaluate(x, y, batch_size=10, verbose=0), 5))
print("evaluate dict:", {k: round(v, 5) for k, v in model.evaluate(x, y, verbose=0, return_dict=True).items()})
print("predict:", model.predict(x[:4], verbose=0).round(5).ravel())
print("train_on_batch:", np.round(model.train_on_batch(x[:8], y[:8]), 5))
print("iterations:", int(model.optimizer.iterations))
for w in model.get_weights():
    print(w.shape, w.round(4).ravel()[:6])
