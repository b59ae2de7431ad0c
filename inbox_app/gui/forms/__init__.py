# generated — do not edit (regenerate with: python resources/compile.py)
"""Compiled Qt Designer forms."""
