"""tfshim's benchmark suite: ratios to a hand-written NumPy floor, tfshim and TensorFlow side by side."""
