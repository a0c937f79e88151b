"""`tf.keras.callbacks`: training callbacks."""
