"""`tf.random`: TensorFlow's CPU random streams (Philox, TF's seeding and transforms), see
`tfshim.ops.random_ops` and docs/differences.md."""

import types as _types

from tfshim.ops.random_ops import (
    Algorithm,
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
    stateless_binomial,
    stateless_categorical,
    stateless_gamma,
    stateless_normal,
    stateless_poisson,
    stateless_truncated_normal,
    stateless_uniform,
    truncated_normal,
    uniform,
)
from tfshim.ops.random_ops import stateless_shuffle as _stateless_shuffle

experimental = _types.ModuleType("tfshim.random.experimental", "`tf.random.experimental`.")
experimental.Algorithm = Algorithm
experimental.Generator = Generator
experimental.create_rng_state = create_rng_state
experimental.get_global_generator = get_global_generator
experimental.set_global_generator = set_global_generator
experimental.stateless_fold_in = fold_in
experimental.stateless_shuffle = _stateless_shuffle
experimental.stateless_split = split
