# A small CNN (Conv2D, BatchNormalization, MaxPooling2D, SeparableConv2D, GlobalAveragePooling2D,
# Dropout, Dense) on synthetic 12x12 images, trained in a custom GradientTape loop. Weights come from
# the seeded initializers (tf.keras.utils.set_random_seed), Dropout from the seeded streams; the
# loop prints the losses, BatchNormalization's moving statistics, and inference-mode predictions.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(7)
rng = np.random.default_rng(0)
x_train = rng.normal(size=(32, 12, 12, 1)).astype("float32")
# class 1: a bright square in the upper-left corner
labels = rng.integers(0, 2, size=32)
x_train[labels == 1, 2:6, 2:6, 0] += 2.0
y_train = labels.astype("int32")

layers = tf.keras.layers
model = tf.keras.Sequential([
    tf.keras.Input((12, 12, 1)),
    layers.Conv2D(6, 3, padding="same", use_bias=False, name="conv1"),
    layers.BatchNormalization(momentum=0.9, name="bn1"),
    layers.Activation("relu", name="relu1"),
    layers.MaxPooling2D(name="pool1"),
    layers.SeparableConv2D(8, 3, name="sep"),
    layers.BatchNormalization(name="bn2"),
    layers.Activation("relu", name="relu2"),
    layers.GlobalAveragePooling2D(name="gap"),
    layers.Dropout(0.25, name="drop"),
    layers.Dense(2, name="logits"),
], name="small_cnn")
model.summary(line_length=90)

loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)

for epoch in range(4):
    for start in range(0, 32, 8):
        xb, yb = x_train[start:start + 8], y_train[start:start + 8]
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        print(f"epoch {epoch} batch {start // 8} loss {float(loss):.5f}")

bn1 = model.get_layer("bn1")
print("bn1 moving_mean", np.round(bn1.moving_mean.numpy(), 4))
print("bn1 moving_variance", np.round(bn1.moving_variance.numpy(), 4))
probs = tf.nn.softmax(model(x_train[:6], training=False))
print("predictions", np.round(probs.numpy(), 4))
print("accuracy", float(np.mean(np.argmax(model(x_train, training=False).numpy(), -1) == y_train)))

# freezing BatchNormalization puts it in inference mode even with training=True
bn1.trainable = False
before = bn1.moving_mean.numpy().copy()
model(x_train[:8], training=True)
print("frozen bn1 kept its statistics:", bool(np.all(before == bn1.moving_mean.numpy())))
print("trainable weights after freezing:", len(model.trainable_weights))
