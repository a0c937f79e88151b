"""`tf.keras.initializers`: Keras 3's initializers, seeded as Keras seeds them."""
