"""Compare extracted documents: aligned tables, value-level diffs, citation graphs."""
