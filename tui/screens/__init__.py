"""Screens of the newsmark reader."""
