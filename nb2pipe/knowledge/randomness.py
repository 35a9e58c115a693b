"""Knowledge as data: what draws random numbers (the global generators, with how a node saves
and restores their state; generator objects; fitting that draws from numpy's global generator)
and which literal arguments tune it (seeds, hyper-parameters). Names are fully qualified
(``numpy.random.seed``) after import aliases are resolved. Please add rows here rather than `if`
chains elsewhere.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from ..model.symbols import Rng

#: One global generator's row: "draws" (the draws, for a module that has other functions) or
#: "not_draws" (every other function of the module draws).
GlobalRng = TypedDict("GlobalRng", {
    "module": str, "seed": str, "draws": NotRequired[frozenset[str]],
    "not_draws": NotRequired[frozenset[str]], "import": str, "get": str, "set": str, "dataset": str,
})

#: Global random generators: the module whose functions draw, the seeding function, the
#: functions that are not draws, and how a node reads and restores the generator's state.
GLOBAL_RNGS: dict[Rng, GlobalRng] = {
    Rng("numpy"): {
        "module": "numpy.random",
        "seed": "numpy.random.seed",
        "not_draws": frozenset(
            {"seed", "default_rng", "RandomState", "Generator", "PCG64", "PCG64DXSM", "MT19937",
             "Philox", "SFC64", "SeedSequence", "BitGenerator", "get_state", "set_state"}
        ),
        "import": "import numpy",
        "get": "numpy.random.get_state()",
        "set": "numpy.random.set_state({})",
        "dataset": "np_random_state",
    },
    Rng("random"): {
        "module": "random",
        "seed": "random.seed",
        "not_draws": frozenset({"seed", "Random", "SystemRandom", "getstate", "setstate"}),
        "import": "import random",
        "get": "random.getstate()",
        "set": "random.setstate({})",
        "dataset": "py_random_state",
    },
    Rng("torch"): {
        "module": "torch",
        "seed": "torch.manual_seed",
        "draws": frozenset(
            {"rand", "randn", "randint", "randperm", "normal", "bernoulli", "multinomial",
             "rand_like", "randn_like", "randint_like", "poisson"}
        ),
        "import": "import torch",
        "get": "torch.get_rng_state()",
        "set": "torch.set_rng_state({})",
        "dataset": "torch_random_state",
    },
}

#: Constructors of random generator objects: drawing from the object mutates it.
RNG_CONSTRUCTORS = frozenset(
    {"numpy.random.default_rng", "numpy.random.RandomState", "numpy.random.Generator",
     "random.Random", "torch.Generator"}
)

#: With a global numpy seed, these draw from numpy's global generator unless given random_state.
IMPLICIT_NUMPY_DRAW_METHODS = frozenset(
    {"fit", "fit_transform", "fit_predict", "partial_fit", "fit_resample", "sample"}
)
IMPLICIT_NUMPY_DRAW_PREFIXES = ("sklearn.",)
#: Likewise these functions (scipy.stats' resampling tests) and, on any object, these methods:
#: a scipy.stats distribution's `rvs` (`stats.norm.rvs(size=5)`, `stats.norm(1).rvs(5)`).
IMPLICIT_NUMPY_DRAW_FUNCTIONS = frozenset(
    {"scipy.stats.bootstrap", "scipy.stats.permutation_test", "scipy.stats.monte_carlo_test"}
)
IMPLICIT_NUMPY_DRAW_ANY_METHODS = frozenset({"rvs"})

#: Keyword arguments that are hyper-parameters: a literal given to them becomes a parameter.
HYPERPARAMETERS = frozenset(
    {"test_size", "train_size", "random_state", "seed", "n_estimators", "max_depth",
     "learning_rate", "n_clusters", "max_iter", "n_components", "n_neighbors", "n_splits", "cv",
     "min_samples_split", "min_samples_leaf", "max_features", "C", "alpha", "l1_ratio", "gamma",
     "epochs", "batch_size", "lr", "dropout", "threshold", "n_iter", "tol", "penalizer",
     "degree", "max_leaf_nodes", "subsample", "n_init", "perplexity", "eps",
     "min_samples", "frac", "n_bins"}
)
#: Seeding calls whose first positional literal argument is a seed parameter.
SEED_CALLS = frozenset(
    {"numpy.random.seed", "random.seed", "torch.manual_seed", "tensorflow.random.set_seed",
     "numpy.random.default_rng", "numpy.random.RandomState", "random.Random",
     "torch.cuda.manual_seed_all"}
)
