"""`tf.keras.regularizers`: L1, L2, L1L2 and their function forms."""
