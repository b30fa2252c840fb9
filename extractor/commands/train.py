"""``policyx train``: train a learned recogniser from the gold corpus."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.option("--gold", type=click.Path(exists=True, path_type=Path), default=Path("corpora/gold"),
              show_default=True, help="Gold JSONL file or folder of them.")
@click.option("--backend", type=click.Choice(["spacy", "transformers"]), default="spacy",
              show_default=True, help="spaCy NER (shipped in models/) or a Hugging Face model.")
@click.option("--base", type=click.Path(path_type=Path),
              help="transformers: local folder of the model to fine-tune (never a hub name).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("models/ner"),
              show_default=True, help="Folder the trained model is written to.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--epochs", type=int, default=None, help="Passes over the data (backend default).")
@click.option("--max-steps", type=int, default=None, help="Stop after this many updates.")
def train(gold: Path, backend: str, base: Path | None, output: Path, seed: int,
          epochs: int | None, max_steps: int | None) -> None:
    """Train a named-entity recogniser from gold annotations, deterministically.

    \b
    Examples:
      policyx train                                   # spaCy NER → models/ner
      policyx train --backend transformers --base ~/models/chinese-bert -o models/hf-ner
    """
    from ..errors import PolicyxError
    from ..train.examples import load_examples

    if backend == "transformers":
        if base is None:
            raise PolicyxError("--backend transformers needs --base PATH (a local model folder)")
        if not base.is_dir():
            raise PolicyxError(f"{base}: no such model folder")
    examples = load_examples(gold)
    if not examples:
        raise PolicyxError(f"{gold}: no gold documents")
    if backend == "spacy":
        from ..train.spacy_ner import train as run
        summary = run(examples, output, seed=seed, epochs=epochs, max_steps=max_steps)
    else:
        assert base is not None
        from ..train.hf import train as run_hf
        summary = run_hf(examples, base, output, seed=seed, epochs=epochs, max_steps=max_steps)
    click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
