"""`tf.keras.models`: Model (subclassed and functional), Sequential, and their helpers."""
