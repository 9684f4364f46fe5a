"""Widgets of the newsmark reader."""
