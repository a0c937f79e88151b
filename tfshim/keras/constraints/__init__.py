"""`tf.keras.constraints`: weight constraints."""
