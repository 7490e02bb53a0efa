"""Raw outputs → parsed records, with an honest status for each."""

from netriage.parsing.runner import PARSED, PARTIAL, UNPARSED, ParseResult, parse_output

__all__ = ["PARSED", "PARTIAL", "UNPARSED", "ParseResult", "parse_output"]
