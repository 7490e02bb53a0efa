"""Crypto (IKE/IPsec) facts: one public entry for the rest of netriage.

Crypto maps, proposals and keys from the configuration, IKE and IPsec SAs from the show
outputs, and the crypto lines of the log, turned into the per-peer and per-SA observations the
trees test. Outside this package, import from here only.
"""

from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.model import COMMANDS, CryptoFacts, build_config_fact, build_crypto

__all__ = ["COMMANDS", "CryptoConfig", "CryptoFacts", "build_config_fact", "build_crypto"]
