"""`tf.keras.optimizers`: Keras 3.15's optimizers with its exact update rules."""
