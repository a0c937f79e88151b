"""`tf.keras.backend`: floatx, epsilon, clear_session, image_data_format."""
