# Keras's fit on a tf.data pipeline: a functional classifier with fixed weights, a Dataset that
# maps, batches and repeats, steps_per_epoch, validation on a second Dataset, sparse categorical
# crossentropy from logits with accuracy, a learning-rate schedule callback, then predict on a
# Dataset.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(11)
features = rng.normal(size=(90, 4)).astype("float32")
labels = (np.argmax(features[:, :3], axis=1)).astype("int32")


def scale(x, y):
    return x * 0.5, y


train = tf.data.Dataset.from_tensor_slices((features[:72], labels[:72])).map(scale).batch(12).repeat()
val = tf.data.Dataset.from_tensor_slices((features[72:], labels[72:])).map(scale).batch(9)

inputs = tf.keras.Input((4,), name="features")
hidden = tf.keras.layers.Dense(16, activation="relu", name="hidden")(inputs)
logits = tf.keras.layers.Dense(3, name="logits")(hidden)
model = tf.keras.Model(inputs, logits)
model.set_weights([rng.uniform(-0.4, 0.4, w.shape).astype("float32") for w in model.get_weights()])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1, momentum=0.9),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])

schedule = tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch >= 2 else lr)
history = model.fit(train, epochs=4, steps_per_epoch=6, validation_data=val, verbose=0, callbacks=[schedule])
print(history.epoch, history.params)
for key, values in history.history.items():
    print(key, np.round(values, 5))
print("evaluate:", np.round(model.evaluate(val, verbose=0), 5))
probs = tf.nn.softmax(model.predict(val, verbose=0)).numpy()
print("predict:", probs.shape, probs.argmax(axis=1)[:12])
print("accuracy on the validation rows:", float(np.mean(probs.argmax(axis=1) == labels[72:])))
print("kernel row:", model.get_layer("logits").kernel.numpy()[0].round(4))
