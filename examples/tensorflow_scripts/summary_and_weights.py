# model.summary() of Sequential and functional models, get_weights/set_weights, names and paths.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(99)
seq = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(12, activation="relu", name="d1"),
    tf.keras.layers.Dropout(0.1),
    tf.keras.layers.Dense(4, use_bias=False, name="d2"),
    tf.keras.layers.Activation("softmax"),
], name="classifier")
seq.summary()
print(seq.count_params(), [layer.count_params() for layer in seq.layers])
print(seq.input_shape, seq.output_shape)

inputs = tf.keras.Input(shape=(6,), name="features")
branch_a = tf.keras.layers.Dense(5, activation="relu", name="branch_a")(inputs)
branch_b = tf.keras.layers.Dense(5, activation="sigmoid", name="branch_b")(inputs)
merged = tf.keras.layers.Concatenate(name="merge")([branch_a, branch_b])
added = tf.keras.layers.Add()([branch_a, branch_b])
joined = tf.keras.layers.Concatenate()([merged, added])
out = tf.keras.layers.Dense(2, name="out")(joined)
func = tf.keras.Model(inputs, out, name="two_branch")
func.summary()
print([layer.name for layer in func.layers])
print([w.name for w in func.weights])
print([w.path for w in func.weights])
print([type(layer).__name__ for layer in func.layers])

weights = seq.get_weights()
print([w.shape for w in weights], [w.dtype for w in weights])
x = np.arange(12, dtype=np.float32).reshape(2, 6) / 10.0
before = seq(x).numpy()
clone = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(12, activation="relu"),
    tf.keras.layers.Dropout(0.1),
    tf.keras.layers.Dense(4, use_bias=False),
    tf.keras.layers.Activation("softmax"),
])
print(np.allclose(clone(x).numpy(), before))
clone.set_weights(weights)
print(np.allclose(clone(x).numpy(), before))
print(np.round(before, 5))
seq.layers[0].set_weights([np.ones((6, 12), np.float32), np.zeros(12, np.float32)])
print(np.round(seq(x).numpy(), 5))
try:
    seq.layers[0].set_weights([np.ones((6, 12), np.float32)])
except ValueError:
    print("ValueError")
print(seq.get_layer("d2").kernel.shape, seq.get_layer(index=0).name)
print(func.get_layer("branch_b").output.shape)
print(len(func.trainable_weights), len(func.non_trainable_weights))
func.get_layer("branch_a").trainable = False
print(len(func.trainable_weights), len(func.non_trainable_weights))
print(f"{float(np.sum(func.get_weights()[0])):.6f}")
