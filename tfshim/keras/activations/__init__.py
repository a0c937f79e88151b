"""`tf.keras.activations`: activation functions and `get`/`serialize`."""
