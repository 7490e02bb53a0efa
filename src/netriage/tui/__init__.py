"""The Textual views. Only this package imports Textual."""
