"""Global random generators in generated nodes: how a node restores and saves a generator's state,
spelled with the notebook's own import of the generator's module (`np.random.get_state()` when
the notebook has `import numpy as np`, not a second `import numpy`)."""

from __future__ import annotations

import ast
import functools

from ..knowledge.calls import GlobalRng
from ..model import SourceFacts


def module_alias(facts: SourceFacts, module: str) -> str:
    """The name the source's hoisted imports bind to the whole ``module`` (`np` for
    `import numpy as np`); ``module`` itself when no such import exists (nb2pipe then imports
    it). A name bound again by the notebook's code is not relied on."""
    rebound = {s for c in facts.chunks if c.kind != "import" for s in c.defines | c.maybe_defines}
    for code in facts.imports:
        alias = import_alias(code, module)
        if alias and alias not in rebound:
            return alias
    return module


@functools.lru_cache(maxsize=1024)
def import_alias(code: str, module: str) -> str:
    """`import numpy as np` → "np" for module "numpy" ("" when ``code`` does not bind the
    whole ``module``)."""
    try:
        tree = ast.parse(code.strip())
    except SyntaxError:
        return ""
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.name == module:
                    return alias.asname or alias.name
    return ""


def state_code(template: str, rng: GlobalRng, alias: str) -> str:
    """``template`` (the table's `numpy.random.get_state()`) with the module spelled ``alias``."""
    module = rng["import"].split()[-1]
    return alias + template[len(module) :] if template.startswith(module + ".") else template
