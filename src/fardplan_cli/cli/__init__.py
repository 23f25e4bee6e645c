"""The Typer app: thin commands that parse arguments, call the domain and hand the result to a renderer."""
