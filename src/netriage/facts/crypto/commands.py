"""What the `crypto` fact reads (the commands a check names when it is undecided): kept apart
from `model` so the fact registry can name them without importing the area."""

COMMANDS = ("show running-config", "show crypto isakmp sa", "show crypto ipsec sa")
