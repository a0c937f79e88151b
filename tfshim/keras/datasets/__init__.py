"""`tf.keras.datasets`: the small datasets Keras downloads and caches."""
