"""`tf.random`. Values come from NumPy generators, so they differ from TensorFlow's (see
`tfshim.ops.random_ops`); shapes, dtypes, distributions, seeding contract and errors follow TF."""

from tfshim.ops.random_ops import (
    Generator,
    categorical,
    create_rng_state,
    fold_in,
    gamma,
    get_global_generator,
    normal,
    poisson,
    set_global_generator,
    set_seed,
    shuffle,
    split,
    stateless_categorical,
    stateless_normal,
    stateless_truncated_normal,
    stateless_uniform,
    truncated_normal,
    uniform,
)
