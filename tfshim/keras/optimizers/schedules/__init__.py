"""`tf.keras.optimizers.schedules`: learning-rate schedules."""
