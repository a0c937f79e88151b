"""`tf.keras.metrics`: stateful metrics (update_state / result / reset_state)."""
