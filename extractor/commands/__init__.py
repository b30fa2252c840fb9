"""Sub-commands of ``policyx`` beyond extract/schema/evaluate, one module each."""
