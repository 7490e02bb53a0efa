"""netriage: troubleshooting assistant for Cisco failover, IPsec and interface faults."""

__version__ = "0.1.0"
