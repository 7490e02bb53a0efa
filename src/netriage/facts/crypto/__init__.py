"""Crypto (IKE/IPsec) facts: one public entry for the rest of netriage.

Crypto maps, proposals and keys from the configuration, IKE and IPsec SAs from the show
outputs, and the crypto lines of the log, turned into the per-peer and per-SA observations the
trees test. Outside this package, import from here only. Each name is imported from its module
when first used (`lazy_exports`): the fact registry names `COMMANDS` without the area.
"""

from typing import TYPE_CHECKING

from netriage.facts.crypto.commands import COMMANDS
from netriage.facts.lazy_exports import exports

if TYPE_CHECKING:
    from netriage.facts.crypto.config import CryptoConfig
    from netriage.facts.crypto.model import CryptoFacts, build_config_fact, build_crypto

WHERE = {"CryptoConfig": "config", "CryptoFacts": "model", "build_config_fact": "model",
         "build_crypto": "model"}
__getattr__ = exports(__name__, WHERE)

__all__ = ["COMMANDS", "CryptoConfig", "CryptoFacts", "build_config_fact", "build_crypto"]
